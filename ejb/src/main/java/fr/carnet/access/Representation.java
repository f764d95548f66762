package fr.carnet.access;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A representative's standing: for whom they act and, for a minor, the birth date from which
 * majority follows (so that rights end without any job running).
 *
 * @param kind a minor's parent or guardian, or a protected adult's guardian
 * @param representedBirthDate the birth date of the person represented
 */
public record Representation(Kind kind, LocalDate representedBirthDate) {

  /** Whom the representative acts for. */
  public enum Kind {
    MINOR,
    PROTECTED_ADULT
  }

  public Representation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(representedBirthDate, "representedBirthDate");
  }
}
