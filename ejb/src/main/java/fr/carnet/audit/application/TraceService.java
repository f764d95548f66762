package fr.carnet.audit.application;

import fr.carnet.access.Decision;
import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.security.Actor;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.UUID;

/**
 * The one way traces are written. Mandatory transaction: a trace commits with the access it
 * records, or not at all; a refusal commits its trace because refusals do not roll back.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class TraceService {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Inject private Clock clock;

  public void record(
      Actor actor,
      TraceAction action,
      UUID recordId,
      UUID documentId,
      Decision decision,
      String detail) {
    entityManager.persist(
        new Trace(
            clock.instant(),
            actor.role().name(),
            actor.subject(),
            actor.rpps(),
            actor.profession(),
            actor.finess(),
            recordId,
            documentId,
            action,
            decision.permitted(),
            decision.reason(),
            detail));
  }

  public void record(
      Actor actor, TraceAction action, UUID recordId, UUID documentId, Decision decision) {
    record(actor, action, recordId, documentId, decision, null);
  }
}
