package fr.carnet.access.interfaces.rest;

import fr.carnet.access.AccessMode;
import fr.carnet.access.application.GrantService;
import fr.carnet.access.model.Grant;
import fr.carnet.record.interfaces.rest.ResourceIds;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Grants: a professional declares the patient's agreement or opens emergency access. */
@Path("/v1/records/{recordId}/agreements")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Access")
public class AgreementResource {

  @EJB private GrantService grants;
  @Inject private CurrentActor actor;
  @Context private UriInfo uri;

  /** A declaration of access. */
  public static class AgreementRequest {
    @Schema(enumeration = {"NORMAL", "BREAK_GLASS", "REGULATION"})
    @NotNull
    public String mode;

    @Schema(description = "Required for BREAK_GLASS and REGULATION", maxLength = 500)
    public String reason;
  }

  /** A grant as the API shows it. */
  public record GrantJson(
      @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
      @Schema(enumeration = {"NORMAL", "BREAK_GLASS", "REGULATION"}) String mode,
      String rpps,
      String profession,
      String specialty,
      String finess,
      String reason,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant grantedAt,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant expiresAt) {

    static GrantJson of(Grant grant) {
      return new GrantJson(
          grant.id(),
          grant.mode().name(),
          grant.rpps(),
          grant.profession(),
          grant.specialty(),
          grant.finess(),
          grant.reason(),
          grant.grantedAt(),
          grant.expiresAt());
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Declare the patient's agreement (NORMAL) or open BREAK_GLASS / REGULATION access")
  @APIResponse(
      responseCode = "201",
      description = "Granted",
      content = @Content(schema = @Schema(implementation = GrantJson.class)))
  @APIResponse(responseCode = "200", description = "A current grant of this mode, renewed")
  @APIResponse(responseCode = "400", description = "VALIDATION_FAILED (mode, missing reason)")
  @APIResponse(
      responseCode = "403",
      description = "EMERGENCY_ACCESS_DISABLED, FORBIDDEN, RECORD_NOT_AVAILABLE")
  @APIResponse(
      responseCode = "404",
      description = "RECORD_NOT_FOUND (also to a professional the patient blocked)")
  public Response declare(
      @PathParam("recordId") String recordId, @Valid @NotNull AgreementRequest request) {
    AccessMode mode;
    try {
      mode = AccessMode.valueOf(request.mode);
    } catch (IllegalArgumentException e) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "mode is NORMAL, BREAK_GLASS or REGULATION");
    }
    GrantService.Declared declared =
        grants.declare(actor.get(), ResourceIds.uuid(recordId), mode, request.reason);
    GrantJson body = GrantJson.of(declared.grant());
    return declared.created()
        ? Response.created(uri.getAbsolutePathBuilder().path(body.id().toString()).build())
            .entity(body)
            .build()
        : Response.ok(body).build();
  }

  @GET
  @Operation(summary = "The record's current grants (patient or representative)")
  @APIResponse(
      responseCode = "200",
      description = "Current grants, newest first",
      content = @Content(schema = @Schema(implementation = GrantJson[].class)))
  public List<GrantJson> current(@PathParam("recordId") String recordId) {
    return grants.current(actor.get(), ResourceIds.uuid(recordId)).stream()
        .map(GrantJson::of)
        .toList();
  }

  @DELETE
  @Path("{grantId}")
  @Operation(summary = "Revoke a grant (patient or representative): the access ends now")
  @APIResponse(responseCode = "204", description = "Revoked")
  @APIResponse(responseCode = "404", description = "GRANT_NOT_FOUND")
  public Response revoke(
      @PathParam("recordId") String recordId, @PathParam("grantId") String grantId) {
    grants.revoke(actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(grantId));
    return Response.noContent().build();
  }
}
