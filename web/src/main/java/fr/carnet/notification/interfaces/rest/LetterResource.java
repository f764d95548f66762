package fr.carnet.notification.interfaces.rest;

import fr.carnet.audit.model.ActionWording;
import fr.carnet.notification.application.LetterService;
import fr.carnet.notification.model.Outbox;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Letters by post, for agents: those that could not be produced for want of an address. */
@Path("/v1/letters")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Notifications")
public class LetterResource {

  /** The most the list shows: the newest. */
  private static final int LIMIT = 50;

  @EJB private LetterService letters;
  @Inject private CurrentActor actor;

  /** A letter that could not be produced: the record, what it was to tell, when. */
  public record ImpossibleLetterJson(String recordId, String kind, String label, Instant at) {
    static ImpossibleLetterJson of(Outbox.ImpossibleLetter letter) {
      return new ImpossibleLetterJson(
          letter.recordId().toString(),
          letter.kind().name(),
          ActionWording.notification(letter.kind()),
          letter.at());
    }
  }

  @GET
  @Path("impossible")
  @Operation(
      summary =
          "Letters that could not be produced: records with neither email, phone nor postal"
              + " address, newest first (agents; traced)")
  @APIResponse(
      responseCode = "200",
      description = "Impossible letters (courriers impossibles)",
      content = @Content(schema = @Schema(implementation = ImpossibleLetterJson[].class)))
  @APIResponse(responseCode = "403", description = "Not an agent")
  public List<ImpossibleLetterJson> impossible() {
    return letters.impossible(actor.get(), LIMIT).stream().map(ImpossibleLetterJson::of).toList();
  }
}
