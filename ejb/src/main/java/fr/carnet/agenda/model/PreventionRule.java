package fr.carnet.agenda.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A rule of the national prevention calendar: whom it concerns (sex, ages in whole years, both
 * included) and how often (an ISO-8601 period counted from the birthday of the minimum age). A
 * retired rule ({@code retiredAt}) reminds nobody.
 *
 * <p>Its periods for one person start on their birthday of {@code minAge}, then every {@code
 * every}, while they are at most {@code maxAge} years old: the reminder of a period is due on its
 * first day, and one is sent per period (the job keys it on that day).
 */
public record PreventionRule(
    String code,
    String label,
    String sex,
    int minAge,
    int maxAge,
    Period every,
    Instant retiredAt) {

  private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{2,32}");
  private static final int OLDEST = 120;

  /** Checked as the administrators' API and V34's constraints want it; the reason otherwise. */
  public static PreventionRule checked(
      String code, String label, String sex, Integer minAge, Integer maxAge, String every) {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("code: 2 to 32 capital letters, digits or _");
    }
    if (label == null || label.isBlank() || label.length() > 200) {
      throw new IllegalArgumentException("label: 1 to 200 characters");
    }
    if (!"F".equals(sex) && !"M".equals(sex) && !"ANY".equals(sex)) {
      throw new IllegalArgumentException("sex: F, M or ANY");
    }
    if (minAge == null || maxAge == null || minAge < 0 || maxAge > OLDEST || minAge > maxAge) {
      throw new IllegalArgumentException("minAge and maxAge: 0 to 120, minAge <= maxAge");
    }
    return new PreventionRule(code, label.strip(), sex, minAge, maxAge, interval(every), null);
  }

  /** An ISO-8601 period of at least a month, in months or years (P1M, P2Y, P10Y). */
  public static Period interval(String every) {
    Period period;
    try {
      period = every == null ? null : Period.parse(every);
    } catch (DateTimeParseException e) {
      period = null;
    }
    if (period == null
        || period.isNegative()
        || period.getDays() != 0
        || period.toTotalMonths() < 1
        || period.toTotalMonths() > OLDEST * 12) {
      throw new IllegalArgumentException(
          "every: an ISO-8601 period in months or years, from P1M (e.g. P2Y)");
    }
    return period;
  }

  public boolean retired() {
    return retiredAt != null;
  }

  /** Whether the rule concerns a person of this sex ({@code F} or {@code M}). */
  public boolean concerns(String personSex) {
    return "ANY".equals(sex) || sex.equals(personSex);
  }

  /**
   * The reminder to send today: {@link #dueOn(LocalDate, String, LocalDate)} if its period began at
   * most {@code latest} days ago. An older one (a record opened, a rule added or the job stopped
   * well into the period) waits for the next period rather than arrive long after its time.
   */
  public Optional<LocalDate> toSend(
      LocalDate birthDate, String personSex, LocalDate today, long latest) {
    return dueOn(birthDate, personSex, today).filter(due -> !due.plusDays(latest).isBefore(today));
  }

  /**
   * As {@link #toSend(LocalDate, String, LocalDate, long)}, and never within the rule's interval
   * after the last reminder of this rule sent to the person ({@code lastSentOn}, the civil day it
   * was sent; null if none): a change of the rule that moves its periods (another interval, other
   * ages) does not send again what was just sent. The reminder then waits until a whole interval
   * has passed since the last one, if its period is still within {@code latest} days; otherwise the
   * next period's. An unchanged rule is never held back by it, its periods being an interval apart.
   */
  public Optional<LocalDate> toSend(
      LocalDate birthDate, String personSex, LocalDate today, long latest, LocalDate lastSentOn) {
    return toSend(birthDate, personSex, today, latest)
        .filter(due -> lastSentOn == null || !lastSentOn.plus(every).isAfter(today));
  }

  /**
   * The first day of the period the person is in today, if the rule concerns them today: the
   * reminder due, identified by that day. Empty before their birthday of {@code minAge}, from their
   * birthday of {@code maxAge + 1}, for the other sex, and for a retired rule.
   */
  public Optional<LocalDate> dueOn(LocalDate birthDate, String personSex, LocalDate today) {
    if (retired() || !concerns(personSex)) {
      return Optional.empty();
    }
    LocalDate first = birthDate.plusYears(minAge);
    LocalDate over = birthDate.plusYears(maxAge + 1L);
    if (today.isBefore(first) || !today.isBefore(over)) {
      return Optional.empty();
    }
    // Counted from the first period each time (never added step by step), so that a period that
    // starts on the 31st or the 29th of February does not drift.
    long months = every.toTotalMonths();
    long elapsed = Period.between(first, today).toTotalMonths();
    long k = elapsed / months;
    LocalDate due = first.plusMonths(k * months);
    while (due.isAfter(today)) {
      k--;
      due = first.plusMonths(k * months);
    }
    return Optional.of(due);
  }
}
