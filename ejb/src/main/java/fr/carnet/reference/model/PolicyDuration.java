package fr.carnet.reference.model;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;

/**
 * The durations of the rule book that may change by decree. Each starts at its configured value
 * (the key below) and may be set by an administrator, which is then kept in the database.
 */
public enum PolicyDuration {
  CARE_RELATIONSHIP("carnet.grants.normal-duration", "P365D", false, "Durée d'un accès attesté"),
  BREAK_GLASS("carnet.grants.break-glass-duration", "PT24H", false, "Durée d'un accès en urgence"),
  REGULATION("carnet.grants.regulation-duration", "PT24H", false, "Durée d'un accès en régulation"),
  OPPOSITION_WINDOW(
      "carnet.lifecycle.opposition-window", "P42D", false, "Délai d'opposition après création"),
  CODE_VALIDITY("carnet.lifecycle.code-validity", "P90D", false, "Validité d'un code provisoire"),
  RETENTION("carnet.lifecycle.retention", "P10Y", true, "Conservation d'un dossier fermé"),
  APPROVAL_TIMEOUT(
      "carnet.representation.approval-timeout",
      "P7D",
      false,
      "Délai pour qu'un second membre du personnel approuve une demande");

  private final String configKey;
  private final String fallback;
  private final boolean calendar;
  private final String label;

  PolicyDuration(String configKey, String fallback, boolean calendar, String label) {
    this.configKey = configKey;
    this.fallback = fallback;
    this.calendar = calendar;
    this.label = label;
  }

  public String configKey() {
    return configKey;
  }

  /** The value when neither the configuration nor an administrator sets one. */
  public String fallback() {
    return fallback;
  }

  /** A calendar period (years, months, days: P10Y) rather than an exact duration (PT24H). */
  public boolean calendar() {
    return calendar;
  }

  /** What it is, in French, for the administrators' screen. */
  public String label() {
    return label;
  }

  /**
   * Checks an ISO-8601 value for this duration: positive, and a period (P10Y) or a duration (P42D,
   * PT24H) as the rule wants; {@code IllegalArgumentException} otherwise.
   */
  public String validate(String value) {
    String text = value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT);
    try {
      if (calendar) {
        Period period = Period.parse(text);
        if (period.isNegative() || period.isZero()) {
          throw new IllegalArgumentException(name() + " must be positive");
        }
      } else {
        Duration duration = Duration.parse(text);
        if (duration.isNegative() || duration.isZero()) {
          throw new IllegalArgumentException(name() + " must be positive");
        }
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name()
              + " is an ISO-8601 "
              + (calendar ? "period such as P10Y" : "duration such as P42D"),
          e);
    }
    return text;
  }
}
