package fr.carnet.agenda.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When an appointment may start: within the window around now, both ends included (issue 21). */
class AppointmentInputTest {

  private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
  private static final Instant EARLIEST = NOW.minus(Duration.ofDays(365));
  private static final Instant LATEST = NOW.plus(Duration.ofDays(730));

  @ParameterizedTest(name = "start {0} -> accepted {1}")
  @CsvSource({
    "2026-12-10T09:00:00Z, true",
    "2025-12-03T08:00:00Z, true",
    "2025-12-03T07:59:59Z, false",
    "2028-12-02T08:00:00Z, true",
    "2028-12-02T08:00:01Z, false",
    "2126-12-03T08:00:00Z, false",
    "1926-12-03T08:00:00Z, false"
  })
  void startWithinTheWindow(String start, boolean accepted) {
    Instant startsAt = Instant.parse(start);
    AppointmentInput input =
        AppointmentInput.checked(
            "10101010101",
            "Dr Martin",
            null,
            null,
            "Cabinet",
            startsAt,
            startsAt.plus(Duration.ofMinutes(30)),
            null,
            "doctolib",
            "rdv-1",
            true);
    if (accepted) {
      assertThatCode(() -> input.startsWithin(EARLIEST, LATEST)).doesNotThrowAnyException();
    } else {
      CarnetException refused =
          catchThrowableOfType(() -> input.startsWithin(EARLIEST, LATEST), CarnetException.class);
      assertThat(refused).isNotNull();
      assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
      assertThat(refused.getMessage()).startsWith("start: between");
    }
  }
}
