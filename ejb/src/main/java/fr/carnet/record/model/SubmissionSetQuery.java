package fr.carnet.record.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A search of one record's submission sets (IHE MHD ITI-66), newest first: {@code id} is the set's
 * own (its entryUUID), {@code uniqueId} the submitter's (both given: either). Null filters are not
 * applied; bounds are inclusive from, exclusive to; {@code after} is the keyset position of the
 * last set of the previous page.
 */
public record SubmissionSetQuery(
    UUID id,
    String uniqueId,
    String sourceId,
    String designationSystem,
    String designationCode,
    Instant submittedFrom,
    Instant submittedTo,
    Instant updatedFrom,
    Instant updatedTo,
    Position after,
    int limit) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /** Where a page ends: submission time, then id to break ties. */
  public record Position(Instant submittedAt, UUID id) {}
}
