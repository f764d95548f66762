package fr.carnet.account.interfaces.rest;

import fr.carnet.account.application.LifecycleService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The staff's queue of deletions asked by agents and waiting for a second pair of eyes. */
@Path("/v1/deletion-requests")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Account lifecycle")
public class DeletionRequestResource {

  @EJB private LifecycleService lifecycle;
  @Inject private CurrentActor actor;

  @GET
  @Path("pending")
  @Operation(
      summary =
          "Deletions asked by agents and waiting for a second staff member, oldest first (agents,"
              + " administrators)")
  @APIResponse(
      responseCode = "200",
      description = "Pending deletion requests",
      content =
          @Content(schema = @Schema(implementation = AccountResource.DeletionRequestJson[].class)))
  public List<AccountResource.DeletionRequestJson> pending() {
    return lifecycle.pendingDeletions(actor.get()).stream()
        .map(AccountResource.DeletionRequestJson::of)
        .toList();
  }
}
