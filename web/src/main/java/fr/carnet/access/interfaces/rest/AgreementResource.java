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

/**
 * Grants: a professional declares the patient's agreement or opens emergency access; the patient
 * (or a representative) gives a named professional a standing agreement; the patient lists and
 * revokes them.
 */
@Path("/v1/records/{recordId}/agreements")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Access")
public class AgreementResource {

  @EJB private GrantService grants;
  @Inject private CurrentActor actor;
  @Context private UriInfo uri;

  /**
   * A professional's declaration ({@code mode}, {@code reason}), or the patient side's standing
   * agreement ({@code rpps} with {@code duration} or {@code untilRevoked}); never both.
   */
  public static class AgreementRequest {
    @Schema(
        enumeration = {"NORMAL", "BREAK_GLASS", "REGULATION"},
        description = "A professional's declaration: the mode of access")
    public String mode;

    @Schema(description = "Required for BREAK_GLASS and REGULATION", maxLength = 500)
    public String reason;

    @Schema(
        description = "Patient side: the professional given a standing agreement",
        example = "10202020202")
    public String rpps;

    @Schema(
        description =
            "Patient side: how long, an ISO-8601 period (P90D, P6M, P1Y) up to"
                + " carnet.grants.standing-maximum; or untilRevoked",
        example = "P90D")
    public String duration;

    @Schema(description = "Patient side: until the patient revokes it (instead of a duration)")
    public Boolean untilRevoked;
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
      @Schema(
              type = SchemaType.STRING,
              format = "date-time",
              description = "Absent for a standing agreement until revoked")
          Instant expiresAt,
      @Schema(description = "Given by the patient side rather than declared by the professional")
          boolean standing,
      @Schema(description = "A standing agreement that runs until the patient revokes it")
          boolean untilRevoked) {

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
          grant.expiresAt(),
          grant.standing(),
          grant.standing() && grant.expiresAt() == null);
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Declare the patient's agreement (NORMAL) or open BREAK_GLASS / REGULATION access;"
              + " or, patient side, give a named professional a standing agreement",
      description =
          "A professional sends {\"mode\", \"reason\"}. The patient or a representative sends"
              + " {\"rpps\", \"duration\": \"P90D\"} or {\"rpps\", \"untilRevoked\": true}:"
              + " a NORMAL agreement for that professional, for the period chosen (at most"
              + " carnet.grants.standing-maximum) or until revoked (DELETE), replacing a standing"
              + " agreement already current for them. Masks and blocks still apply to it.")
  @APIResponse(
      responseCode = "201",
      description = "Granted",
      content = @Content(schema = @Schema(implementation = GrantJson.class)))
  @APIResponse(responseCode = "200", description = "A current grant of this mode, renewed")
  @APIResponse(
      responseCode = "400",
      description =
          "VALIDATION_FAILED (mode, missing reason; rpps, duration not a period, beyond the"
              + " maximum, both or neither of duration and untilRevoked; mode with rpps)")
  @APIResponse(
      responseCode = "403",
      description = "EMERGENCY_ACCESS_DISABLED, FORBIDDEN, RECORD_NOT_AVAILABLE")
  @APIResponse(
      responseCode = "404",
      description = "RECORD_NOT_FOUND (also to a professional the patient blocked)")
  public Response declare(
      @PathParam("recordId") String recordId, @Valid @NotNull AgreementRequest request) {
    if (request.rpps != null) {
      return give(recordId, request);
    }
    if (request.mode == null) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "mode (a professional) or rpps (the patient side)");
    }
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

  /** The patient side's standing agreement: always a new grant, 201. */
  private Response give(String recordId, AgreementRequest request) {
    if (request.mode != null || request.reason != null) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "A standing agreement names rpps and duration or untilRevoked, no mode or reason");
    }
    Grant grant =
        grants.give(
            actor.get(),
            ResourceIds.uuid(recordId),
            request.rpps,
            request.duration,
            Boolean.TRUE.equals(request.untilRevoked));
    return Response.created(uri.getAbsolutePathBuilder().path(grant.id().toString()).build())
        .entity(GrantJson.of(grant))
        .build();
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
