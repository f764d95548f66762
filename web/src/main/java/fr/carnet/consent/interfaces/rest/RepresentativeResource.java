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
import fr.carnet.web.security.CurrentActor;
import jakarta.annotation.security.RolesAllowed;
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
 * the patient's side. A representative finds the records they act for at {@code
 * /v1/records/represented}.
 */
@Path("/v1/records")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"professional", "patient", "agent", "auditor", "admin"})
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
      boolean active) {

    static RepresentativeJson of(RepresentativeService.RepresentativeView view) {
      return new RepresentativeJson(
          view.id(),
          view.birthName(),
          view.firstNames(),
          view.kind().name(),
          view.relationship().name(),
          view.registeredAt(),
          view.endedAt(),
          view.active());
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
  @Operation(summary = "Register a legal representative (agent or administrator)")
  @APIResponse(
      responseCode = "201",
      description = "Registered",
      content = @Content(schema = @Schema(implementation = RepresentativeJson.class)))
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
                relationship));
    return Response.status(Response.Status.CREATED).entity(body).build();
  }

  @GET
  @Path("{recordId}/representatives")
  @Operation(summary = "The record's representatives, current and ended")
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
