package fr.carnet.record.model;

import fr.carnet.reference.model.DocumentType;
import java.time.Instant;
import java.util.UUID;

/**
 * A search of one record's documents. Null filters are not applied; {@code after} is the keyset
 * position of the last document of the previous page.
 */
public record DocumentQuery(
    String classCode,
    DocumentType type,
    Instant from,
    Instant to,
    String authorRpps,
    DocumentStatus status,
    Position after,
    int limit) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /** Where a page ends, newest first: authoring time, then id to break ties. */
  public record Position(Instant authoredAt, UUID id) {}
}
