package fr.carnet.audit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which trace partitions retention drops, and which it keeps or makes wait. */
class RetentionRuleTest {

  private static final RetentionRule THREE_YEARS = new RetentionRule(Period.ofYears(3));
  private static final Instant NOW = Instant.parse("2028-06-15T03:47:00Z");

  private static RetentionRule.Partition month(String name, String from, String to) {
    return new RetentionRule.Partition(
        name, Instant.parse(from + "T00:00:00Z"), Instant.parse(to + "T00:00:00Z"), false);
  }

  private static final RetentionRule.Partition MAY_2025 =
      month("trace_2025_05", "2025-05-01", "2025-06-01");
  private static final RetentionRule.Partition JUNE_2025 =
      month("trace_2025_06", "2025-06-01", "2025-07-01");
  private static final RetentionRule.Partition DEFAULT =
      new RetentionRule.Partition("trace_default", null, null, true);

  /** 1,000 traces at positions up to 4,999, all in the tree. */
  private static final RetentionRule.Contents SEQUENCED =
      new RetentionRule.Contents(1000, 0, 4999L);

  private static List<RetentionRule.WitnessedHead> headAt(long size, String at) {
    return List.of(new RetentionRule.WitnessedHead(size, Instant.parse(at)));
  }

  @Test
  void aMonthWhollyOlderThanTheRetentionGoesOnceWitnessedThatLongAgo() {
    List<RetentionRule.WitnessedHead> heads = headAt(5000, "2025-06-01T00:00:10Z");
    assertThat(THREE_YEARS.isDue(MAY_2025, NOW)).isTrue();
    assertThat(THREE_YEARS.verdict(MAY_2025, SEQUENCED, heads, NOW))
        .isEqualTo(RetentionRule.Verdict.PURGE);
  }

  @Test
  void theBoundaryIsTheMonthsEndExactlyRetentionAgo() {
    Instant end = Instant.parse("2028-07-01T00:00:00Z");
    List<RetentionRule.WitnessedHead> heads = headAt(5000, "2025-06-30T23:59:59Z");
    assertThat(THREE_YEARS.isDue(JUNE_2025, end.minusMillis(1))).isFalse();
    assertThat(THREE_YEARS.verdict(JUNE_2025, SEQUENCED, heads, end.minusMillis(1)))
        .isEqualTo(RetentionRule.Verdict.KEEP);
    assertThat(THREE_YEARS.isDue(JUNE_2025, end)).isTrue();
    assertThat(THREE_YEARS.verdict(JUNE_2025, SEQUENCED, heads, end))
        .isEqualTo(RetentionRule.Verdict.PURGE);
    // By the calendar: five years is five years, leap days included.
    RetentionRule five = new RetentionRule(Period.ofYears(5));
    assertThat(five.isDue(JUNE_2025, Instant.parse("2030-06-30T23:59:59Z"))).isFalse();
    assertThat(five.isDue(JUNE_2025, Instant.parse("2030-07-01T00:00:00Z"))).isTrue();
  }

  @Test
  void theDefaultPartitionAndTheCurrentAndFutureMonthsAreNeverDropped() {
    RetentionRule.Partition current = month("trace_2028_06", "2028-06-01", "2028-07-01");
    RetentionRule.Partition ahead = month("trace_2028_09", "2028-09-01", "2028-10-01");
    List<RetentionRule.WitnessedHead> heads = headAt(Long.MAX_VALUE, "2020-01-01T00:00:00Z");
    assertThat(THREE_YEARS.isDue(DEFAULT, NOW)).isFalse();
    assertThat(THREE_YEARS.verdict(DEFAULT, SEQUENCED, heads, NOW))
        .isEqualTo(RetentionRule.Verdict.KEEP_DEFAULT);
    for (RetentionRule.Partition young : List.of(current, ahead)) {
      assertThat(THREE_YEARS.isDue(young, NOW)).isFalse();
      assertThat(THREE_YEARS.verdict(young, SEQUENCED, heads, NOW))
          .isEqualTo(RetentionRule.Verdict.KEEP);
    }
  }

  @Test
  void anOldPartitionWaitsUntilItsTracesAreInTheTreeAndWitnessed() {
    assertThat(
            THREE_YEARS.verdict(
                MAY_2025,
                new RetentionRule.Contents(1000, 1, 4999L),
                headAt(9000, "2025-06-01T00:00:10Z"),
                NOW))
        .isEqualTo(RetentionRule.Verdict.WAIT_NOT_IN_TREE);
    // The last leaf (4,999) under no head: the latest witnessed covers 4,999 leaves only.
    assertThat(THREE_YEARS.verdict(MAY_2025, SEQUENCED, headAt(4999, "2025-06-01T00:00:10Z"), NOW))
        .isEqualTo(RetentionRule.Verdict.WAIT_NOT_WITNESSED);
    assertThat(THREE_YEARS.verdict(MAY_2025, SEQUENCED, List.of(), NOW))
        .isEqualTo(RetentionRule.Verdict.WAIT_NOT_WITNESSED);
    // An empty old month goes.
    assertThat(
            THREE_YEARS.verdict(MAY_2025, new RetentionRule.Contents(0, 0, null), List.of(), NOW))
        .isEqualTo(RetentionRule.Verdict.PURGE);
  }

  @Test
  void tracesThatSayTheyAreOldButWereWitnessedRecentlyWait() {
    // Months of 2025 in name, in the tree only since last year: nothing proves them old.
    List<RetentionRule.WitnessedHead> heads =
        List.of(
            new RetentionRule.WitnessedHead(4000, Instant.parse("2025-06-01T00:00:10Z")),
            new RetentionRule.WitnessedHead(5000, Instant.parse("2027-11-02T10:00:00Z")));
    assertThat(THREE_YEARS.verdict(MAY_2025, SEQUENCED, heads, NOW))
        .isEqualTo(RetentionRule.Verdict.WAIT_WITNESSED_TOO_RECENTLY);
    // The earliest head covering a position decides, whatever the file's order.
    assertThat(
            RetentionRule.earliestCovering(
                3999,
                List.of(
                    new RetentionRule.WitnessedHead(6000, Instant.parse("2027-01-01T00:00:00Z")),
                    new RetentionRule.WitnessedHead(4000, Instant.parse("2025-06-01T00:00:10Z")))))
        .contains(Instant.parse("2025-06-01T00:00:10Z"));
    RetentionRule.Coverage coverage = new RetentionRule.Coverage(heads);
    assertThat(coverage.earliest(3999)).contains(Instant.parse("2025-06-01T00:00:10Z"));
    assertThat(coverage.earliest(4000)).contains(Instant.parse("2027-11-02T10:00:00Z"));
    assertThat(coverage.earliest(5000)).isEmpty();
  }

  @Test
  void aRetentionBelowThreeYearsIsRefused() {
    for (String refused : List.of("P2Y11M", "P1095D", "P35M30D", "P-3Y", "P0D")) {
      assertThatThrownBy(() -> new RetentionRule(Period.parse(refused)))
          .as(refused)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("P3Y");
    }
    for (String accepted : List.of("P3Y", "P36M", "P3Y1D", "P10Y")) {
      assertThat(new RetentionRule(Period.parse(accepted)).retention())
          .isEqualTo(Period.parse(accepted));
    }
    assertThat(RetentionRule.atLeastMinimum(Period.ofYears(1))).isEqualTo(Period.ofYears(3));
    assertThat(RetentionRule.atLeastMinimum(Period.ofYears(6))).isEqualTo(Period.ofYears(6));
  }
}
