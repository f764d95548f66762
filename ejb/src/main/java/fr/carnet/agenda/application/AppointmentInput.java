package fr.carnet.agenda.application;

import fr.carnet.agenda.model.AppointmentStatus;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * An appointment as a platform or the patient gives it, checked before anything is looked up or
 * stored: who (a professional by RPPS and name, or the patient's own words), where (FINESS and/or a
 * label), when (start before end, at most a week long), its status, the platform's ids.
 */
public record AppointmentInput(
    String professionalRpps,
    String professionalName,
    String whoText,
    String finess,
    String locationLabel,
    Instant startsAt,
    Instant endsAt,
    AppointmentStatus status,
    String source,
    String externalId) {

  /** The longest appointment: a longer one is a mistake (or a stay, which is not an agenda's). */
  static final Duration LONGEST = Duration.ofDays(7);

  private static final Pattern RPPS = Pattern.compile("\\d{11}");
  private static final Pattern FINESS = Pattern.compile("[0-9][0-9AB][0-9]{7}");
  private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

  /** Checked; a 400 with the first thing wrong otherwise. */
  public static AppointmentInput checked(
      String professionalRpps,
      String professionalName,
      String whoText,
      String finess,
      String locationLabel,
      Instant startsAt,
      Instant endsAt,
      String status,
      String source,
      String externalId,
      boolean fromPlatform) {
    if (professionalRpps != null && !RPPS.matcher(professionalRpps).matches()) {
      throw invalid("professional.rpps: 11 digits");
    }
    text(professionalName, "professional.name");
    text(whoText, "who");
    text(locationLabel, "location.label");
    if (finess != null && !FINESS.matcher(finess).matches()) {
      throw invalid("location.finess: 9 characters");
    }
    if (fromPlatform && professionalRpps == null && professionalName == null) {
      throw invalid("professional: an RPPS or a name");
    }
    if (!fromPlatform && whoText == null && professionalRpps == null && professionalName == null) {
      throw invalid("who: with whom, in words, or professional");
    }
    if (finess == null && locationLabel == null) {
      throw invalid("location: a FINESS and/or a label");
    }
    if (startsAt == null || endsAt == null) {
      throw invalid("start and end are required (ISO-8601 instants)");
    }
    if (!endsAt.isAfter(startsAt)) {
      throw invalid("end must be after start");
    }
    if (Duration.between(startsAt, endsAt).compareTo(LONGEST) > 0) {
      throw invalid("an appointment lasts at most " + LONGEST.toDays() + " days");
    }
    AppointmentStatus parsed;
    try {
      parsed = status == null ? AppointmentStatus.BOOKED : AppointmentStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw invalid("status: BOOKED, MOVED or CANCELLED");
    }
    if (fromPlatform
        && (source == null
            || !SOURCE.matcher(source).matches()
            || "PATIENT".equals(source)
            || externalId == null
            || !EXTERNAL_ID.matcher(externalId).matches())) {
      throw invalid(
          "source (1 to 64 letters, digits, . _ -; not PATIENT) and externalId (1 to 128) are"
              + " required");
    }
    return new AppointmentInput(
        professionalRpps,
        strip(professionalName),
        strip(whoText),
        finess,
        strip(locationLabel),
        startsAt,
        endsAt,
        parsed,
        source,
        externalId);
  }

  /**
   * Refuses (400, nothing looked up or stored) a start outside {@code earliest} … {@code latest}:
   * an appointment years away or long past is a mistake, or a way to fill an agenda.
   */
  public void startsWithin(Instant earliest, Instant latest) {
    if (startsAt.isBefore(earliest) || startsAt.isAfter(latest)) {
      throw invalid("start: between " + earliest + " and " + latest);
    }
  }

  private static void text(String value, String name) {
    if (value != null && (value.isBlank() || value.length() > 200)) {
      throw invalid(name + ": 1 to 200 characters");
    }
  }

  private static String strip(String value) {
    return value == null ? null : value.strip();
  }

  private static CarnetException invalid(String why) {
    return new CarnetException(ErrorCode.VALIDATION_FAILED, why);
  }
}
