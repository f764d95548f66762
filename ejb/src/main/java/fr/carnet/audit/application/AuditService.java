package fr.carnet.audit.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.AccountAction;
import fr.carnet.access.Relationship;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.model.Anomalies;
import fr.carnet.audit.model.HistoryRule;
import fr.carnet.audit.model.HistoryViewer;
import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceQuery;
import fr.carnet.audit.model.TraceRepository;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.audit.model.TraceTree;
import fr.carnet.security.Actor;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.AsyncResult;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The trail read back: by auditors, who search and export it (their own searches traced too), and
 * by the patient's side, who sees every access to the record in their history.
 */
@Stateless
public class AuditService {

  @Inject private AccessService access;
  @Inject private TraceRepository traces;
  @Inject private AccessGate gate;
  @Inject private HistoryProofs proofs;
  @Inject private Clock clock;

  private static final int REPORT_LIMIT = 500;

  /** A professional reading this many times the median of their profession's peers. */
  @Inject
  @ConfigProperty(name = "carnet.audit.heavy-reader-factor", defaultValue = "5")
  private double heavyReaderFactor;

  /** …and at least this many records in the period, so that quiet periods raise no alarm. */
  @Inject
  @ConfigProperty(name = "carnet.audit.heavy-reader-minimum", defaultValue = "20")
  private long heavyReaderMinimum;

  @Inject
  @ConfigProperty(name = "carnet.audit.refusal-burst-threshold", defaultValue = "10")
  private long burstThreshold;

  @Inject
  @ConfigProperty(name = "carnet.audit.refusal-burst-window-minutes", defaultValue = "10")
  private int burstWindowMinutes;

  @Inject
  @ConfigProperty(name = "carnet.audit.night-start-hour", defaultValue = "22")
  private int nightStartHour;

  @Inject
  @ConfigProperty(name = "carnet.audit.night-end-hour", defaultValue = "6")
  private int nightEndHour;

  /** A representation approved by staff and read by a representative within this delay. */
  @Inject
  @ConfigProperty(name = "carnet.anomalies.representation-read-within", defaultValue = "PT24H")
  private java.time.Duration representationReadWithin;

  /** A page of traces for an auditor. */
  public List<Trace> search(Actor actor, TraceQuery query) {
    audit(actor, TraceAction.AUDIT_SEARCH, query);
    return traces.search(query);
  }

  /**
   * Decides and traces an export now; the returned export streams every matching trace afterwards,
   * page by page, so that a month of traces never sits in memory.
   */
  public TraceExport export(Actor actor, TraceQuery query) {
    audit(actor, TraceAction.AUDIT_EXPORT, query);
    return new TraceExport(traces, query);
  }

  /** The anomaly reports over a period, with the configured thresholds. */
  public Anomalies anomalies(Actor actor, Instant from, Instant to) {
    audit(actor, TraceAction.AUDIT_ANOMALIES, null, from + "/" + to);
    return new Anomalies(
        from,
        to,
        traces.emergencyAccesses(from, to, REPORT_LIMIT),
        traces.heavyReaders(from, to, heavyReaderFactor, heavyReaderMinimum),
        traces.refusalBursts(from, to, burstThreshold, burstWindowMinutes),
        traces.outsideCareRelationship(from, to, REPORT_LIMIT),
        traces.nightTime(from, to, nightStartHour, nightEndHour, REPORT_LIMIT),
        traces.representationThenRead(from, to, representationReadWithin, REPORT_LIMIT));
  }

  /**
   * The anomaly reports computed in the background: aggregating a month of a national trail takes
   * longer than a page may, so the console asks for the report and shows it when it is ready. The
   * decision and the trace are the same as {@link #anomalies}'s, in the computation's transaction.
   */
  @Asynchronous
  public Future<Anomalies> anomaliesInBackground(Actor actor, Instant from, Instant to) {
    return new AsyncResult<>(anomalies(actor, from, to));
  }

  /**
   * A page of the record's history, newest first, for the patient or a representative: every trace
   * of the record that {@link HistoryRule} shows this reader (none about a document still withheld
   * from the patient, none about a minor's secret for a representative), as it shows them.
   */
  public List<Trace> history(Actor actor, UUID recordId, Long before, int limit) {
    return history(actor, recordId, before, limit, false).entries();
  }

  /**
   * A page of the history and, if asked, each entry's inclusion proof against the latest signed
   * head (none for an entry newer than that head): proofs only of the entries this reader is shown.
   */
  public ProvenHistory history(
      Actor actor, UUID recordId, Long before, int limit, boolean withProofs) {
    HistoryViewer viewer = enterHistory(actor, recordId, null);
    // Traces the reader is not shown are skipped, and the page filled from the following ones, so
    // that a short page still means the history's end.
    List<Trace> page = new ArrayList<>();
    Long cursor = before;
    while (page.size() < limit) {
      List<TraceRepository.HistoryRow> rows = traces.history(recordId, cursor, limit);
      for (TraceRepository.HistoryRow row : rows) {
        if (page.size() < limit) {
          HistoryRule.asSeenBy(viewer, row.trace(), row.subject()).ifPresent(page::add);
        }
      }
      if (rows.size() < limit) {
        break;
      }
      cursor = rows.get(rows.size() - 1).trace().id();
    }
    if (!withProofs) {
      return new ProvenHistory(page, null, Map.of());
    }
    TraceTree.SignedHead head = proofs.head().orElse(null);
    return new ProvenHistory(page, head, proofs.prove(page, head));
  }

  /** History entries, with the head their proofs are against and the proofs by trace id. */
  public record ProvenHistory(
      List<Trace> entries, TraceTree.SignedHead head, Map<Long, HistoryProofs.EntryProof> proofs) {}

  /**
   * The whole history with its proofs, for the patient's download: decided and traced now as a
   * history read (the same rule as the history's), then read batch by batch as it is written.
   */
  public HistoryExport exportHistory(Actor actor, UUID recordId) {
    HistoryViewer viewer =
        enterHistory(actor, recordId, "export", (policy, f) -> policy.mayExport(actor, f));
    return new HistoryExport(
        traces, proofs, viewer, recordId, proofs.head().orElse(null), clock.instant());
  }

  /**
   * The whole history, as {@link #history} shows it to this reader, for a portability export whose
   * one trace the export's own gate wrote: the policy is asked again (purely, nothing traced), so
   * that nothing but a permitted export gets it.
   */
  public HistoryExport historyForExport(Actor actor, AccessFacts facts, UUID recordId) {
    if (!access.policy().mayExport(actor, facts).permitted()) {
      throw new IllegalStateException("The history of an export goes only with a permitted one");
    }
    HistoryViewer viewer =
        facts.relationship() == Relationship.REPRESENTATIVE
            ? HistoryViewer.REPRESENTATIVE
            : HistoryViewer.PATIENT;
    return new HistoryExport(
        traces, proofs, viewer, recordId, proofs.head().orElse(null), clock.instant());
  }

  /** The history's one decision, traced: who reads it, and so what of it they are shown. */
  private HistoryViewer enterHistory(Actor actor, UUID recordId, String detail) {
    return enterHistory(actor, recordId, detail, (policy, f) -> policy.mayReadHistory(actor, f));
  }

  /** A proxy reads the history as a representative does: a minor's secrets left out. */
  private HistoryViewer enterHistory(
      Actor actor, UUID recordId, String detail, AccessGate.Rule rule) {
    AccessFacts facts =
        gate.enter(
            actor, recordId, TraceAction.ACCESS_HISTORY_READ, detail, ErrorCode.FORBIDDEN, rule);
    return facts.relationship() == Relationship.REPRESENTATIVE
            || facts.relationship() == Relationship.PROXY
        ? HistoryViewer.REPRESENTATIVE
        : HistoryViewer.PATIENT;
  }

  private void audit(Actor actor, TraceAction action, TraceQuery query) {
    audit(actor, action, query.record(), describe(query));
  }

  /** An auditor's action, decided and traced (under the record it names, if any). */
  private void audit(Actor actor, TraceAction action, UUID recordId, String detail) {
    gate.pass(
        actor,
        action,
        recordId,
        TraceSubject.NONE,
        access.policy().decide(actor, AccountAction.AUDIT_TRACES),
        detail,
        ErrorCode.FORBIDDEN);
  }

  /** The auditor's filters, kept with the trace of their search. */
  private static String describe(TraceQuery q) {
    StringBuilder filters = new StringBuilder();
    append(filters, "actor", q.actor());
    append(filters, "from", q.from());
    append(filters, "to", q.to());
    append(filters, "mode", q.mode());
    append(filters, "outcome", q.outcome());
    append(filters, "action", q.action());
    return filters.toString();
  }

  private static void append(StringBuilder filters, String name, Object value) {
    if (value != null) {
      filters.append(filters.length() == 0 ? "" : ",").append(name).append('=').append(value);
    }
  }
}
