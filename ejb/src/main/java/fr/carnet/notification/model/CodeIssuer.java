package fr.carnet.notification.model;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues a record's provisional code for its information message, as the message is sent: no code
 * ever waits in clear in the outbox. Nothing for a record that is no longer pending.
 */
public interface CodeIssuer {

  /** A code and when it expires. */
  record Code(String code, Instant expiresAt) {}

  Optional<Code> issueFor(UUID recordId);
}
