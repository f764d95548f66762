package fr.carnet.audit.interfaces.rest;

import fr.carnet.audit.application.HistorySending;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.web.rest.SendingChannel;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Having the access history sent to the person (the call centre, for a caller, or the patient's
 * side): at their registered contact, a message says where to read it; by post, a letter lists it.
 * Whoever asks never receives it.
 */
@Path("/v1/records")
@ApplicationScoped
@ApiRoles({"patient", "agent"})
@Tag(name = "Patient controls")
public class HistorySendingResource {

  @EJB private HistorySending sending;
  @Inject private CurrentActor actor;

  @POST
  @Path("{recordId}/history/sending")
  @Produces("application/problem+json")
  @Operation(
      summary = "Send the access history to the person (agent with a confirmed caller, patient)",
      description =
          "by=contact (the default): the person is told at their registered email or phone that"
              + " the history waits in their space; by=post: a letter to the record's postal"
              + " address lists the accesses as the history shows them (who, when, what kind),"
              + " never a document's title. An agent must first confirm the caller"
              + " (POST …/caller-confirmation) and never sees the history. Traced.")
  @APIResponse(responseCode = "202", description = "The message or letter is queued")
  @APIResponse(responseCode = "400", description = "by is neither contact nor post")
  @APIResponse(responseCode = "403", description = "CALLER_NOT_CONFIRMED, or not the patient side")
  @APIResponse(
      responseCode = "409",
      description = "CONTACT_MISSING (no email nor phone), POSTAL_ADDRESS_MISSING (by post)")
  public Response send(@PathParam("recordId") String recordId, @QueryParam("by") String by) {
    sending.request(actor.get(), ResourceIds.uuid(recordId), SendingChannel.byPost(by));
    return Response.accepted().build();
  }
}
