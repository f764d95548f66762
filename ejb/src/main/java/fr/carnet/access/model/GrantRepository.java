package fr.carnet.access.model;

import fr.carnet.access.AccessMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where grants are kept. */
public interface GrantRepository {

  Optional<Grant> find(UUID recordId, UUID grantId);

  /** The record's grants current at {@code at}, newest first. */
  List<Grant> active(UUID recordId, Instant at);

  /** A professional's current grant of one mode on the record, if any. */
  Optional<Grant> active(UUID recordId, String rpps, AccessMode mode, Instant at);

  void store(Grant grant);
}
