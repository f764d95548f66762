package fr.carnet.notification.model;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A notification about to be queued in its cause's transaction: by the outbox itself, or by the
 * statement that does the work it tells of, so that both take one round trip.
 *
 * @param window the least time between two messages of one mailbox
 */
public record NotificationToQueue(
    UUID recordId,
    NotificationKind kind,
    Instant at,
    String actorRpps,
    String actorProfession,
    String detail,
    Duration window) {}
