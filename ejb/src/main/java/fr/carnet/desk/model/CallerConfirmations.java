package fr.carnet.desk.model;

import fr.carnet.notification.model.Channel;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Where the desk's challenges and confirmations are kept, on the caller's transaction. */
public interface CallerConfirmations {

  /** How the caller was confirmed. */
  enum Method {
    /** INS and traits only: the record has no registered contact to send a code to. */
    TRAITS,
    /** INS and traits, and the one-time code sent to the registered contact. */
    TRAITS_AND_CODE
  }

  /** A one-time code waiting for the agent to type it, as kept: its hash only. */
  record Challenge(String codeHash, Channel channel, Instant expiresAt, int attempts) {}

  /** Replaces the agent's challenge on the record by a new one, its attempts at zero. */
  void challenge(
      UUID recordId,
      String agentId,
      String codeHash,
      Channel channel,
      Instant now,
      Instant expiresAt);

  /** The agent's challenge on the record, locked for this transaction. */
  Optional<Challenge> challengeForUpdate(UUID recordId, String agentId);

  /** One more wrong code. */
  void failedAttempt(UUID recordId, String agentId);

  /** The challenge is spent (used, or dead of its attempts). */
  void forgetChallenge(UUID recordId, String agentId);

  /** Records that the agent confirmed the caller, until {@code expiresAt}. */
  void confirm(UUID recordId, String agentId, Method method, Instant now, Instant expiresAt);

  /** Ends the agent's confirmations on the record (the call is over). */
  void end(UUID recordId, String agentId, Instant now);

  /** Counts a code sent to the person of the record, whichever agent sent it. */
  void codeSent(UUID recordId, Instant now);

  /** How many codes were sent to the person of the record since then, by any agent. */
  int codesSentSince(UUID recordId, Instant since);

  /** Until when the agent's latest confirmation on the record counts, if it still does. */
  Optional<Instant> confirmedUntil(UUID recordId, String agentId, Instant now);
}
