package fr.carnet.account.application;

import fr.carnet.account.model.DeletionRequest;
import java.time.Instant;
import java.util.UUID;

/**
 * An agent's request to delete a record at once, as staff see it: who asked and when, until when it
 * may be approved, and where it stands.
 */
public record DeletionRequestView(
    UUID id,
    UUID recordId,
    Instant requestedAt,
    String requestedBy,
    Instant expiresAt,
    DeletionRequest.Standing status,
    Instant decidedAt,
    String decidedBy) {

  static DeletionRequestView of(DeletionRequest request, Instant now) {
    return new DeletionRequestView(
        request.id(),
        request.recordId(),
        request.requestedAt(),
        request.requestedBy(),
        request.expiresAt(),
        request.standing(now),
        request.decidedAt(),
        request.decidedBy());
  }
}
