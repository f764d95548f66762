package fr.carnet.audit.interfaces.rest;

import fr.carnet.audit.application.AuditService;
import fr.carnet.audit.application.IntegrityService;
import fr.carnet.audit.application.TraceExport;
import fr.carnet.audit.model.Anomalies;
import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceQuery;
import fr.carnet.audit.model.TreeCheck;
import fr.carnet.record.interfaces.rest.DocumentMapping;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.rest.Paging;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail for auditors: search and CSV export; their own searches are traced. */
@Path("/v1/audit")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Audit")
public class AuditResource {

  private static final Set<String> MODES = Set.of("NORMAL", "BREAK_GLASS", "REGULATION");
  private static final Set<String> OUTCOMES = Set.of("PERMIT", "DENY");

  @EJB private AuditService audit;
  @EJB private IntegrityService integrity;
  @Inject private CurrentActor actor;
  @Context private UriInfo uri;

  /** A page of traces. */
  public record TracePageJson(List<TraceJson> items, String next) {}

  @GET
  @Path("traces")
  @Operation(summary = "Search traces, newest first, paged (auditors)")
  @APIResponse(
      responseCode = "200",
      description = "A page; follow next for the following one",
      content = @Content(schema = @Schema(implementation = TracePageJson.class)))
  public TracePageJson traces(
      @QueryParam("record") String record,
      @QueryParam("actor") String actorId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("mode") String mode,
      @QueryParam("outcome") String outcome,
      @QueryParam("action") String action,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") Integer limit) {
    TraceQuery query = query(record, actorId, from, to, mode, outcome, action, cursor, limit);
    List<Trace> page = audit.search(actor.get(), query);
    String next =
        page.size() < query.limit()
            ? null
            : uri.getRequestUriBuilder()
                .replaceQueryParam("cursor", page.get(page.size() - 1).id())
                .build()
                .toString();
    return new TracePageJson(page.stream().map(TraceJson::of).toList(), next);
  }

  /** The anomaly reports of a period. */
  public record AnomaliesJson(
      @Schema(type = SchemaType.STRING, format = "date-time") Instant from,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant to,
      List<TraceJson> emergencyAccesses,
      List<HeavyReaderJson> heavyReaders,
      List<RefusalBurstJson> refusalBursts,
      List<TraceJson> outsideCareRelationship,
      List<TraceJson> nightTime,
      List<RepresentationThenReadJson> representationThenRead) {}

  /** A representation approved by staff, then read by a representative soon after. */
  public record RepresentationThenReadJson(
      long approvalTraceId,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant approvedAt,
      String approvedBy,
      @Schema(type = SchemaType.STRING, format = "uuid") java.util.UUID recordId,
      @Schema(nullable = true) String detail,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant firstReadAt,
      String readerId,
      long reads) {}

  /** A professional who read far more records than their peers. */
  public record HeavyReaderJson(String rpps, String profession, long records, double peerMedian) {}

  /** Refusals of one actor packed in one window. */
  public record RefusalBurstJson(
      String actorId,
      @Schema(nullable = true) String rpps,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant start,
      long refusals) {}

  @GET
  @Path("anomalies")
  @Operation(
      summary = "Anomaly reports of a period (auditors; default the last 30 days)",
      description =
          "Emergency accesses; professionals who read far more records than their profession's"
              + " peers; bursts of refusals; attempts outside a care relationship; night-time"
              + " reads; representations approved by staff then read by a representative within"
              + " carnet.anomalies.representation-read-within. Thresholds are configuration"
              + " (carnet.audit.*).")
  @APIResponse(
      responseCode = "200",
      description = "The reports",
      content = @Content(schema = @Schema(implementation = AnomaliesJson.class)))
  public AnomaliesJson anomalies(@QueryParam("from") String from, @QueryParam("to") String to) {
    Instant end = to == null || to.isBlank() ? Instant.now() : DocumentMapping.instant("to", to);
    Instant start =
        from == null || from.isBlank()
            ? end.minus(Duration.ofDays(30))
            : DocumentMapping.instant("from", from);
    if (!start.isBefore(end)) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "from must be before to");
    }
    Anomalies found = audit.anomalies(actor.get(), start, end);
    return new AnomaliesJson(
        found.from(),
        found.to(),
        found.emergencyAccesses().stream().map(TraceJson::of).toList(),
        found.heavyReaders().stream()
            .map(h -> new HeavyReaderJson(h.rpps(), h.profession(), h.records(), h.peerMedian()))
            .toList(),
        found.refusalBursts().stream()
            .map(b -> new RefusalBurstJson(b.actorId(), b.rpps(), b.start(), b.refusals()))
            .toList(),
        found.outsideCareRelationship().stream().map(TraceJson::of).toList(),
        found.nightTime().stream().map(TraceJson::of).toList(),
        found.representationThenRead().stream()
            .map(
                r ->
                    new RepresentationThenReadJson(
                        r.approvalTraceId(),
                        r.approvedAt(),
                        r.approvedBy(),
                        r.recordId(),
                        r.detail(),
                        r.firstReadAt(),
                        r.readerId(),
                        r.reads()))
            .toList());
  }

  /** The integrity check's answer. */
  public record IntegrityJson(
      boolean verified,
      long checked,
      int chains,
      @Schema(nullable = true) BrokenJson firstBroken,
      @Schema(nullable = true, description = "The Merkle tree's check (full=true only)")
          TreeCheckJson tree) {}

  /** The Merkle tree checked in Java against the witness file's signed heads. */
  public record TreeCheckJson(
      boolean verified,
      long leaves,
      int witnessedHeads,
      long witnessedSize,
      @Schema(
              nullable = true,
              enumeration = {
                "WITNESS_INVALID",
                "LEAF_ALTERED",
                "TRACE_MISSING",
                "POSITION_MISSING",
                "HEAD_CONTRADICTED",
                "COPY_CONTRADICTED",
                "NODE_ALTERED",
                "BACKDATED",
                "UNSEQUENCED",
                "PURGE_TOO_RECENT"
              })
          String problem,
      @Schema(nullable = true, description = "The first bad position") Long position,
      @Schema(nullable = true) Long traceId,
      @Schema(nullable = true, description = "The witnessed head's size it contradicts")
          Long headSize,
      @Schema(nullable = true, description = "NODE_ALTERED: the node's level") Integer level,
      @Schema(nullable = true, description = "NODE_ALTERED: the node's index at its level")
          Long index) {}

  /** The first broken link found. */
  public record BrokenJson(
      int chain,
      long seq,
      @Schema(nullable = true) Long traceId,
      @Schema(enumeration = {"ALTERED", "RELINKED", "MISSING", "HEAD_MISMATCH"}) String problem) {}

  @GET
  @Path("integrity")
  @Operation(
      summary = "Verify the traces' hash chains (auditors)",
      description =
          "Incremental: each chain is checked from where the last check ended, unless full=true."
              + " Names the first broken link: its chain, position, trace and problem. With"
              + " full=true, also recomputes every leaf of the Merkle tree from the trace rows in"
              + " Java, compares every stored subtree node with the one rebuilt, rebuilds the root at"
              + " each head of the witness file, finds traces backdated behind a witnessed head and"
              + " traces left out of the tree (tree).")
  @APIResponse(
      responseCode = "200",
      description = "The result",
      content = @Content(schema = @Schema(implementation = IntegrityJson.class)))
  public IntegrityJson integrity(@QueryParam("full") boolean full) {
    IntegrityService.Result result = integrity.verify(actor.get(), full);
    IntegrityService.BrokenLink broken = result.firstBroken();
    TreeCheck.Result tree = result.tree();
    return new IntegrityJson(
        result.verified(),
        result.checked(),
        result.chains(),
        broken == null
            ? null
            : new BrokenJson(
                broken.chain(), broken.seq(), broken.traceId(), broken.problem().name()),
        tree == null
            ? null
            : new TreeCheckJson(
                tree.verified(),
                tree.leaves(),
                tree.witnessedHeads(),
                tree.witnessedSize(),
                tree.problem() == null ? null : tree.problem().name(),
                tree.position(),
                tree.traceId(),
                tree.headSize(),
                tree.level(),
                tree.index()));
  }

  @GET
  @Path("export")
  @Produces("text/csv")
  @Operation(summary = "Every matching trace as CSV, streamed (auditors)")
  @APIResponse(responseCode = "200", description = "CSV, one trace a line, newest first")
  public Response export(
      @QueryParam("record") String record,
      @QueryParam("actor") String actorId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("mode") String mode,
      @QueryParam("outcome") String outcome,
      @QueryParam("action") String action) {
    TraceExport export =
        audit.export(actor.get(), query(record, actorId, from, to, mode, outcome, action, null, 1));
    StreamingOutput body = export::writeTo;
    return Response.ok(body, "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"carnet-traces.csv\"")
        .build();
  }

  private static TraceQuery query(
      String record,
      String actorId,
      String from,
      String to,
      String mode,
      String outcome,
      String action,
      String cursor,
      Integer limit) {
    int size = Paging.limit(limit, 50, TraceQuery.MAX_LIMIT);
    if (mode != null && !MODES.contains(mode) || outcome != null && !OUTCOMES.contains(outcome)) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "mode is NORMAL, BREAK_GLASS or REGULATION; outcome is PERMIT or DENY");
    }
    Long before = Paging.idCursor(cursor);
    return new TraceQuery(
        record == null || record.isBlank() ? null : ResourceIds.uuid(record),
        actorId == null || actorId.isBlank() ? null : actorId.strip(),
        DocumentMapping.instant("from", from),
        DocumentMapping.instant("to", to),
        mode,
        outcome,
        action == null || action.isBlank() ? null : action.strip(),
        before,
        size);
  }
}
