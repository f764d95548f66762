package fr.carnet.notification.model;

import java.util.List;
import java.util.UUID;

/**
 * A mailbox claimed for delivery: where to send, what is pending, and how many attempts failed.
 *
 * @param address the patient's email address or phone number now; null when they have none left
 */
public record Delivery(
    UUID recordId,
    Channel channel,
    String address,
    int failedAttempts,
    List<PendingNotification> pending) {

  /** The last notification the message carries: those after it wait for the next message. */
  public long lastId() {
    return pending.isEmpty() ? 0 : pending.get(pending.size() - 1).id();
  }
}
