package fr.carnet.audit.interfaces.rest;

import fr.carnet.audit.application.AuditService;
import fr.carnet.audit.application.HistoryExport;
import fr.carnet.audit.model.ActionWording;
import fr.carnet.audit.model.Trace;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.web.rest.Paging;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
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
 * The patient's access history: every access to the record, in words, newest first; with proofs
 * that each entry is in the audit trail's signed Merkle tree, and as one file to download.
 */
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

  /**
   * An entry with its inclusion proof (written by {@link ProvenHistoryJson}): every key present,
   * null included. A null proof: the entry is newer than the head, or older than the salted
   * canonical form (it cannot be shown then without what the history hides).
   */
  public record ProvenEntryJson(
      @Schema(type = SchemaType.STRING, format = "date-time") Instant at,
      String summary,
      HistoryActorJson actor,
      String action,
      @Schema(nullable = true) String mode,
      String outcome,
      @Schema(type = SchemaType.STRING, format = "uuid", nullable = true) UUID documentId,
      @Schema(nullable = true, description = "The reason stated for an emergency access")
          String reason,
      @Schema(nullable = true) ProofJson proof) {}

  /** That the entry is leaf {@code position} of the tree of {@code treeSize} leaves. */
  public record ProofJson(
      long position,
      long treeSize,
      ProofEntryJson entry,
      @Schema(description = "RFC 9162 inclusion path, leaf to root, hex") List<String> path) {}

  /**
   * The leaf as the canonical form v2 has it: what the history shows, and the hidden fields only as
   * {@code sealed}, SHA-256 over a random salt and them. The leaf is SHA-256(0x00 || 0x02 || id ||
   * atMicros || the shown fields || sealed).
   */
  public record ProofEntryJson(
      int form,
      long id,
      @Schema(description = "Microseconds since the epoch, UTC") long atMicros,
      String actorRole,
      String actorRpps,
      String actorProfession,
      String actorFiness,
      @Schema(type = SchemaType.STRING, format = "uuid") UUID recordId,
      @Schema(type = SchemaType.STRING, format = "uuid") UUID documentId,
      String action,
      String outcome,
      String accessMode,
      @Schema(description = "SHA-256 of the hidden fields, salt first, hex") String sealed) {}

  /** A page of the history with each entry's proof and the signed head they are against. */
  public record ProvenHistoryPageJson(
      List<ProvenEntryJson> items,
      String next,
      @Schema(nullable = true, description = "The latest signed head; null before the first")
          TreeHeadJson treeHead) {}

  @GET
  @Path("{recordId}/access-history")
  @Operation(
      summary = "Every access and account event of the record, newest first (patient)",
      description =
          "With proofs=true, each entry also carries its RFC 9162 inclusion proof against the"
              + " latest signed tree head (treeHead, given once): the leaf as canonical form v2"
              + " shows it, the hidden fields only as a salted digest (sealed). proof is null for"
              + " an entry newer than that head or older than the salt.")
  @APIResponse(
      responseCode = "200",
      description = "A page; follow next for the following one",
      content =
          @Content(schema = @Schema(oneOf = {HistoryPageJson.class, ProvenHistoryPageJson.class})))
  public Object history(
      @PathParam("recordId") String recordId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") Integer limit,
      @QueryParam("proofs") boolean proofs) {
    int size = Paging.limit(limit, 20, 100);
    Long before = Paging.idCursor(cursor);
    AuditService.ProvenHistory page =
        audit.history(actor.get(), ResourceIds.uuid(recordId), before, size, proofs);
    List<Trace> entries = page.entries();
    String next =
        entries.size() < size
            ? null
            : uri.getRequestUriBuilder()
                .replaceQueryParam("cursor", entries.get(entries.size() - 1).id())
                .build()
                .toString();
    if (!proofs) {
      return new HistoryPageJson(entries.stream().map(AccessHistoryResource::entry).toList(), next);
    }
    JsonArrayBuilder items = Json.createArrayBuilder();
    entries.forEach(t -> items.add(ProvenHistoryJson.entry(entry(t), page.proofs().get(t.id()))));
    return Json.createObjectBuilder()
        .add("items", items)
        .add("next", next == null ? JsonValue.NULL : Json.createValue(next))
        .add("treeHead", ProvenHistoryJson.treeHead(page.head()))
        .build();
  }

  /** The history export's envelope, written before its entries. */
  public record HistoryExportJson(
      @Schema(enumeration = "carnet-history-export:v1") String format,
      @Schema(type = SchemaType.STRING, format = "uuid") UUID recordId,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant exportedAt,
      @Schema(nullable = true) TreeHeadJson treeHead,
      List<ProvenEntryJson> entries) {}

  @GET
  @Path("{recordId}/access-history/export")
  @Operation(
      summary = "The whole history with its proofs, as one file to keep and verify (patient)",
      description =
          "The same readers and the same entries as the history (traced as a history read),"
              + " newest first, each with its inclusion proof against the latest signed head as"
              + " of the export; streamed. The offline verifier checks it with the witness file"
              + " and the public key.")
  @APIResponse(
      responseCode = "200",
      description = "The export (format carnet-history-export:v1)",
      content = @Content(schema = @Schema(implementation = HistoryExportJson.class)))
  public Response export(@PathParam("recordId") String recordId) {
    HistoryExport export = audit.exportHistory(actor.get(), ResourceIds.uuid(recordId));
    StreamingOutput body =
        output -> {
          JsonGenerator json = Json.createGenerator(output);
          json.writeStartObject()
              .write("format", "carnet-history-export:v1")
              .write("recordId", export.recordId().toString())
              .write("exportedAt", export.exportedAt().toString())
              .write("treeHead", ProvenHistoryJson.treeHead(export.head()))
              .writeStartArray("entries");
          export.forEachBatch(
              (entries, proofs) -> {
                for (Trace t : entries) {
                  json.write(ProvenHistoryJson.entry(entry(t), proofs.get(t.id())));
                }
                json.flush();
              });
          json.writeEnd().writeEnd();
          // Ends the document; the container closes the stream.
          json.flush();
        };
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .header(
            "Content-Disposition",
            "attachment; filename=\"carnet-history-" + export.recordId() + ".json\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  public static HistoryEntryJson entry(Trace t) {
    return new HistoryEntryJson(
        t.at(),
        ActionWording.summary(t),
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
