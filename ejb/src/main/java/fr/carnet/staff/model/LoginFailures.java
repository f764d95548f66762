package fr.carnet.staff.model;

import java.time.Instant;
import java.util.Optional;

/**
 * Where failed console logins are counted, shared by every node: keys are hashes of an account name
 * or of a client address, never the typed text.
 */
public interface LoginFailures {

  /** What is kept of a key, locked until the transaction ends (created empty if absent). */
  LoginThrottle.Failures lock(String keyHash, String kind, Instant now);

  /** What is kept of a key, without locking it; nothing if it has no failure. */
  Optional<LoginThrottle.Failures> find(String keyHash);

  void save(String keyHash, String kind, LoginThrottle.Failures failures);

  void forget(String keyHash);

  /**
   * Forgets the keys whose last failure is older than {@code before} and that hold nothing back.
   */
  int forgetOlderThan(Instant before, Instant now);
}
