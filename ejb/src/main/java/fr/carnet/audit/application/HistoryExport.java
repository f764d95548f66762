package fr.carnet.audit.application;

import fr.carnet.audit.model.HistoryRule;
import fr.carnet.audit.model.HistoryViewer;
import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceRepository;
import fr.carnet.audit.model.TraceTree;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A patient's whole history, decided and traced by {@link AuditService} as a history read, then
 * read batch by batch, newest first, each batch with its entries' proofs against the head fixed
 * when the export was decided: a record's thousands of entries never sit in memory at once, and the
 * database is read in a few queries per batch.
 */
public final class HistoryExport {

  static final int BATCH = 500;

  private final TraceRepository traces;
  private final HistoryProofs proofs;
  private final HistoryViewer viewer;
  private final UUID recordId;
  private final TraceTree.SignedHead head;
  private final Instant exportedAt;

  /** What is done with each batch: written out, usually. */
  @FunctionalInterface
  public interface BatchWriter {
    void write(List<Trace> entries, Map<Long, HistoryProofs.EntryProof> proofs) throws IOException;
  }

  HistoryExport(
      TraceRepository traces,
      HistoryProofs proofs,
      HistoryViewer viewer,
      UUID recordId,
      TraceTree.SignedHead head,
      Instant exportedAt) {
    this.traces = traces;
    this.proofs = proofs;
    this.viewer = viewer;
    this.recordId = recordId;
    this.head = head;
    this.exportedAt = exportedAt;
  }

  public UUID recordId() {
    return recordId;
  }

  /** The head every proof is against; null when none was signed yet (then no entry has a proof). */
  public TraceTree.SignedHead head() {
    return head;
  }

  public Instant exportedAt() {
    return exportedAt;
  }

  /** Every entry the reader is shown, as shown, with its proof; only those, so no other's proof. */
  public void forEachBatch(BatchWriter writer) throws IOException {
    Long cursor = null;
    while (true) {
      List<TraceRepository.HistoryRow> rows = traces.history(recordId, cursor, BATCH);
      List<Trace> shown = new ArrayList<>(rows.size());
      for (TraceRepository.HistoryRow row : rows) {
        HistoryRule.asSeenBy(viewer, row.trace(), row.subject()).ifPresent(shown::add);
      }
      if (!shown.isEmpty()) {
        writer.write(shown, proofs.prove(shown, head));
      }
      if (rows.size() < BATCH) {
        return;
      }
      cursor = rows.get(rows.size() - 1).trace().id();
    }
  }
}
