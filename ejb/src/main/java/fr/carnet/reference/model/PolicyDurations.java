package fr.carnet.reference.model;

import java.time.Duration;
import java.time.Period;

/** The durations in force: an administrator's value where set, the configured one otherwise. */
public interface PolicyDurations {

  /** The ISO-8601 text in force. */
  String value(PolicyDuration duration);

  /** The configured value (the rule book's when the configuration has none). */
  String configured(PolicyDuration duration);

  /** An exact duration's value ({@code IllegalStateException} for a calendar period). */
  default Duration duration(PolicyDuration duration) {
    if (duration.calendar()) {
      throw new IllegalStateException(duration + " is a calendar period");
    }
    return Duration.parse(value(duration));
  }

  /** A calendar period's value ({@code IllegalStateException} for an exact duration). */
  default Period period(PolicyDuration duration) {
    if (!duration.calendar()) {
      throw new IllegalStateException(duration + " is an exact duration");
    }
    return Period.parse(value(duration));
  }

  /** Forgets what is kept in memory: called where a value was just changed. */
  void forget();
}
