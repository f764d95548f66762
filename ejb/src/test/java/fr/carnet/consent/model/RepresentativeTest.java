package fr.carnet.consent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.carnet.access.Representation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Four eyes, as a table: a representation registered by staff gives a right only once approved by a
 * second staff member before it expires, and until it ends. The access facts load only those that
 * grant rights (status APPROVED, not ended), so a pending, rejected or expired one is no
 * representation at all.
 */
class RepresentativeTest {

  private static final Instant ASKED = Instant.parse("2026-11-23T09:00:00Z");
  private static final Duration TIMEOUT = Duration.ofDays(7);

  @ParameterizedTest(name = "{0}, seen after {1} -> {2}, rights {3}, counts {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # history                 | seen after | standing | rights | counts as registered
          none                      | PT1M       | PENDING  | false  | true
          none                      | P7D        | EXPIRED  | false  | false
          none                      | P30D       | EXPIRED  | false  | false
          approved at PT1H          | PT2H       | ACTIVE   | true   | true
          approved at PT1H          | P30D       | ACTIVE   | true   | true
          rejected at PT1H          | PT2H       | REJECTED | false  | false
          approved at PT1H, ended   | PT2H       | ENDED    | false  | false
          ended                     | PT2H       | ENDED    | false  | false
          """)
  void standingAndRights(
      String history,
      Duration after,
      Representative.Standing standing,
      boolean rights,
      boolean counts) {
    Representative r = pending();
    if (history.startsWith("approved")) {
      r.approve(ASKED.plus(Duration.ofHours(1)), "agent-2");
    } else if (history.startsWith("rejected")) {
      r.reject(ASKED.plus(Duration.ofHours(1)), "agent-2");
    }
    if (history.endsWith("ended")) {
      r.end(ASKED.plus(Duration.ofMinutes(90)), "agent-3");
    }
    Instant seen = ASKED.plus(after);
    assertThat(r.standing(seen)).isEqualTo(standing);
    assertThat(r.grantsRights(seen)).isEqualTo(rights);
    assertThat(r.standsOrWaits(seen)).isEqualTo(counts);
  }

  @ParameterizedTest(name = "decided after {0}")
  @CsvSource({"P7D", "P8D"})
  void anExpiredRequestIsNeverDecided(Duration after) {
    Representative r = pending();
    assertThatThrownBy(() -> r.approve(ASKED.plus(after), "agent-2"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> r.reject(ASKED.plus(after), "agent-2"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(r.status()).isEqualTo(Representative.Status.PENDING);
  }

  @org.junit.jupiter.api.Test
  void aDecisionIsTakenOnce() {
    Representative r = pending();
    r.reject(ASKED.plusSeconds(60), "agent-2");
    assertThatThrownBy(() -> r.approve(ASKED.plusSeconds(120), "agent-3"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(r.grantsRights(ASKED.plusSeconds(180))).isFalse();
    assertThat(r.decidedBy()).isEqualTo("agent-2");
  }

  @org.junit.jupiter.api.Test
  void theCourtDecisionIsKeptWithTheRepresentation() {
    Representative.CourtDecision court =
        new Representative.CourtDecision(
            "Tribunal judiciaire de Lyon", LocalDate.of(2026, 3, 2), "RG 26/01234");
    Representative r =
        new Representative(
            UUID.randomUUID(),
            UUID.randomUUID(),
            Representation.Kind.PROTECTED_ADULT,
            Representative.Relationship.GUARDIAN,
            court,
            ASKED,
            TIMEOUT,
            "agent-1");
    assertThat(r.courtDecision()).isEqualTo(court);
    assertThat(r.registeredBy()).isEqualTo("agent-1");
    assertThat(r.expiresAt()).isEqualTo(ASKED.plus(TIMEOUT));
  }

  private static Representative pending() {
    return new Representative(
        UUID.randomUUID(),
        UUID.randomUUID(),
        Representation.Kind.MINOR,
        Representative.Relationship.PARENT,
        null,
        ASKED,
        TIMEOUT,
        "agent-1");
  }
}
