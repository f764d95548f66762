package fr.carnet.verifier;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;

/**
 * The verifier's policy: {@code retention}, how long a trace must be kept before it may be purged
 * (default {@code P3Y}, EHDS Art. 9); {@code tolerance}, how much older than an already witnessed
 * head a trace appended after it may claim to be (default {@code PT10M}, longer than any
 * transaction); {@code now}, the instant the retention is counted back from.
 */
public record Options(TemporalAmount retention, Duration tolerance, Instant now) {

  public static final String DEFAULT_RETENTION = "P3Y";
  public static final String DEFAULT_TOLERANCE = "PT10M";

  public static Options defaults() {
    return new Options(amount(DEFAULT_RETENTION), Duration.parse(DEFAULT_TOLERANCE), Instant.now());
  }

  /** From the command line's texts; null or blank keeps the default. */
  public static Options of(String retention, String tolerance) {
    Options defaults = defaults();
    return new Options(
        blank(retention) ? defaults.retention() : amount(retention),
        blank(tolerance) ? defaults.tolerance() : Duration.parse(tolerance.strip()),
        defaults.now());
  }

  public Options withNow(Instant at) {
    return new Options(retention, tolerance, at);
  }

  public Options withRetention(String amount) {
    return new Options(amount(amount), tolerance, now);
  }

  public Options withTolerance(Duration amount) {
    return new Options(retention, amount, now);
  }

  /** The instant before which a purged trace's head must have been signed. */
  public Instant retentionCutoff() {
    return now.atOffset(ZoneOffset.UTC).minus(retention).toInstant();
  }

  /** An ISO-8601 period ({@code P3Y}) or duration ({@code PT72H}). */
  static TemporalAmount amount(String text) {
    String t = text.strip();
    try {
      return t.contains("T") ? Duration.parse(t) : Period.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Not an ISO-8601 period or duration: " + text, e);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
