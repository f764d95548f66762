package fr.carnet.account.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProvisionalCodeTest {

  private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
  private static final Duration VALIDITY = Duration.ofDays(90);
  private final ActivationCodes codes = new ActivationCodes("unit-tests-only-code-secret");

  @Test
  void codesAreRandomReadableAndComparedAsPeopleTypeThem() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String code = codes.generate();
      assertThat(code).matches("[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}");
      seen.add(code);
    }
    assertThat(seen).hasSize(1_000);
    String code = codes.generate();
    assertThat(codes.hash(code.toLowerCase().replace("-", " "))).isEqualTo(codes.hash(code));
    assertThat(codes.hash(code)).hasSize(64).isNotEqualTo(code);
    // Another secret, another hash: the table alone gives nothing.
    assertThat(new ActivationCodes("another-secret-of-sixteen").hash(code))
        .isNotEqualTo(codes.hash(code));
    assertThatThrownBy(() -> new ActivationCodes("short"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCodeIsSingleUse() {
    String code = codes.generate();
    ProvisionalCode provisional =
        ProvisionalCode.issue(UUID.randomUUID(), codes.hash(code), NOW, VALIDITY);

    assertThat(provisional.attempt(codes.hash(code), NOW, 5))
        .isEqualTo(ProvisionalCode.Check.VALID);
    assertThat(provisional.attempt(codes.hash(code), NOW, 5))
        .isEqualTo(ProvisionalCode.Check.WRONG);
    assertThat(provisional.status(NOW)).isEqualTo(ProvisionalCode.Status.USED);
  }

  @Test
  void aCodeExpires() {
    String code = codes.generate();
    ProvisionalCode provisional =
        ProvisionalCode.issue(UUID.randomUUID(), codes.hash(code), NOW, VALIDITY);

    assertThat(provisional.status(NOW.plus(VALIDITY))).isEqualTo(ProvisionalCode.Status.EXPIRED);
    assertThat(provisional.attempt(codes.hash(code), NOW.plus(VALIDITY), 5))
        .isEqualTo(ProvisionalCode.Check.EXPIRED);
  }

  @Test
  void theFifthWrongCodeLocksEvenTheRightOneUntilAnAgentUnlocks() {
    String code = codes.generate();
    ProvisionalCode provisional =
        ProvisionalCode.issue(UUID.randomUUID(), codes.hash(code), NOW, VALIDITY);

    for (int i = 1; i < 5; i++) {
      assertThat(provisional.attempt(codes.hash("WRONG" + i), NOW, 5))
          .isEqualTo(ProvisionalCode.Check.WRONG);
    }
    assertThat(provisional.attempt(codes.hash("WRONG5"), NOW, 5))
        .isEqualTo(ProvisionalCode.Check.LOCKED);
    assertThat(provisional.attempt(codes.hash(code), NOW, 5))
        .isEqualTo(ProvisionalCode.Check.LOCKED);
    assertThat(provisional.status(NOW)).isEqualTo(ProvisionalCode.Status.LOCKED);

    provisional.unlock();
    assertThat(provisional.attempt(codes.hash(code), NOW, 5))
        .isEqualTo(ProvisionalCode.Check.VALID);
  }

  @Test
  void aNewCodeKillsTheOldOne() {
    String old = codes.generate();
    String fresh = codes.generate();
    ProvisionalCode provisional =
        ProvisionalCode.issue(UUID.randomUUID(), codes.hash(old), NOW, VALIDITY);

    provisional.replace(codes.hash(fresh), NOW, VALIDITY);

    assertThat(provisional.attempt(codes.hash(old), NOW, 5)).isEqualTo(ProvisionalCode.Check.WRONG);
    assertThat(provisional.attempt(codes.hash(fresh), NOW, 5))
        .isEqualTo(ProvisionalCode.Check.VALID);
  }

  @Test
  void onlyAnUnusedCodeIssuedForTheMessageMayBeReplacedByItsRetry() {
    String code = codes.generate();
    ProvisionalCode provisional =
        ProvisionalCode.issue(UUID.randomUUID(), codes.hash(code), NOW, VALIDITY);
    assertThat(provisional.replaceableByMessage()).as("dictated by an agent").isFalse();

    provisional.markForMessage();
    assertThat(provisional.replaceableByMessage()).as("issued for the message").isTrue();

    String dictated = codes.generate();
    provisional.replace(codes.hash(dictated), NOW, VALIDITY);
    assertThat(provisional.replaceableByMessage()).as("then dictated by an agent").isFalse();

    provisional.markForMessage();
    provisional.attempt(codes.hash(code), NOW, 5);
    assertThat(provisional.replaceableByMessage()).as("after a wrong attempt").isTrue();
    provisional.attempt(codes.hash(dictated), NOW, 5);
    assertThat(provisional.replaceableByMessage()).as("once used").isFalse();
  }
}
