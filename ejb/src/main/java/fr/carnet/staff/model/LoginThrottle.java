package fr.carnet.staff.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule of throttled console logins, pure: for one key (an account name, or a client address),
 * how many failures are forgiven, how the delay before the next attempt grows, and when the key is
 * locked out. Attempts that come before the next allowed time, or during a lockout, are refused
 * before any password is hashed: that is what keeps a password list from costing the server a
 * PBKDF2 hash per guess.
 *
 * @param freeFailures failures within the window that cost no delay
 * @param delay the delay after the first failure beyond the free ones
 * @param growth the factor by which each further failure multiplies the delay
 * @param maxDelay the longest delay between two attempts
 * @param lockoutFailures failures within the window that lock the key out
 * @param lockout how long a lockout lasts
 * @param window how long failures are remembered: a key with no failure for that long starts anew
 */
public record LoginThrottle(
    int freeFailures,
    Duration delay,
    double growth,
    Duration maxDelay,
    int lockoutFailures,
    Duration lockout,
    Duration window) {

  public LoginThrottle {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(lockout, "lockout");
    Objects.requireNonNull(window, "window");
    if (freeFailures < 0 || lockoutFailures < 1 || growth < 1 || delay.isNegative()) {
      throw new IllegalArgumentException("Login throttle: inconsistent settings");
    }
  }

  /** Why an attempt now is refused before its password is checked, if it is. */
  public enum Refusal {
    LOCKED_OUT,
    TOO_SOON
  }

  /** What is remembered of one key's failures. */
  public record Failures(
      int count, Instant windowStart, Instant nextAllowed, Instant lockedUntil, Instant last) {

    public static Failures none(Instant now) {
      return new Failures(0, now, now, null, now);
    }

    public boolean lockedAt(Instant now) {
      return lockedUntil != null && now.isBefore(lockedUntil);
    }
  }

  /** The failure just counted, and whether it locked the key out. */
  public record Counted(Failures failures, boolean lockedOut) {}

  /** Whether an attempt now is refused outright, before its password is hashed. */
  public Optional<Refusal> refusal(Failures failures, Instant now) {
    if (failures == null) {
      return Optional.empty();
    }
    if (failures.lockedAt(now)) {
      return Optional.of(Refusal.LOCKED_OUT);
    }
    if (now.isBefore(failures.nextAllowed())) {
      return Optional.of(Refusal.TOO_SOON);
    }
    return Optional.empty();
  }

  /** Counts a failed attempt made now. */
  public Counted failed(Failures before, Instant now) {
    Failures current =
        before == null
                || !now.isBefore(before.last().plus(window))
                || (before.lockedUntil() != null && !now.isBefore(before.lockedUntil()))
            ? Failures.none(now)
            : before;
    int count = current.count() + 1;
    if (count >= lockoutFailures) {
      // Locked: the count starts again when the lockout ends.
      Instant until = now.plus(lockout);
      return new Counted(new Failures(0, now, until, until, now), true);
    }
    Instant next = count > freeFailures ? now.plus(delayAfter(count - freeFailures)) : now;
    return new Counted(new Failures(count, current.windowStart(), next, null, now), false);
  }

  /** The delay after the {@code n}th failure beyond the free ones (n ≥ 1). */
  Duration delayAfter(int n) {
    double millis = delay.toMillis() * Math.pow(growth, n - 1.0);
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
  }

  /** When a key's row holds nothing back any more and may be forgotten. */
  public boolean forgettable(Failures failures, Instant now) {
    return !failures.lockedAt(now)
        && !now.isBefore(failures.nextAllowed())
        && !now.isBefore(failures.last().plus(window));
  }
}
