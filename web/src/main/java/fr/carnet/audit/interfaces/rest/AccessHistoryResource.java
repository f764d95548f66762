package fr.carnet.audit.interfaces.rest;

import fr.carnet.audit.application.AuditService;
import fr.carnet.audit.model.Trace;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.web.rest.Paging;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
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

/** The patient's access history: every access to the record, in words, newest first. */
@Path("/v1/records")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Patient controls")
public class AccessHistoryResource {

  @EJB private AuditService audit;
  @Inject private CurrentActor actor;
  @Context private UriInfo uri;

  /** One access, for the patient. */
  public record HistoryEntryJson(
      @Schema(type = SchemaType.STRING, format = "date-time") Instant at,
      @Schema(description = "What happened, in French, for the patient") String summary,
      HistoryActorJson actor,
      String action,
      @Schema(nullable = true) String mode,
      String outcome,
      @Schema(type = SchemaType.STRING, format = "uuid", nullable = true) UUID documentId,
      @Schema(nullable = true, description = "The reason stated for an emergency access")
          String reason) {}

  /** Who acted, as far as the patient may know. */
  public record HistoryActorJson(
      String role, String rpps, String profession, String professionLabel, String finess) {}

  /** A page of the history. */
  public record HistoryPageJson(List<HistoryEntryJson> items, String next) {}

  @GET
  @Path("{recordId}/access-history")
  @Operation(summary = "Every access and account event of the record, newest first (patient)")
  @APIResponse(
      responseCode = "200",
      description = "A page; follow next for the following one",
      content = @Content(schema = @Schema(implementation = HistoryPageJson.class)))
  public HistoryPageJson history(
      @PathParam("recordId") String recordId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") Integer limit) {
    int size = Paging.limit(limit, 20, 100);
    Long before = Paging.idCursor(cursor);
    List<Trace> page = audit.history(actor.get(), ResourceIds.uuid(recordId), before, size);
    String next =
        page.size() < size
            ? null
            : uri.getRequestUriBuilder()
                .replaceQueryParam("cursor", page.get(page.size() - 1).id())
                .build()
                .toString();
    return new HistoryPageJson(page.stream().map(AccessHistoryResource::entry).toList(), next);
  }

  private static HistoryEntryJson entry(Trace t) {
    return new HistoryEntryJson(
        t.at(),
        HistoryWording.summary(t),
        new HistoryActorJson(
            t.actorRole(),
            t.actorRpps(),
            t.actorProfession(),
            t.professionLabel(),
            t.actorFiness()),
        t.action(),
        t.mode(),
        t.outcome(),
        t.documentId(),
        "GRANT_CREATE".equals(t.action()) ? t.detail() : null);
  }
}
