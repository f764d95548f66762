package fr.carnet.messaging.model;

import java.time.Instant;
import java.util.UUID;

/** A conversation of one record with one professional; its subject is the professional's words. */
public record Conversation(
    UUID id,
    UUID recordId,
    String professionalRpps,
    String professionalFiness,
    String subject,
    boolean hiddenFromRepresentatives,
    Side startedBy,
    Instant startedAt,
    Instant lastMessageAt) {

  /** Who wrote: the professional, or the patient side (the person or a representative). */
  public enum Side {
    PROFESSIONAL,
    PATIENT
  }
}
