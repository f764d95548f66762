package fr.carnet.audit.application;

import fr.carnet.access.Decision;
import fr.carnet.audit.RequestIds;
import fr.carnet.audit.model.AccessTraced;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.security.Actor;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The one way traces are written. Mandatory transaction: a trace commits with the access it
 * records, or not at all; a refusal commits its trace because refusals do not roll back.
 *
 * <p>Every request writes one, so it is a plain insert on the transaction's connection: no
 * generated id to read back, no persistence context to track an object that is never read again;
 * and a CDI bean that checks the transaction itself rather than a second EJB call per request.
 */
@ApplicationScoped
public class TraceService {

  /** Appends to a free hash chain (see migration V8), in one round trip. */
  private static final String INSERT =
      "select append_trace(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
    UUID documentId = subject.id();
    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
      // Outside a transaction the trace could commit without its access, or the other way round.
      throw new IllegalStateException("A trace is written in the transaction of its access");
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
      insert.setString(2, actor.role().name());
      insert.setString(3, actor.subject());
      insert.setString(4, actor.rpps());
      insert.setString(5, actor.profession());
      insert.setString(6, actor.finess());
      insert.setObject(7, recordId);
      insert.setObject(8, documentId);
      insert.setString(9, action.name());
      insert.setString(10, decision.permitted() ? "PERMIT" : "DENY");
      insert.setString(11, decision.reason());
      insert.setString(12, subject.markDetail(detail));
      insert.setString(13, decision.mode() == null ? null : decision.mode().name());
      insert.setString(14, RequestIds.current());
      insert.executeQuery().close();
    } catch (SQLException e) {
      // No trace, no access: the exception rolls the whole transaction back.
      throw new IllegalStateException("Cannot write a trace", e);
    }
    traced.fire(new AccessTraced(actor, action, recordId, subject, decision));
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
