package fr.carnet.desk.interfaces.rest;

import fr.carnet.desk.application.CallerConfirmationService;
import fr.carnet.record.interfaces.rest.IdentityMapping;
import fr.carnet.record.interfaces.rest.LookupRequest;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The call centre confirms that a caller is the person before acting for them, as the agents' desk
 * does: INS and traits, then the one-time code the person received at their registered contact. The
 * same service as the console, for call-centre software that drives Carnet through the API.
 */
@Path("/v1/records")
@ApplicationScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"agent"})
@Tag(name = "Call centre")
public class CallerConfirmationResource {

  @EJB private CallerConfirmationService confirmations;
  @Inject private CurrentActor actor;

  /** Where the confirmation stands: confirmed until a time, or waiting for the code. */
  public record ConfirmationJson(
      boolean confirmed,
      @Schema(
              nullable = true,
              enumeration = {"EMAIL", "SMS"})
          String codeSentBy,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant until) {}

  /** The code the caller reads back. */
  public static class CodeRequest {
    @NotNull
    @Size(max = 12)
    public String code;
  }

  @POST
  @Path("{recordId}/caller-confirmation")
  @Operation(
      summary = "Check the caller's INS and traits; send them a one-time code (agent)",
      description =
          "The record must be the caller's: the INS and the five traits as they give them. With"
              + " an email or a phone on the record, a six-digit code goes there (202) and the"
              + " agent sends it back with POST …/caller-confirmation/code; without, the"
              + " confirmation holds at once (200). It counts for this agent and this record for"
              + " carnet.desk.confirmation-validity. Traced; the person sees it in their history.")
  @APIResponse(responseCode = "200", description = "Confirmed (no contact to send a code to)")
  @APIResponse(responseCode = "202", description = "A code was sent to the registered contact")
  @APIResponse(responseCode = "409", description = "INS_TRAITS_MISMATCH")
  public Response begin(
      @PathParam("recordId") String recordId, @Valid @NotNull LookupRequest caller) {
    CallerConfirmationService.Started started =
        confirmations.begin(
            actor.get(),
            ResourceIds.uuid(recordId),
            IdentityMapping.ins(caller.ins),
            IdentityMapping.traits(caller.traits));
    ConfirmationJson body =
        new ConfirmationJson(
            started.confirmed(),
            started.channel() == null ? null : started.channel().name(),
            started.until());
    return Response.status(started.confirmed() ? 200 : 202).entity(body).build();
  }

  @DELETE
  @Path("{recordId}/caller-confirmation")
  @Operation(
      summary = "The call is over: this agent's confirmation of the caller ends (agent)",
      description =
          "Ends it before its time; the desk does so when the agent opens another person.")
  @APIResponse(responseCode = "204", description = "Ended (or there was none)")
  public Response end(@PathParam("recordId") String recordId) {
    confirmations.end(actor.get(), ResourceIds.uuid(recordId));
    return Response.noContent().build();
  }

  @POST
  @Path("{recordId}/caller-confirmation/code")
  @Operation(
      summary = "The one-time code the caller read back (agent)",
      description =
          "Right: the caller is confirmed. Wrong, expired or already used: 403"
              + " CONFIRMATION_CODE_INVALID; the last allowed wrong code spends it (429"
              + " CONFIRMATION_LOCKED) and a new one must be sent. Each attempt traced.")
  @APIResponse(responseCode = "200", description = "Confirmed")
  @APIResponse(responseCode = "403", description = "CONFIRMATION_CODE_INVALID")
  @APIResponse(responseCode = "429", description = "CONFIRMATION_LOCKED")
  public ConfirmationJson confirm(
      @PathParam("recordId") String recordId, @Valid @NotNull CodeRequest request) {
    Instant until = confirmations.confirm(actor.get(), ResourceIds.uuid(recordId), request.code);
    return new ConfirmationJson(true, null, until);
  }
}
