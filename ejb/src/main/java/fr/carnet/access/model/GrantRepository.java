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

  /**
   * A professional's current declaration of one mode on the record, if any (never a standing one).
   */
  Optional<Grant> active(UUID recordId, String rpps, AccessMode mode, Instant at);

  /** The current standing agreements the patient side gave the professional of this RPPS. */
  List<Grant> standing(UUID recordId, String rpps, Instant at);

  void store(Grant grant);
}
