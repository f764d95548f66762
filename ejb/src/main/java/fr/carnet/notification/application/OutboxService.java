package fr.carnet.notification.application;

import fr.carnet.notification.model.Delivery;
import fr.carnet.notification.model.Outbox;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The delivery job's short transactions on the outbox: each commits before a message is sent or
 * after it was, so that no database lock is held while a mail server takes its time.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxService {

  @Inject private Outbox outbox;

  public List<Delivery> claim(Instant now, Duration lease, int mailboxes, int perMessage) {
    return outbox.claimDue(now, now.plus(lease), mailboxes, perMessage);
  }

  public void delivered(Delivery delivery, String outcome, Instant now, Duration window) {
    outbox.delivered(delivery, outcome, now, window);
  }

  public void failed(Delivery delivery, String error, Instant retryAt) {
    outbox.failed(delivery, error, retryAt);
  }
}
