package fr.carnet.record.model;

import fr.carnet.reference.model.DocumentType;
import java.time.Instant;
import java.util.UUID;

/**
 * A document's metadata as callers are given it: read straight from the row by searches, without an
 * entity to track (searches are the most frequent reads, and building entities was a tenth of their
 * cost), or taken from the entity by {@link Document#listing()}.
 */
public record DocumentListing(
    UUID id,
    UUID recordId,
    String uniqueId,
    String classCode,
    DocumentType type,
    String title,
    Instant authoredAt,
    Instant submittedAt,
    Author author,
    String contentType,
    Long size,
    String hash,
    ExternalReference reference,
    DocumentStatus status,
    int version,
    boolean withheldFromPatient,
    boolean hiddenFromRepresentatives,
    boolean masked,
    Instant updatedAt) {

  /** The last change of the document's metadata or status (FHIR's meta.lastUpdated). */
  public Instant lastUpdated() {
    return updatedAt == null ? submittedAt : updatedAt;
  }
}
