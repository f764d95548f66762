package fr.carnet.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Principal CALLER = () -> "psc-1";

  private final MovableClock clock = new MovableClock(NOW);
  private final VerifiedTokens tokens = new VerifiedTokens(3, clock);

  @Test
  void aVerifiedTokenIsRecognisedByItsExactBytesOnly() {
    tokens.remember(
        "header.payload.signature", caller(Set.of("professional")), NOW.plusSeconds(60));

    assertThat(tokens.find("header.payload.signature"))
        .hasValueSatisfying(
            v -> {
              assertThat(v.principal()).isSameAs(CALLER);
              assertThat(v.actor()).isNull();
              assertThat(v.groups()).containsExactly("professional");
            });
    assertThat(tokens.find("header.payload.signaturf")).isEmpty();
    assertThat(tokens.find("header.payload.signature ")).isEmpty();
  }

  @Test
  void anEntryDiesWithItsToken() {
    tokens.remember("t", caller(Set.of("patient")), NOW.plusSeconds(60));

    clock.move(Duration.ofSeconds(59));
    assertThat(tokens.find("t")).isPresent();
    clock.move(Duration.ofSeconds(1));
    assertThat(tokens.find("t")).isEmpty();
    assertThat(tokens.size()).isZero();
  }

  @Test
  void aLongLivedTokenIsVerifiedAgainAfterFiveMinutes() {
    tokens.remember("t", caller(Set.of("admin")), NOW.plus(Duration.ofDays(365)));

    clock.move(VerifiedTokens.LONGEST.minusSeconds(1));
    assertThat(tokens.find("t")).isPresent();
    clock.move(Duration.ofSeconds(1));
    assertThat(tokens.find("t")).isEmpty();
  }

  @Test
  void anAlreadyExpiredTokenIsNotRemembered() {
    tokens.remember("t", caller(Set.of("admin")), NOW);

    assertThat(tokens.find("t")).isEmpty();
    assertThat(tokens.size()).isZero();
  }

  @Test
  void theCacheStaysBounded() {
    tokens.remember("a", caller(Set.of()), NOW.plusSeconds(10));
    tokens.remember("b", caller(Set.of()), NOW.plusSeconds(100));
    tokens.remember("c", caller(Set.of()), NOW.plusSeconds(100));
    clock.move(Duration.ofSeconds(20));

    tokens.remember("d", caller(Set.of()), NOW.plusSeconds(100));
    assertThat(tokens.size()).as("the expired entry made room").isEqualTo(3);
    assertThat(tokens.find("b")).isPresent();

    tokens.remember("e", caller(Set.of()), NOW.plusSeconds(100));
    assertThat(tokens.size()).as("full of live entries: start again").isEqualTo(1);
    assertThat(tokens.find("e")).isPresent();
  }

  private static ApiCaller caller(Set<String> groups) {
    return new ApiCaller(CALLER, groups, null);
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
