package fr.carnet.portability.model;

import java.util.Optional;
import java.util.UUID;

/**
 * One export at a time per record, across every server instance: a second one while the first is
 * still being written is refused, so that a record cannot be made to stream itself many times at
 * once.
 */
public interface ExportLocks {

  /** The record's export lock, held until closed; empty when another export holds it. */
  Optional<Held> tryHold(UUID recordId);

  /** A held lock. Closing it twice is harmless. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
