package fr.carnet.catalogue.interfaces.rest;

import fr.carnet.catalogue.application.CatalogueService;
import fr.carnet.catalogue.application.CatalogueService.AppView;
import fr.carnet.catalogue.model.App;
import fr.carnet.catalogue.model.CatalogueRequest;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The catalogue of referenced apps (issue 21): patients (and agents) read the referenced apps;
 * administrators submit an app after review, a second administrator approves, one suspends at once,
 * two reinstate. Parses and answers only: the service asks the policy through the gate.
 */
@Path("/v1/catalogue")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"patient", "agent", "admin"})
@Tag(name = "Catalogue")
public class CatalogueResource {

  @EJB private CatalogueService catalogue;
  @Inject private CurrentActor actor;

  /** What an administrator submits after review. */
  public static class SubmissionJson {
    public String clientId;
    public String name;
    public String publisher;
    public boolean exchangesData;
    public List<String> scopes;
    public List<String> criteria;
  }

  /** Why an app is suspended. */
  public static class SuspensionJson {
    public String reason;
  }

  /** A request waiting for a second administrator. */
  public record RequestJson(
      String id, String kind, Instant requestedAt, String requestedBy, Instant expiresAt) {}

  /** An app of the catalogue; {@code pending} for administrators only. */
  public record AppJson(
      String id,
      String clientId,
      String name,
      String publisher,
      boolean exchangesData,
      List<String> scopes,
      @Schema(enumeration = {"PENDING", "REFERENCED", "REJECTED", "SUSPENDED"}) String status,
      List<String> criteria,
      @Schema(nullable = true) String suspensionReason,
      @Schema(nullable = true) RequestJson pending) {}

  /** A page of the catalogue. */
  public record AppsJson(List<AppJson> items) {}

  /** One criterion of the checklist. */
  public record CriterionJson(String code, boolean dataOnly, String label) {}

  /** The checklist and the kinds of scope. */
  public record ChecklistJson(List<CriterionJson> criteria, Map<String, Boolean> scopeKinds) {}

  @GET
  @Path("apps")
  @Operation(
      summary =
          "The referenced apps a patient may connect; with all=true (administrators) every app"
              + " with its pending request")
  @APIResponse(
      responseCode = "200",
      description = "The apps",
      content = @Content(schema = @Schema(implementation = AppsJson.class)))
  public AppsJson apps(@QueryParam("all") boolean all) {
    return new AppsJson(
        catalogue.list(actor.get(), all).stream().map(CatalogueResource::json).toList());
  }

  @GET
  @Path("criteria")
  @Operation(summary = "The review's checklist and the kinds of scope, as data")
  @APIResponse(
      responseCode = "200",
      description = "The checklist",
      content = @Content(schema = @Schema(implementation = ChecklistJson.class)))
  public ChecklistJson criteria() {
    var checklist = catalogue.checklist(actor.get());
    return new ChecklistJson(
        checklist.criteria().stream()
            .map(c -> new CriterionJson(c.code(), c.dataOnly(), c.label()))
            .toList(),
        checklist.scopeKinds());
  }

  @POST
  @Path("apps")
  @Consumes(MediaType.APPLICATION_JSON)
  @ApiRoles("admin")
  @Operation(
      summary =
          "Submit an app after review (administrator): it is referenced only once a second"
              + " administrator approves the request. Traced CATALOGUE_REQUEST")
  @APIResponse(
      responseCode = "202",
      description = "The app, PENDING, with its request",
      content = @Content(schema = @Schema(implementation = AppJson.class)))
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_FAILED, APP_SCOPE_INVALID, APP_CRITERIA_INCOMPLETE")
  @APIResponse(responseCode = "409", description = "APP_CLIENT_ID_TAKEN")
  public Response submit(SubmissionJson body) {
    if (body == null) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "a body is required");
    }
    AppView submitted =
        catalogue.submit(
            actor.get(),
            new CatalogueService.Submission(
                body.clientId,
                body.name,
                body.publisher,
                body.exchangesData,
                body.scopes,
                body.criteria));
    return Response.accepted(json(submitted)).build();
  }

  @POST
  @Path("requests/{requestId}/approval")
  @ApiRoles("admin")
  @Operation(
      summary =
          "A second administrator approves a request (reference, reinstate); never the one who"
              + " asked. Traced CATALOGUE_APPROVE")
  @APIResponse(
      responseCode = "200",
      description = "The app as it now stands",
      content = @Content(schema = @Schema(implementation = AppJson.class)))
  @APIResponse(responseCode = "403", description = "SAME_STAFF_MEMBER, FORBIDDEN")
  @APIResponse(responseCode = "409", description = "ALREADY_DECIDED, APPROVAL_EXPIRED")
  public AppJson approve(@PathParam("requestId") String requestId) {
    return json(catalogue.decide(actor.get(), ResourceIds.uuid(requestId), true));
  }

  @POST
  @Path("requests/{requestId}/rejection")
  @ApiRoles("admin")
  @Operation(summary = "A second administrator rejects a request. Traced CATALOGUE_REJECT")
  @APIResponse(
      responseCode = "200",
      description = "The app as it now stands",
      content = @Content(schema = @Schema(implementation = AppJson.class)))
  public AppJson reject(@PathParam("requestId") String requestId) {
    return json(catalogue.decide(actor.get(), ResourceIds.uuid(requestId), false));
  }

  @POST
  @Path("apps/{appId}/suspension")
  @Consumes(MediaType.APPLICATION_JSON)
  @ApiRoles("admin")
  @Operation(
      summary =
          "Suspend a referenced app (one administrator, at once): every patient's grant to it"
              + " gives nothing from now. Traced CATALOGUE_SUSPEND")
  @APIResponse(
      responseCode = "200",
      description = "The app, SUSPENDED",
      content = @Content(schema = @Schema(implementation = AppJson.class)))
  @APIResponse(responseCode = "409", description = "APP_STATE_CONFLICT")
  public AppJson suspend(@PathParam("appId") String appId, SuspensionJson body) {
    return json(
        catalogue.suspend(actor.get(), ResourceIds.uuid(appId), body == null ? null : body.reason));
  }

  @POST
  @Path("apps/{appId}/reinstatement")
  @ApiRoles("admin")
  @Operation(
      summary =
          "Ask to reinstate a suspended app: a second administrator approves the request."
              + " Traced CATALOGUE_REQUEST")
  @APIResponse(
      responseCode = "202",
      description = "The app with its request",
      content = @Content(schema = @Schema(implementation = AppJson.class)))
  @APIResponse(responseCode = "409", description = "APP_STATE_CONFLICT")
  public Response reinstate(@PathParam("appId") String appId) {
    return Response.accepted(json(catalogue.askReinstatement(actor.get(), ResourceIds.uuid(appId))))
        .build();
  }

  static AppJson json(AppView view) {
    App a = view.app();
    CatalogueRequest r = view.pending();
    return new AppJson(
        a.id().toString(),
        a.clientId(),
        a.name(),
        a.publisher(),
        a.exchangesData(),
        a.scopes().stream().sorted().toList(),
        a.status().name(),
        a.criteria().stream().sorted().toList(),
        a.suspensionReason(),
        r == null
            ? null
            : new RequestJson(
                r.id().toString(),
                r.kind().name(),
                r.requestedAt(),
                r.requestedBy(),
                r.expiresAt()));
  }
}
