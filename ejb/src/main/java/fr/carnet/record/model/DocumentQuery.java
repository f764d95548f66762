package fr.carnet.record.model;

import fr.carnet.reference.model.DocumentType;
import java.time.Instant;
import java.util.UUID;

/**
 * A search of one record's documents. Null filters are not applied; {@code after} is the keyset
 * position of the last document of the previous page. {@code updatedFrom} (inclusive) and {@code
 * updatedTo} (exclusive) bound the last update; {@code unseenBy}, an RPPS, keeps the documents that
 * professional has no permitting trace of reading, fetching or filing: what is new for them.
 */
public record DocumentQuery(
    String classCode,
    DocumentType type,
    Instant from,
    Instant to,
    String authorRpps,
    DocumentStatus status,
    Position after,
    int limit,
    Instant updatedFrom,
    Instant updatedTo,
    String unseenBy) {

  /** A search without the last-update and "new for" filters. */
  public DocumentQuery(
      String classCode,
      DocumentType type,
      Instant from,
      Instant to,
      String authorRpps,
      DocumentStatus status,
      Position after,
      int limit) {
    this(classCode, type, from, to, authorRpps, status, after, limit, null, null, null);
  }

  /** The same search restricted to changes in [from, to) and, if not null, to what is unseen. */
  public DocumentQuery updated(Instant from, Instant to, String unseenByRpps) {
    return new DocumentQuery(
        classCode,
        type,
        this.from,
        this.to,
        authorRpps,
        status,
        after,
        limit,
        from,
        to,
        unseenByRpps);
  }

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /** Where a page ends, newest first: authoring time, then id to break ties. */
  public record Position(Instant authoredAt, UUID id) {}
}
