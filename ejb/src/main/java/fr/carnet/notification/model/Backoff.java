package fr.carnet.notification.model;

import java.time.Duration;

/** When to try a failing mailbox again: the initial delay, doubled at each failure, capped. */
public record Backoff(Duration initial, Duration max) {

  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("Backoff from " + initial + " up to " + max);
    }
  }

  public Duration after(int failedAttempts) {
    Duration delay = initial;
    for (int i = 0; i < failedAttempts && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
