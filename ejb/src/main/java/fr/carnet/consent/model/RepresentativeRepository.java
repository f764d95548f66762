package fr.carnet.consent.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where legal representatives are kept. */
public interface RepresentativeRepository {

  Optional<Representative> find(UUID recordId, UUID representativeId);

  /**
   * The representative, its row locked until the transaction ends: two staff members deciding at
   * once are decided one after the other, and the second finds it decided.
   */
  Optional<Representative> lock(UUID recordId, UUID representativeId);

  /** The record's representatives, current and ended, newest first. */
  List<Representative> of(UUID recordId);

  /**
   * The approved, not ended representations held by the person of {@code representativeRecordId}.
   */
  List<Representative> heldBy(UUID representativeRecordId);

  /** Pending representations whose deadline is after {@code now}, oldest first. */
  List<Representative> pending(java.time.Instant now, int limit);

  void store(Representative representative);
}
