package fr.carnet.staff.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.carnet.staff.model.LoginThrottle.Failures;
import fr.carnet.staff.model.LoginThrottle.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  // 2 free failures, then 1 s, 2 s, 4 s (at most 5 s); locked at the 6th failure for 10 minutes.
  private final LoginThrottle throttle =
      new LoginThrottle(
          2,
          Duration.ofSeconds(1),
          2,
          Duration.ofSeconds(5),
          6,
          Duration.ofMinutes(10),
          Duration.ofMinutes(15));

  @Test
  void a_key_never_failed_is_not_held_back() {
    assertThat(throttle.refusal(null, T0)).isEmpty();
    assertThat(throttle.refusal(Failures.none(T0), T0)).isEmpty();
  }

  @Test
  void the_free_failures_cost_no_delay() {
    Failures one = throttle.failed(null, T0).failures();
    Failures two = throttle.failed(one, T0).failures();
    assertThat(two.count()).isEqualTo(2);
    assertThat(throttle.refusal(two, T0)).isEmpty();
  }

  @Test
  void the_delay_grows_with_each_failure_beyond_the_free_ones_up_to_its_maximum() {
    assertThat(throttle.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(throttle.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(throttle.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(throttle.delayAfter(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(throttle.delayAfter(40)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void an_attempt_before_the_next_allowed_time_is_refused_and_one_after_is_not() {
    Failures f = null;
    for (int i = 0; i < 3; i++) {
      f = throttle.failed(f, T0).failures();
    }
    assertThat(f.nextAllowed()).isEqualTo(T0.plusSeconds(1));
    assertThat(throttle.refusal(f, T0.plusMillis(999))).contains(Refusal.TOO_SOON);
    assertThat(throttle.refusal(f, T0.plusSeconds(1))).isEmpty();
  }

  @Test
  void the_lockout_failure_locks_the_key_for_the_lockout_then_it_starts_anew() {
    Failures f = null;
    Instant now = T0;
    LoginThrottle.Counted counted = null;
    for (int i = 1; i <= 6; i++) {
      counted = throttle.failed(f, now);
      f = counted.failures();
      assertThat(counted.lockedOut()).as("failure " + i).isEqualTo(i == 6);
      now = now.plusSeconds(10);
    }
    Instant lockedAt = now.minusSeconds(10);
    assertThat(f.lockedUntil()).isEqualTo(lockedAt.plus(Duration.ofMinutes(10)));
    assertThat(throttle.refusal(f, lockedAt.plus(Duration.ofMinutes(9))))
        .contains(Refusal.LOCKED_OUT);
    Instant after = lockedAt.plus(Duration.ofMinutes(10));
    assertThat(throttle.refusal(f, after)).isEmpty();
    Failures again = throttle.failed(f, after).failures();
    assertThat(again.count()).isEqualTo(1);
    assertThat(again.lockedUntil()).isNull();
  }

  @Test
  void failures_are_forgotten_after_the_window_without_one() {
    Failures f = null;
    for (int i = 0; i < 5; i++) {
      f = throttle.failed(f, T0).failures();
    }
    Failures later = throttle.failed(f, T0.plus(Duration.ofMinutes(15))).failures();
    assertThat(later.count()).isEqualTo(1);
    assertThat(throttle.forgettable(f, T0.plus(Duration.ofMinutes(15)))).isTrue();
    assertThat(throttle.forgettable(f, T0.plus(Duration.ofMinutes(14)))).isFalse();
  }

  @Test
  void a_locked_key_is_not_forgettable_before_its_lockout_ends() {
    Failures locked = new Failures(0, T0, T0.plusSeconds(600), T0.plusSeconds(600), T0);
    assertThat(throttle.forgettable(locked, T0.plus(Duration.ofMinutes(9)))).isFalse();
    assertThat(throttle.refusal(locked, T0.plusSeconds(599)))
        .isEqualTo(Optional.of(Refusal.LOCKED_OUT));
  }

  @Test
  void inconsistent_settings_are_refused() {
    assertThatThrownBy(
            () ->
                new LoginThrottle(
                    1,
                    Duration.ofSeconds(1),
                    0.5,
                    Duration.ofSeconds(1),
                    3,
                    Duration.ZERO,
                    Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
