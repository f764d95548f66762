package fr.carnet.audit.application;

import fr.carnet.access.Decision;
import fr.carnet.audit.RequestIds;
import fr.carnet.audit.infrastructure.TraceAppend;
import fr.carnet.audit.model.AccessTraced;
import fr.carnet.audit.model.PendingTrace;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceEntry;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.security.Actor;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The one way traces are written. Mandatory transaction: a trace commits with the access it
 * records, or not at all; a refusal commits its trace because refusals do not roll back.
 *
 * <p>Every request writes one, so it is a plain call on the transaction's connection: no generated
 * id to read back, no persistence context to track an object that is never read again; and a CDI
 * bean that checks the transaction itself rather than a second EJB call per request. A permitted
 * access whose work is one statement can have that statement append its trace ({@link
 * #recordWithWork}): the work and its trace then take one round trip.
 */
@ApplicationScoped
public class TraceService {

  private static final Logger LOG = Logger.getLogger(TraceService.class.getName());

  /** Appends to a free hash chain (see migration V8), in one round trip. */
  private static final String INSERT = "select " + TraceAppend.CALL;

  /** The transaction's traces that a statement of its work is to append, not appended yet. */
  private static final String PENDING = TraceService.class.getName() + ".pending";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Inject private Clock clock;

  @Resource private TransactionSynchronizationRegistry transactions;

  @Inject private Event<AccessTraced> traced;

  /**
   * Writes the trace of an access about one document or profile entry (or about nothing in
   * particular: {@link TraceSubject#NONE}). Its id goes to the trace; for what was not filed, the
   * flags asked for follow the detail (see {@link TraceSubject#markDetail}).
   */
  public void recordAbout(
      Actor actor,
      TraceAction action,
      UUID recordId,
      TraceSubject subject,
      Decision decision,
      String detail) {
    TraceEntry entry = entry(actor, action, recordId, subject, decision, detail);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      TraceAppend.bind(insert, 1, entry);
      insert.executeQuery().close();
    } catch (SQLException e) {
      // No trace, no access: the exception rolls the whole transaction back.
      throw new IllegalStateException("Cannot write a trace", e);
    }
    traced.fire(new AccessTraced(actor, action, recordId, subject, decision));
  }

  /**
   * The trace of a permitted access, for the statement of its work to append: nothing is written
   * here. The caller hands {@link PendingTrace#entry()} to the repository that does the work in one
   * statement, then says {@link #carried} (or {@link #withdraw}, if the work was not done and the
   * access is traced otherwise). Until then the transaction cannot commit: its commit fails and
   * rolls everything back, so that no access goes untraced.
   */
  public PendingTrace recordWithWork(
      Actor actor,
      TraceAction action,
      UUID recordId,
      TraceSubject subject,
      Decision decision,
      String detail) {
    if (!decision.permitted()) {
      // A refusal has no work to carry its trace, and must commit it: written at once.
      throw new IllegalArgumentException("A refusal is traced at once: " + decision);
    }
    PendingTrace trace =
        new PendingTrace(
            entry(actor, action, recordId, subject, decision, detail),
            new AccessTraced(actor, action, recordId, subject, decision));
    pending().add(trace);
    return trace;
  }

  /** The work's statement appended the trace: observers are told, as of any trace. */
  public void carried(PendingTrace trace) {
    if (!pending().remove(trace)) {
      throw new IllegalStateException("Not a pending trace of this transaction");
    }
    traced.fire(trace.event());
  }

  /** The work was not done (nothing written): its access is traced otherwise, or not at all. */
  public void withdraw(PendingTrace trace) {
    pending().remove(trace);
  }

  private TraceEntry entry(
      Actor actor,
      TraceAction action,
      UUID recordId,
      TraceSubject subject,
      Decision decision,
      String detail) {
    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
      // Outside a transaction the trace could commit without its access, or the other way round.
      throw new IllegalStateException("A trace is written in the transaction of its access");
    }
    return new TraceEntry(
        clock.instant(),
        actor.role().name(),
        // An app is traced by its client id (the history names it from the catalogue): the record
        // says for whom it acted.
        actor.app() != null ? actor.app() : actor.subject(),
        actor.rpps(),
        actor.profession(),
        actor.finess(),
        recordId,
        subject.id(),
        action.name(),
        decision.permitted() ? "PERMIT" : "DENY",
        decision.reason(),
        subject.markDetail(detail),
        decision.mode() == null ? null : decision.mode().name(),
        RequestIds.current());
  }

  /**
   * The transaction's pending traces; the first one registers the check that fails the commit of a
   * transaction with a trace still pending.
   */
  @SuppressWarnings("unchecked")
  private Set<PendingTrace> pending() {
    Set<PendingTrace> pending = (Set<PendingTrace>) transactions.getResource(PENDING);
    if (pending == null) {
      Set<PendingTrace> created = Collections.newSetFromMap(new IdentityHashMap<>());
      transactions.putResource(PENDING, created);
      transactions.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {
              if (!created.isEmpty()) {
                LOG.severe(
                    "A transaction was to commit with "
                        + created.size()
                        + " trace(s) never appended: rolled back");
                transactions.setRollbackOnly();
                throw new IllegalStateException("An access's trace was never appended");
              }
            }

            @Override
            public void afterCompletion(int status) {
              created.clear();
            }
          });
      pending = created;
    }
    return pending;
  }

  /**
   * The trace of an access about no single document or entry (a search, a grant, an account event):
   * {@code documentId} is null. A trace about a document goes through {@link #recordAbout}, which
   * knows whether the document is secret.
   */
  public void record(
      Actor actor,
      TraceAction action,
      UUID recordId,
      UUID documentId,
      Decision decision,
      String detail) {
    if (documentId != null) {
      // A document's trace says whether it is secret, for the history and notifications to honour.
      throw new IllegalArgumentException("A trace about a document is given its TraceSubject");
    }
    recordAbout(actor, action, recordId, TraceSubject.NONE, decision, detail);
  }

  public void record(
      Actor actor, TraceAction action, UUID recordId, UUID documentId, Decision decision) {
    record(actor, action, recordId, documentId, decision, null);
  }

  public void recordAbout(
      Actor actor, TraceAction action, UUID recordId, TraceSubject subject, Decision decision) {
    recordAbout(actor, action, recordId, subject, decision, null);
  }
}
