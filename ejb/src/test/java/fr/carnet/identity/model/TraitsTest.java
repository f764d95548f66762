package fr.carnet.identity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraitsTest {

  private static final Traits MARIE =
      new Traits("DUPONT", "MARIE CLAIRE", LocalDate.of(1985, 5, 12), Sex.F, "75056");

  @ParameterizedTest(name = "{0} / {1} matches DUPONT / MARIE CLAIRE")
  @CsvSource({
    "DUPONT, MARIE CLAIRE",
    "dupont, marie claire",
    "Dupont, Marie-Claire",
    "'  DUPONT ', 'MARIE   CLAIRE'",
    "DÙPONT, MARIE CLAÏRE",
  })
  void namesMatchWhateverTheirCaseAccentsHyphensAndSpaces(String birthName, String firstNames) {
    Traits other = new Traits(birthName, firstNames, LocalDate.of(1985, 5, 12), Sex.F, "75056");
    assertThat(MARIE.matches(other)).isTrue();
  }

  @ParameterizedTest(name = "{0} / {1} / {2} / {3} / {4} does not match")
  @CsvSource({
    "DURAND, MARIE CLAIRE, 1985-05-12, F, 75056",
    "DUPONT, MARIE, 1985-05-12, F, 75056",
    "DUPONT, CLAIRE MARIE, 1985-05-12, F, 75056",
    "DUPONT, MARIE CLAIRE, 1985-05-13, F, 75056",
    "DUPONT, MARIE CLAIRE, 1985-05-12, M, 75056",
    "DUPONT, MARIE CLAIRE, 1985-05-12, F, 75057",
    "DUPONTE, MARIE CLAIRE, 1985-05-12, F, 75056",
  })
  void anyDifferenceIsAMismatch(
      String birthName, String firstNames, LocalDate birthDate, Sex sex, String place) {
    assertThat(MARIE.matches(new Traits(birthName, firstNames, birthDate, sex, place))).isFalse();
  }

  @ParameterizedTest(name = "{0} / {1} / {2} / {3} is refused")
  @CsvSource({
    "'', MARIE, 1985-05-12, 75056",
    "DUPONT, '  ', 1985-05-12, 75056",
    "DUP0NT, MARIE, 1985-05-12, 75056",
    "DUPONT, MARIE, 1879-12-31, 75056",
    "DUPONT, MARIE, 2999-01-01, 75056",
    "DUPONT, MARIE, 1985-05-12, 7505",
    "DUPONT, MARIE, 1985-05-12, 2C056",
    "DUPONT, MARIE, 1985-05-12, ABCDE",
  })
  void refusesInvalidTraits(String birthName, String firstNames, LocalDate date, String place) {
    assertThatThrownBy(() -> new Traits(birthName, firstNames, date, Sex.F, place))
        .isInstanceOf(CarnetException.class)
        .extracting(e -> ((CarnetException) e).code())
        .isEqualTo(ErrorCode.TRAITS_INVALID);
  }

  @Test
  void acceptsCorsicanAndForeignBirthplaces() {
    assertThat(
            new Traits("CASANOVA", "PAUL", LocalDate.of(1970, 1, 1), Sex.M, "2a004").birthPlace())
        .isEqualTo("2A004");
    assertThat(new Traits("SMITH", "JOHN", LocalDate.of(1970, 1, 1), Sex.M, "99132").birthPlace())
        .isEqualTo("99132");
  }

  @Test
  void neverShowsTheTraitsWhenPrinted() {
    assertThat(MARIE.toString()).doesNotContain("DUPONT").doesNotContain("1985");
  }
}
