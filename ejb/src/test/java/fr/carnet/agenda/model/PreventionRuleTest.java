package fr.carnet.agenda.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a prevention reminder is due: ages at their edges, sex, the interval since the last. */
class PreventionRuleTest {

  private static final LocalDate BORN = LocalDate.of(1976, 3, 15);
  private static final PreventionRule BREAST =
      PreventionRule.checked("BREAST_SCREENING", "Sein", "F", 50, 74, "P2Y");
  private static final PreventionRule DTP_25 =
      PreventionRule.checked("DTP_25", "dTP 25", "ANY", 25, 25, "P1Y");
  private static final PreventionRule DTP_65 =
      PreventionRule.checked("DTP_65", "dTP 65", "ANY", 65, 120, "P10Y");

  @ParameterizedTest(name = "{0} of sex {1} on {2} -> {3}")
  @CsvSource(
      textBlock =
          """
          # the breast screening of a woman born 1976-03-15: 50 on 2026-03-15, 75 on 2051-03-15
          F, 2026-03-14, NONE
          F, 2026-03-15, 2026-03-15
          F, 2027-03-14, 2026-03-15
          F, 2028-03-14, 2026-03-15
          F, 2028-03-15, 2028-03-15
          F, 2050-03-15, 2050-03-15
          F, 2051-03-14, 2050-03-15
          F, 2051-03-15, NONE
          M, 2026-03-15, NONE
          M, 2028-03-15, NONE
          """)
  void breastScreening(String sex, LocalDate today, String expected) {
    assertThat(BREAST.dueOn(BORN, sex, today).map(LocalDate::toString).orElse("NONE"))
        .isEqualTo(expected);
  }

  @Test
  void aReminderAtOneAgeIsDueThatYearOnly() {
    assertThat(DTP_25.dueOn(BORN, "M", LocalDate.of(2001, 3, 14))).isEmpty();
    assertThat(DTP_25.dueOn(BORN, "M", LocalDate.of(2001, 3, 15)))
        .contains(LocalDate.of(2001, 3, 15));
    assertThat(DTP_25.dueOn(BORN, "F", LocalDate.of(2002, 3, 14)))
        .contains(LocalDate.of(2001, 3, 15));
    assertThat(DTP_25.dueOn(BORN, "F", LocalDate.of(2002, 3, 15))).isEmpty();
  }

  @Test
  void everyTenYearsFromSixtyFiveThePeriodAdvancesOnlyAfterTheInterval() {
    assertThat(DTP_65.dueOn(BORN, "F", LocalDate.of(2050, 1, 1)))
        .contains(LocalDate.of(2041, 3, 15));
    assertThat(DTP_65.dueOn(BORN, "F", LocalDate.of(2051, 3, 14)))
        .contains(LocalDate.of(2041, 3, 15));
    assertThat(DTP_65.dueOn(BORN, "F", LocalDate.of(2051, 3, 15)))
        .contains(LocalDate.of(2051, 3, 15));
  }

  @Test
  void aLeapDayBirthAndMonthlyPeriodsDoNotDrift() {
    LocalDate leap = LocalDate.of(1976, 2, 29);
    PreventionRule monthly = PreventionRule.checked("MONTHLY", "Test", "ANY", 50, 50, "P1M");
    assertThat(monthly.dueOn(leap, "F", LocalDate.of(2026, 2, 27))).isEmpty();
    assertThat(monthly.dueOn(leap, "F", LocalDate.of(2026, 2, 28)))
        .contains(LocalDate.of(2026, 2, 28));
    assertThat(monthly.dueOn(leap, "F", LocalDate.of(2026, 5, 30)))
        .contains(LocalDate.of(2026, 5, 28));
  }

  @Test
  void aReminderLongAfterItsTimeWaitsForTheNextPeriod() {
    assertThat(BREAST.toSend(BORN, "F", LocalDate.of(2026, 4, 14), 30))
        .contains(LocalDate.of(2026, 3, 15));
    assertThat(BREAST.toSend(BORN, "F", LocalDate.of(2026, 4, 15), 30)).isEmpty();
    assertThat(BREAST.toSend(BORN, "F", LocalDate.of(2028, 3, 20), 30))
        .contains(LocalDate.of(2028, 3, 15));
    assertThat(BREAST.toSend(BORN, "M", LocalDate.of(2026, 3, 15), 30)).isEmpty();
  }

  /**
   * No reminder of a rule within its interval after the last one sent to the person, whatever a
   * change of the calendar did to the periods; at the edges: the day a whole interval has passed is
   * the first day it is sent again.
   */
  @ParameterizedTest(name = "every {0} on {1}, last sent {2} -> {3}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          # the breast screening of a woman born 1976-03-15, from 50 (2026-03-15), within 365 days
          P2Y, 2026-03-15, -,          2026-03-15
          P2Y, 2028-03-15, 2026-03-15, 2028-03-15
          P2Y, 2028-03-15, 2026-03-16, NONE
          P2Y, 2028-03-16, 2026-03-16, 2028-03-15
          P2Y, 2027-03-14, 2026-03-15, NONE
          # its interval changed to P1Y: one year after the last, the new period's
          P1Y, 2027-03-14, 2026-03-15, NONE
          P1Y, 2027-03-15, 2026-03-15, 2027-03-15
          # changed to P6M after one sent late (2026-06-15): the new 2026-09-15 period waits
          P6M, 2026-09-15, 2026-06-15, NONE
          P6M, 2026-12-14, 2026-06-15, NONE
          P6M, 2026-12-15, 2026-06-15, 2026-09-15
          # the same period's reminder, sent today, is not sent again today
          P6M, 2026-09-15, 2026-09-15, NONE
          """)
  void noReminderWithinTheIntervalAfterTheLastOneSent(
      String every, LocalDate today, LocalDate lastSent, String expected) {
    PreventionRule rule = PreventionRule.checked("BREAST_SCREENING", "Sein", "F", 50, 74, every);
    assertThat(rule.toSend(BORN, "F", today, 365, lastSent).map(LocalDate::toString).orElse("NONE"))
        .isEqualTo(expected);
  }

  @Test
  void aRetiredRuleRemindsNobody() {
    PreventionRule retired =
        new PreventionRule(
            "BREAST_SCREENING", "Sein", "F", 50, 74, Period.ofYears(2), java.time.Instant.EPOCH);
    assertThat(retired.dueOn(BORN, "F", LocalDate.of(2026, 6, 1))).isEmpty();
  }

  @Test
  void badRulesAreRefusedWithTheirReason() {
    assertThatThrownBy(() -> PreventionRule.checked("X_1", "L", "F", 60, 50, "P1Y"))
        .hasMessageContaining("minAge <= maxAge");
    assertThatThrownBy(() -> PreventionRule.checked("X_1", "L", "F", 50, 121, "P1Y"))
        .hasMessageContaining("0 to 120");
    assertThatThrownBy(() -> PreventionRule.checked("X_1", "L", "F", -1, 50, "P1Y"))
        .hasMessageContaining("0 to 120");
    assertThatThrownBy(() -> PreventionRule.checked("X_1", "L", "F", 50, 60, "P20D"))
        .hasMessageContaining("from P1M");
    assertThatThrownBy(() -> PreventionRule.checked("X_1", "L", "F", 50, 60, "yearly"))
        .hasMessageContaining("from P1M");
    assertThatThrownBy(() -> PreventionRule.checked("X_1", "L", "W", 50, 60, "P1Y"))
        .hasMessageContaining("sex");
    assertThatThrownBy(() -> PreventionRule.checked("x", "L", "F", 50, 60, "P1Y"))
        .hasMessageContaining("code");
    assertThat(PreventionRule.checked("X_1", "L", "F", 50, 50, "P1M").every())
        .isEqualTo(Period.ofMonths(1));
  }
}
