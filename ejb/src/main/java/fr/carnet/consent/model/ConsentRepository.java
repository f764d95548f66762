package fr.carnet.consent.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where the patient's controls are kept. */
public interface ConsentRepository {

  Optional<RecordSettings> settings(UUID recordId);

  void store(RecordSettings settings);

  /** The RPPS numbers the patient blocked, with when. */
  List<Block> blocks(UUID recordId);

  /** Blocks a professional; returns false if they already were. */
  boolean block(UUID recordId, String rpps, Instant at);

  /** Unblocks a professional; returns false if they were not blocked. */
  boolean unblock(UUID recordId, String rpps);

  Optional<ResearchPreferences> research(UUID recordId);

  void store(ResearchPreferences preferences);

  /** A blocked professional. */
  record Block(String rpps, Instant blockedAt) {}
}
