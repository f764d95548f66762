package fr.carnet.notification.model;

import java.time.Instant;

/**
 * A notification waiting in a mailbox, as a message will tell it.
 *
 * @param id its position in the outbox; a message carries every pending notification up to one id
 * @param professionLabel the label of the professional's profession, when a professional acted
 * @param detail what the kind needs besides: the new state, the emergency mode
 */
public record PendingNotification(
    long id,
    NotificationKind kind,
    Instant occurredAt,
    String actorRpps,
    String professionLabel,
    String detail) {}
