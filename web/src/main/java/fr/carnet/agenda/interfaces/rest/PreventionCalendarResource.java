package fr.carnet.agenda.interfaces.rest;

import fr.carnet.agenda.application.PreventionCalendarService;
import fr.carnet.agenda.application.PreventionCalendarService.RuleInput;
import fr.carnet.agenda.model.PreventionRule;
import fr.carnet.agenda.model.PreventionRuleChange;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The national prevention calendar (issue 21), kept by administrators: each read and change a staff
 * action, traced. Ages 0 to 120 (min at most max), an interval of at least a month.
 */
@Path("/v1/admin/prevention-calendar")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Agenda")
public class PreventionCalendarResource {

  @EJB private PreventionCalendarService calendar;
  @Inject private CurrentActor actor;

  /** A rule: {@code sex} F, M or ANY; ages in whole years, both included; {@code every} ISO. */
  public static class RuleRequest {
    public String code;
    public String label;
    public String sex;
    public Integer minAge;
    public Integer maxAge;

    @Schema(description = "ISO-8601 period of at least a month: P1Y, P2Y, P10Y")
    public String every;
  }

  public record RuleJson(
      String code,
      String label,
      String sex,
      int minAge,
      int maxAge,
      String every,
      @Schema(nullable = true) Instant retiredAt) {

    static RuleJson of(PreventionRule r) {
      return new RuleJson(
          r.code(),
          r.label(),
          r.sex(),
          r.minAge(),
          r.maxAge(),
          r.every().toString(),
          r.retiredAt());
    }
  }

  /** One change of a rule: the rule before (null for an addition) and after, who and when. */
  public record ChangeJson(
      String id,
      String code,
      @Schema(enumeration = {"ADDED", "CHANGED", "RETIRED", "RESTORED"}) String kind,
      @Schema(nullable = true) RuleJson before,
      RuleJson after,
      String changedBy,
      Instant changedAt) {

    static ChangeJson of(PreventionRuleChange c) {
      return new ChangeJson(
          c.id().toString(),
          c.code(),
          c.kind().name(),
          c.before() == null ? null : RuleJson.of(c.before()),
          RuleJson.of(c.after()),
          c.changedBy(),
          c.changedAt());
    }
  }

  @GET
  @Path("{code}/changes")
  @Operation(
      summary =
          "A rule's history: each addition, change, retirement and restoration, newest first,"
              + " with the rule before and after (administrators and auditors;"
              + " PREVENTION_CALENDAR_READ)")
  @APIResponse(
      responseCode = "200",
      description = "Changes, newest first",
      content = @Content(schema = @Schema(implementation = ChangeJson[].class)))
  @APIResponse(responseCode = "400", description = "VALIDATION_FAILED (limit: 1 to 100)")
  @APIResponse(responseCode = "403", description = "FORBIDDEN")
  @APIResponse(responseCode = "404", description = "PREVENTION_RULE_NOT_FOUND")
  public List<ChangeJson> changes(
      @PathParam("code") String code, @QueryParam("limit") Integer limit) {
    return calendar
        .changes(actor.get(), code, limit == null ? PreventionCalendarService.MAX_CHANGES : limit)
        .stream()
        .map(ChangeJson::of)
        .toList();
  }

  @GET
  @Operation(summary = "The prevention calendar, retired rules included (PREVENTION_CALENDAR_READ)")
  @APIResponse(
      responseCode = "200",
      description = "Rules",
      content = @Content(schema = @Schema(implementation = RuleJson[].class)))
  public List<RuleJson> rules() {
    return calendar.rules(actor.get()).stream().map(RuleJson::of).toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Add a rule (PREVENTION_CALENDAR_CHANGE)")
  @APIResponse(responseCode = "201", description = "Added")
  @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
  @APIResponse(responseCode = "409", description = "PREVENTION_RULE_EXISTS")
  public Response add(RuleRequest request) {
    PreventionRule added = calendar.add(actor.get(), input(request, null));
    return Response.status(Response.Status.CREATED).entity(RuleJson.of(added)).build();
  }

  @PUT
  @Path("{code}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change a rule's label, sex, ages or interval (PREVENTION_CALENDAR_CHANGE)")
  @APIResponse(responseCode = "200", description = "Changed")
  @APIResponse(responseCode = "404", description = "PREVENTION_RULE_NOT_FOUND")
  public RuleJson change(@PathParam("code") String code, RuleRequest request) {
    return RuleJson.of(calendar.change(actor.get(), input(request, code)));
  }

  @DELETE
  @Path("{code}")
  @Operation(summary = "Retire a rule: it reminds nobody from now on (PREVENTION_CALENDAR_CHANGE)")
  @APIResponse(responseCode = "200", description = "Retired")
  public RuleJson retire(@PathParam("code") String code) {
    return RuleJson.of(calendar.retire(actor.get(), code, true));
  }

  @POST
  @Path("{code}/restoration")
  @Operation(summary = "Restore a retired rule (PREVENTION_CALENDAR_CHANGE)")
  @APIResponse(responseCode = "200", description = "Restored")
  public RuleJson restore(@PathParam("code") String code) {
    return RuleJson.of(calendar.retire(actor.get(), code, false));
  }

  private static RuleInput input(RuleRequest r, String code) {
    if (r == null) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "a body is required");
    }
    return new RuleInput(code == null ? r.code : code, r.label, r.sex, r.minAge, r.maxAge, r.every);
  }
}
