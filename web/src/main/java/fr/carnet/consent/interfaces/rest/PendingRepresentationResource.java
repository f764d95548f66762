package fr.carnet.consent.interfaces.rest;

import fr.carnet.consent.application.RepresentativeService;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The staff's queue of representatives waiting for a second pair of eyes. */
@Path("/v1/representations")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Representatives")
public class PendingRepresentationResource {

  @EJB private RepresentativeService representatives;
  @Inject private CurrentActor actor;

  /** A pending representative and the record it is for. */
  public record PendingJson(
      @Schema(type = SchemaType.STRING, format = "uuid") UUID recordId,
      RepresentativeResource.RepresentativeJson representative) {}

  @GET
  @Path("pending")
  @Operation(
      summary =
          "Representatives asked for by staff and waiting for a second staff member, oldest first"
              + " (agents, administrators)")
  @APIResponse(
      responseCode = "200",
      description = "Pending representatives",
      content = @Content(schema = @Schema(implementation = PendingJson[].class)))
  public List<PendingJson> pending() {
    return representatives.pending(actor.get()).stream()
        .map(
            p ->
                new PendingJson(
                    p.recordId(), RepresentativeResource.RepresentativeJson.of(p.representative())))
        .toList();
  }
}
