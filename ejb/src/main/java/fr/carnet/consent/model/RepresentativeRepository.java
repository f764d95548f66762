package fr.carnet.consent.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where legal representatives are kept. */
public interface RepresentativeRepository {

  Optional<Representative> find(UUID recordId, UUID representativeId);

  /** The record's representatives, current and ended, newest first. */
  List<Representative> of(UUID recordId);

  /** The current representations held by the person of {@code representativeRecordId}. */
  List<Representative> heldBy(UUID representativeRecordId);

  void store(Representative representative);
}
