package fr.carnet.catalogue.model;

import java.time.Instant;
import java.util.UUID;

/**
 * What one administrator asked of the catalogue and a second decides (four eyes): to reference an
 * app, or to reinstate a suspended one.
 */
public record CatalogueRequest(
    UUID id,
    UUID appId,
    Kind kind,
    Instant requestedAt,
    String requestedBy,
    Instant expiresAt,
    Status status) {

  public enum Kind {
    REFERENCE,
    REINSTATE
  }

  public enum Status {
    PENDING,
    APPROVED,
    REJECTED
  }
}
