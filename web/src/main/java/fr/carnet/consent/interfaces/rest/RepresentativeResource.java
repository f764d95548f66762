package fr.carnet.consent.interfaces.rest;

import fr.carnet.access.Representation;
import fr.carnet.consent.application.RepresentativeService;
import fr.carnet.consent.model.Representative;
import fr.carnet.record.interfaces.rest.IdentityMapping;
import fr.carnet.record.interfaces.rest.InsJson;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.record.interfaces.rest.TraitsJson;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Legal representatives: registered and ended by agents and administrators, listed to them and to
 * the patient's side. A registration is pending, and gives no right, until a second staff member
 * approves it ({@code …/{representativeId}/approval}) before it expires. A representative finds the
 * records they act for at {@code /v1/records/represented}.
 */
@Path("/v1/records")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Representatives")
public class RepresentativeResource {

  @EJB private RepresentativeService representatives;
  @Inject private CurrentActor actor;

  /** Registration of a representative, who must have a record of their own. */
  public static class RepresentativeRequest {
    @Valid @NotNull public InsJson ins;
    @Valid @NotNull public TraitsJson traits;

    @Schema(enumeration = {"MINOR", "PROTECTED_ADULT"})
    @NotNull
    public String kind;

    @Schema(enumeration = {"PARENT", "GUARDIAN"})
    @NotNull
    public String relationship;

    @Schema(
        description = "The court's decision naming the guardian: required for PROTECTED_ADULT",
        nullable = true)
    @Valid
    public CourtDecisionJson courtDecision;
  }

  /** The court's decision that names the guardian of an adult. */
  public static class CourtDecisionJson {
    @Schema(example = "Tribunal judiciaire de Lyon")
    public String court;

    @Schema(example = "2026-03-02", format = "date")
    public String date;

    @Schema(example = "RG 26/01234")
    public String number;

    static CourtDecisionJson of(Representative.CourtDecision decision) {
      if (decision == null) {
        return null;
      }
      CourtDecisionJson json = new CourtDecisionJson();
      json.court = decision.court();
      json.date = decision.date().toString();
      json.number = decision.number();
      return json;
    }
  }

  /** A representative, named but never by INS. */
  public record RepresentativeJson(
      @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
      String birthName,
      String firstNames,
      String kind,
      String relationship,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant registeredAt,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant endedAt,
      @Schema(description = "approved, not ended, and (for a minor) not yet of age") boolean active,
      @Schema(enumeration = {"PENDING", "EXPIRED", "ACTIVE", "REJECTED", "ENDED"}) String status,
      @Schema(description = "the staff member who asked") String registeredBy,
      @Schema(
              type = SchemaType.STRING,
              format = "date-time",
              description = "until when a second staff member may approve",
              nullable = true)
          Instant expiresAt,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant decidedAt,
      @Schema(description = "the second staff member", nullable = true) String decidedBy,
      @Schema(nullable = true) CourtDecisionJson courtDecision) {

    static RepresentativeJson of(RepresentativeService.RepresentativeView view) {
      return new RepresentativeJson(
          view.id(),
          view.birthName(),
          view.firstNames(),
          view.kind().name(),
          view.relationship().name(),
          view.registeredAt(),
          view.endedAt(),
          view.active(),
          view.status().name(),
          view.registeredBy(),
          view.expiresAt(),
          view.decidedAt(),
          view.decidedBy(),
          CourtDecisionJson.of(view.courtDecision()));
    }
  }

  /** A record the caller acts for. */
  public record RepresentedJson(
      @Schema(type = SchemaType.STRING, format = "uuid") UUID recordId,
      String birthName,
      String firstNames,
      String kind) {}

  @POST
  @Path("{recordId}/representatives")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Ask for a legal representative (agent or administrator): pending, no right, until a"
              + " second staff member approves")
  @APIResponse(
      responseCode = "201",
      description = "Registered, PENDING",
      content = @Content(schema = @Schema(implementation = RepresentativeJson.class)))
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_FAILED, COURT_DECISION_REQUIRED (PROTECTED_ADULT)")
  @APIResponse(
      responseCode = "409",
      description =
          "INS_TRAITS_MISMATCH, REPRESENTATIVE_ALREADY_REGISTERED, REPRESENTATION_NOT_APPLICABLE")
  public Response register(
      @PathParam("recordId") String recordId, @Valid @NotNull RepresentativeRequest request) {
    Representation.Kind kind;
    Representative.Relationship relationship;
    try {
      kind = Representation.Kind.valueOf(request.kind);
      relationship = Representative.Relationship.valueOf(request.relationship);
    } catch (IllegalArgumentException e) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "kind is MINOR or PROTECTED_ADULT; relationship is PARENT or GUARDIAN");
    }
    RepresentativeJson body =
        RepresentativeJson.of(
            representatives.register(
                actor.get(),
                ResourceIds.uuid(recordId),
                IdentityMapping.ins(request.ins),
                IdentityMapping.traits(request.traits),
                kind,
                relationship,
                courtDecision(request.courtDecision)));
    return Response.status(Response.Status.CREATED).entity(body).build();
  }

  private static Representative.CourtDecision courtDecision(CourtDecisionJson json) {
    if (json == null) {
      return null;
    }
    LocalDate date;
    try {
      date = json.date == null ? null : LocalDate.parse(json.date.strip());
    } catch (DateTimeParseException e) {
      throw new CarnetException(
          ErrorCode.COURT_DECISION_REQUIRED, "courtDecision.date is a date (YYYY-MM-DD)");
    }
    return new Representative.CourtDecision(json.court, date, json.number);
  }

  @POST
  @Path("{recordId}/representatives/{representativeId}/approval")
  @Operation(
      summary =
          "Approve a pending representative (another agent, or an administrator): the right is"
              + " live from now")
  @APIResponse(
      responseCode = "200",
      description = "Approved, ACTIVE",
      content = @Content(schema = @Schema(implementation = RepresentativeJson.class)))
  @APIResponse(responseCode = "403", description = "SAME_STAFF_MEMBER, FORBIDDEN")
  @APIResponse(responseCode = "404", description = "REPRESENTATIVE_NOT_FOUND")
  @APIResponse(responseCode = "409", description = "APPROVAL_EXPIRED, ALREADY_DECIDED")
  public RepresentativeJson approve(
      @PathParam("recordId") String recordId,
      @PathParam("representativeId") String representativeId) {
    return RepresentativeJson.of(
        representatives.approve(
            actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(representativeId)));
  }

  @POST
  @Path("{recordId}/representatives/{representativeId}/rejection")
  @Operation(summary = "Reject a pending representative (another agent, or an administrator)")
  @APIResponse(
      responseCode = "200",
      description = "Rejected",
      content = @Content(schema = @Schema(implementation = RepresentativeJson.class)))
  @APIResponse(responseCode = "403", description = "SAME_STAFF_MEMBER, FORBIDDEN")
  @APIResponse(responseCode = "404", description = "REPRESENTATIVE_NOT_FOUND")
  @APIResponse(responseCode = "409", description = "APPROVAL_EXPIRED, ALREADY_DECIDED")
  public RepresentativeJson reject(
      @PathParam("recordId") String recordId,
      @PathParam("representativeId") String representativeId) {
    return RepresentativeJson.of(
        representatives.reject(
            actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(representativeId)));
  }

  @GET
  @Path("{recordId}/representatives")
  @Operation(summary = "The record's representatives: pending, active, rejected, expired, ended")
  @APIResponse(
      responseCode = "200",
      description = "Representatives",
      content = @Content(schema = @Schema(implementation = RepresentativeJson[].class)))
  public List<RepresentativeJson> list(@PathParam("recordId") String recordId) {
    return representatives.list(actor.get(), ResourceIds.uuid(recordId)).stream()
        .map(RepresentativeJson::of)
        .toList();
  }

  @DELETE
  @Path("{recordId}/representatives/{representativeId}")
  @Operation(summary = "End a representation (agent or administrator)")
  @APIResponse(responseCode = "204", description = "Ended")
  @APIResponse(responseCode = "404", description = "REPRESENTATIVE_NOT_FOUND")
  public Response end(
      @PathParam("recordId") String recordId,
      @PathParam("representativeId") String representativeId) {
    representatives.end(
        actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(representativeId));
    return Response.noContent().build();
  }

  @GET
  @Path("represented")
  @Operation(summary = "The records the calling patient currently represents")
  @APIResponse(
      responseCode = "200",
      description = "Represented records",
      content = @Content(schema = @Schema(implementation = RepresentedJson[].class)))
  public List<RepresentedJson> represented() {
    return representatives.represented(actor.get()).stream()
        .map(r -> new RepresentedJson(r.recordId(), r.birthName(), r.firstNames(), r.kind().name()))
        .toList();
  }
}
