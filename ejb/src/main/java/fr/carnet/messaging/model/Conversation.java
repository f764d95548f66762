package fr.carnet.messaging.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation of one record with one professional ({@code professionalRpps}, acting for {@code
 * professionalFiness}), or with one organisation ({@code organisationFiness}, a pharmacy, and no
 * RPPS): exactly one counterpart (V38 checks it). Its subject is the words of who started it.
 */
public record Conversation(
    UUID id,
    UUID recordId,
    String professionalRpps,
    String professionalFiness,
    String organisationFiness,
    String subject,
    boolean hiddenFromRepresentatives,
    Side startedBy,
    Instant startedAt,
    Instant lastMessageAt) {

  public Conversation {
    if ((professionalRpps == null) == (organisationFiness == null)) {
      throw new IllegalArgumentException("A professional or an organisation, exactly one");
    }
  }

  /** Whether the counterpart is an organisation (a pharmacy) rather than one professional. */
  public boolean addressedToOrganisation() {
    return organisationFiness != null;
  }

  /** Who wrote: the professional, or the patient side (the person or a representative). */
  public enum Side {
    PROFESSIONAL,
    PATIENT
  }
}
