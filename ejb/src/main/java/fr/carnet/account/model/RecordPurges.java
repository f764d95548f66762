package fr.carnet.account.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The scheduled work's claims and the deletions, through the database's own functions (V11). */
public interface RecordPurges {

  /** Pending records whose window ended, locked for this transaction; others skip them. */
  List<UUID> claimEndedWindows(Instant now, int limit);

  /** Closed records whose retention ended, locked for this transaction; others skip them. */
  List<UUID> claimEndedRetentions(Instant now, int limit);

  /** Deletes everything of the record but its tombstone (state PURGED) and the audit trail. */
  void purge(UUID recordId, Instant at);

  /** Deletes the record's content (documents, profile, grants), keeping the account. */
  void eraseContent(UUID recordId);
}
