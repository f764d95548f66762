package fr.carnet.identity.model;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The five identity traits that go with an INS: birth name, birth first names, birth date, sex and
 * birthplace (INSEE code). Valid by construction; two sets of traits are compared after
 * normalisation, never guessed.
 */
public record Traits(
    String birthName, String firstNames, LocalDate birthDate, Sex sex, String birthPlace) {

  private static final int MAX_NAME = 100;
  private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1880, 1, 1);
  // Letters of any alphabet with accents, spaces, hyphens and apostrophes.
  private static final Pattern NAME = Pattern.compile("[\\p{L}][\\p{L}\\p{M} '’-]*");
  // An INSEE commune code: department (two digits, 2A or 2B, 97x overseas, 99 abroad) and three
  // digits.
  private static final Pattern INSEE_PLACE = Pattern.compile("(?:[0-9]{2}|2[AB])[0-9]{3}");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s'’-]+");

  public Traits {
    birthName = requireName("birthName", birthName);
    firstNames = requireName("firstNames", firstNames);
    if (birthDate == null) {
      throw invalid("birthDate is required");
    }
    if (birthDate.isBefore(EARLIEST_BIRTH) || birthDate.isAfter(LocalDate.now())) {
      throw invalid("birthDate must be a real, past date");
    }
    if (sex == null) {
      throw invalid("sex is required (M or F)");
    }
    if (birthPlace == null || !INSEE_PLACE.matcher(birthPlace.trim().toUpperCase()).matches()) {
      throw invalid("birthPlace must be an INSEE code of five characters");
    }
    birthPlace = birthPlace.trim().toUpperCase();
  }

  /**
   * True when both sets of traits name the same person: names compared without regard to case,
   * accents, hyphens, apostrophes or spacing; dates, sex and place exactly.
   */
  public boolean matches(Traits other) {
    return normalise(birthName).equals(normalise(other.birthName))
        && normalise(firstNames).equals(normalise(other.firstNames))
        && birthDate.equals(other.birthDate)
        && sex == other.sex
        && birthPlace.equals(other.birthPlace);
  }

  static String normalise(String name) {
    String withoutAccents =
        MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
    return SEPARATORS.matcher(withoutAccents.toUpperCase(Locale.ROOT)).replaceAll(" ").trim();
  }

  private static String requireName(String field, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(field + " is required");
    }
    String trimmed = value.trim();
    if (trimmed.length() > MAX_NAME || !NAME.matcher(trimmed).matches()) {
      throw invalid(
          field + " must be letters, spaces, hyphens or apostrophes, at most " + MAX_NAME);
    }
    return trimmed;
  }

  private static CarnetException invalid(String detail) {
    return new CarnetException(ErrorCode.TRAITS_INVALID, detail);
  }

  @Override
  public String toString() {
    return "Traits[***]";
  }
}
