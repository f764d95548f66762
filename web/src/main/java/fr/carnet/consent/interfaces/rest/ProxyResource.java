package fr.carnet.consent.interfaces.rest;

import fr.carnet.access.ProxyScope;
import fr.carnet.consent.application.ProxyService;
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
 * Proxies chosen by the patient (issue 18): designated, listed and revoked by the person alone
 * (patient token on their own record); the proxy acts with their own patient token on the record's
 * usual paths, finds the records they may act on at {@code /v1/records/proxied}, and may give a
 * designation up with the same {@code DELETE}.
 */
@Path("/v1/records")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Proxies")
public class ProxyResource {

  @EJB private ProxyService proxies;
  @Inject private CurrentActor actor;

  /** A designation: the proxy by INS and traits, a scope, an end date. */
  public static class ProxyRequest {
    @Valid @NotNull public InsJson ins;
    @Valid @NotNull public TraitsJson traits;

    @Schema(
        enumeration = {"READ", "READ_AND_MANAGE"},
        description =
            "READ: read the record; READ_AND_MANAGE: also narrow access through the controls"
                + " (mask, block, emergency access off, revoke a grant, notification channels)")
    @NotNull
    public String scope;

    @Schema(
        format = "date",
        example = "2027-06-30",
        description =
            "The last day (French civil time) the proxy may act: from today to today plus"
                + " carnet.proxy.max-duration (P365D)")
    @NotNull
    public String endsOn;
  }

  /**
   * A designation as the patient sees it: the proxy by name, never by INS nor by their own record's
   * id (which would tell the patient that an INS and traits belong to someone's record).
   */
  public record ProxyJson(
      @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
      String birthName,
      String firstNames,
      @Schema(enumeration = {"READ", "READ_AND_MANAGE"}) String scope,
      @Schema(type = SchemaType.STRING, format = "date") LocalDate endsOn,
      @Schema(enumeration = {"ACTIVE", "EXPIRED", "REVOKED"}) String status,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant createdAt,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant revokedAt,
      @Schema(
              enumeration = {"PATIENT", "PROXY"},
              nullable = true)
          String revokedBy,
      @Schema(
              type = SchemaType.STRING,
              format = "date-time",
              nullable = true,
              description = "when the proxy first acted on the record (the patient was told)")
          Instant firstActedAt) {

    static ProxyJson of(ProxyService.ProxyView view) {
      return new ProxyJson(
          view.id(),
          view.birthName(),
          view.firstNames(),
          view.scope().name(),
          view.endsOn(),
          view.status().name(),
          view.createdAt(),
          view.revokedAt(),
          view.revokedBy() == null ? null : view.revokedBy().name(),
          view.firstActedAt());
    }
  }

  /** A record the caller may act on as a proxy. */
  public record ProxiedJson(
      @Schema(type = SchemaType.STRING, format = "uuid") UUID proxyId,
      @Schema(type = SchemaType.STRING, format = "uuid") UUID recordId,
      String birthName,
      String firstNames,
      @Schema(enumeration = {"READ", "READ_AND_MANAGE"}) String scope,
      @Schema(type = SchemaType.STRING, format = "date") LocalDate endsOn) {}

  @POST
  @Path("{recordId}/proxies")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Designate a proxy (the patient alone, of age, on their open record)",
      description =
          "The proxy is an adult known to Carnet, named by INS and the five traits: an unknown"
              + " INS and traits that do not match get the same 409 PROXY_NOT_IDENTIFIED. The"
              + " proxy acts with their own patient token within the scope until endsOn, unless"
              + " revoked. Never a proxy's: proxies, opposition, closure, deletion, activation,"
              + " exports, uploads, and every change that widens access (unmask, unblock,"
              + " designate a GP, emergency access on, research choices). Every refusal traced.")
  @APIResponse(
      responseCode = "201",
      description = "Designated, ACTIVE",
      content = @Content(schema = @Schema(implementation = ProxyJson.class)))
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_FAILED, PROXY_END_DATE_INVALID, INS_INVALID_KEY, TRAITS_INVALID")
  @APIResponse(
      responseCode = "403",
      description =
          "MINOR_CANNOT_DESIGNATE_PROXY, RESERVED_TO_PATIENT (a representative or a proxy),"
              + " FORBIDDEN (not a patient)")
  @APIResponse(responseCode = "404", description = "RECORD_NOT_FOUND")
  @APIResponse(
      responseCode = "409",
      description =
          "PROXY_NOT_IDENTIFIED, PROXY_NOT_APPLICABLE (not an adult, the patient themself),"
              + " PROXY_ALREADY_DESIGNATED, PROXY_LIMIT_REACHED, RECORD_NOT_AVAILABLE")
  public Response designate(
      @PathParam("recordId") String recordId, @Valid @NotNull ProxyRequest request) {
    ProxyScope scope;
    LocalDate endsOn;
    try {
      scope = ProxyScope.valueOf(request.scope);
      endsOn = LocalDate.parse(request.endsOn.strip());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "scope is READ or READ_AND_MANAGE; endsOn is a date (YYYY-MM-DD)");
    }
    ProxyJson body =
        ProxyJson.of(
            proxies.designate(
                actor.get(),
                ResourceIds.uuid(recordId),
                IdentityMapping.ins(request.ins),
                IdentityMapping.traits(request.traits),
                scope,
                endsOn));
    return Response.status(Response.Status.CREATED).entity(body).build();
  }

  @GET
  @Path("{recordId}/proxies")
  @Operation(summary = "The record's proxies, current and ended, newest first (the patient alone)")
  @APIResponse(
      responseCode = "200",
      description = "Designations (at most 100)",
      content = @Content(schema = @Schema(implementation = ProxyJson[].class)))
  @APIResponse(responseCode = "403", description = "RESERVED_TO_PATIENT, FORBIDDEN")
  public List<ProxyJson> list(@PathParam("recordId") String recordId) {
    return proxies.list(actor.get(), ResourceIds.uuid(recordId)).stream()
        .map(ProxyJson::of)
        .toList();
  }

  @DELETE
  @Path("{recordId}/proxies/{proxyId}")
  @Operation(
      summary = "Revoke a proxy (the patient), or give one's own designation up (the proxy)",
      description = "The proxy's rights end now; a proxy who gives up is told to the patient.")
  @APIResponse(responseCode = "204", description = "Ended (or already ended, by the patient)")
  @APIResponse(
      responseCode = "403",
      description = "RESERVED_TO_PATIENT, PROXY_REVOKED (a proxy giving up twice), FORBIDDEN")
  @APIResponse(responseCode = "404", description = "PROXY_NOT_FOUND, RECORD_NOT_FOUND")
  public Response end(
      @PathParam("recordId") String recordId, @PathParam("proxyId") String proxyId) {
    proxies.end(actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(proxyId));
    return Response.noContent().build();
  }

  @GET
  @Path("proxied")
  @Operation(summary = "The records the calling patient may currently act on as a proxy")
  @APIResponse(
      responseCode = "200",
      description = "Records, with the scope and end date of each designation",
      content = @Content(schema = @Schema(implementation = ProxiedJson[].class)))
  public List<ProxiedJson> proxied() {
    return proxies.proxied(actor.get()).stream()
        .map(
            p ->
                new ProxiedJson(
                    p.proxyId(),
                    p.recordId(),
                    p.birthName(),
                    p.firstNames(),
                    p.scope().name(),
                    p.endsOn()))
        .toList();
  }
}
