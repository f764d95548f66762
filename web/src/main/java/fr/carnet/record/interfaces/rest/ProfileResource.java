package fr.carnet.record.interfaces.rest;

import fr.carnet.record.application.ProfileCommand;
import fr.carnet.record.application.ProfileService;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The medical profile of a record: entries with their provenance. */
@Path("/v1/records/{recordId}/profile")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin", "app"})
@Tag(name = "Medical profile")
public class ProfileResource {

  @EJB private ProfileService profile;
  @Inject private CurrentActor actor;

  @GET
  @Operation(summary = "The profile entries the caller may see, newest first, with provenance")
  @APIResponse(
      responseCode = "200",
      description = "The entries",
      content = @Content(schema = @Schema(implementation = ProfileEntryJson[].class)))
  public List<ProfileEntryJson> entries(@PathParam("recordId") String recordId) {
    return profile.entries(actor.get(), ResourceIds.uuid(recordId)).stream()
        .map(ProfileEntryJson::of)
        .toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Add an entry: self-declared (patient) or by a professional per the matrix")
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = ProfileEntryJson.class)))
  @APIResponse(responseCode = "400", description = "PROFILE_CATEGORY_UNKNOWN, VALIDATION_FAILED")
  @APIResponse(responseCode = "403", description = "DENIED_BY_MATRIX, FORBIDDEN")
  public Response add(
      @PathParam("recordId") String recordId, @Valid @NotNull ProfileEntryRequest request) {
    ProfileCommand command =
        new ProfileCommand(
            request.category,
            request.label,
            request.value,
            DocumentMapping.instant("recordedAt", request.recordedAt),
            Boolean.TRUE.equals(request.hiddenFromRepresentatives));
    return Response.status(Response.Status.CREATED)
        .entity(ProfileEntryJson.of(profile.add(actor.get(), ResourceIds.uuid(recordId), command)))
        .build();
  }
}
