package fr.carnet.record.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every transition of a record's life, from every state: the allowed ones and the refused. */
class RecordLifecycleTest {

  private static final Instant ENROLLED = Instant.parse("2026-11-23T09:00:00Z");
  private static final Duration WINDOW = Duration.ofDays(42);
  private static final Instant IN_WINDOW = ENROLLED.plus(Duration.ofDays(10));
  private static final Instant AFTER_WINDOW = ENROLLED.plus(WINDOW);
  private static final Instant IN_TEN_YEARS = Instant.parse("2036-11-23T09:00:00Z");

  private static Record in(RecordState state) {
    Record record = Record.enrol(new Contact("m@example.org", null), false, ENROLLED, WINDOW);
    switch (state) {
      case PENDING -> {}
      case OPEN -> record.activate(IN_WINDOW);
      case OPPOSED -> record.oppose(IN_WINDOW);
      case CLOSED -> record.close(IN_WINDOW, ClosureReason.REQUEST, IN_TEN_YEARS);
      default -> throw new IllegalArgumentException(state.name());
    }
    return record;
  }

  /** state before, transition, state after (null: refused). */
  static Stream<Arguments> transitions() {
    Consumer<Record> activate = r -> r.activate(IN_WINDOW);
    Consumer<Record> windowEnds = r -> r.openAtWindowEnd(AFTER_WINDOW);
    Consumer<Record> oppose = r -> r.oppose(IN_WINDOW);
    Consumer<Record> withdraw = r -> r.withdrawOpposition(IN_WINDOW);
    Consumer<Record> close = r -> r.close(IN_WINDOW, ClosureReason.REQUEST, IN_TEN_YEARS);
    Consumer<Record> reopen = r -> r.reopen(IN_WINDOW);
    return Stream.of(
        Arguments.of(RecordState.PENDING, "activate", activate, RecordState.OPEN),
        Arguments.of(RecordState.OPEN, "activate", activate, null),
        Arguments.of(RecordState.OPPOSED, "activate", activate, null),
        Arguments.of(RecordState.CLOSED, "activate", activate, null),
        Arguments.of(RecordState.PENDING, "window ends", windowEnds, RecordState.OPEN),
        Arguments.of(RecordState.OPEN, "window ends", windowEnds, null),
        Arguments.of(RecordState.OPPOSED, "window ends", windowEnds, null),
        Arguments.of(RecordState.CLOSED, "window ends", windowEnds, null),
        Arguments.of(RecordState.PENDING, "oppose", oppose, RecordState.OPPOSED),
        Arguments.of(RecordState.OPEN, "oppose", oppose, RecordState.OPPOSED),
        Arguments.of(RecordState.OPPOSED, "oppose", oppose, null),
        Arguments.of(RecordState.CLOSED, "oppose", oppose, null),
        Arguments.of(RecordState.PENDING, "withdraw", withdraw, null),
        Arguments.of(RecordState.OPEN, "withdraw", withdraw, null),
        Arguments.of(RecordState.OPPOSED, "withdraw", withdraw, RecordState.OPEN),
        Arguments.of(RecordState.CLOSED, "withdraw", withdraw, null),
        Arguments.of(RecordState.PENDING, "close", close, RecordState.CLOSED),
        Arguments.of(RecordState.OPEN, "close", close, RecordState.CLOSED),
        Arguments.of(RecordState.OPPOSED, "close", close, RecordState.CLOSED),
        Arguments.of(RecordState.CLOSED, "close", close, null),
        Arguments.of(RecordState.PENDING, "reopen", reopen, null),
        Arguments.of(RecordState.OPEN, "reopen", reopen, null),
        Arguments.of(RecordState.OPPOSED, "reopen", reopen, null),
        Arguments.of(RecordState.CLOSED, "reopen", reopen, RecordState.OPEN));
  }

  @ParameterizedTest(name = "{0} --{1}--> {3}")
  @MethodSource("transitions")
  void transition(RecordState from, String name, Consumer<Record> change, RecordState to) {
    Record record = in(from);
    if (to == null) {
      assertThatThrownBy(() -> change.accept(record))
          .isInstanceOfSatisfying(
              CarnetException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.LIFECYCLE_TRANSITION_INVALID));
      assertThat(record.state()).as("a refused transition changes nothing").isEqualTo(from);
    } else {
      change.accept(record);
      assertThat(record.state()).isEqualTo(to);
    }
  }

  @Test
  void theWindowRunsSixWeeksAndNotOneInstantLess() {
    Record record = in(RecordState.PENDING);

    assertThat(record.oppositionDeadline()).isEqualTo(AFTER_WINDOW);
    assertThatThrownBy(() -> record.openAtWindowEnd(AFTER_WINDOW.minusMillis(1)))
        .isInstanceOf(CarnetException.class);
    record.openAtWindowEnd(AFTER_WINDOW);
    assertThat(record.state()).isEqualTo(RecordState.OPEN);
    assertThat(record.openedAt()).isEqualTo(AFTER_WINDOW);
  }

  @Test
  void aMigratedRecordIsOpenWithoutAWindow() {
    Record record = Record.enrol(new Contact(null, null), true, ENROLLED, WINDOW);

    assertThat(record.state()).isEqualTo(RecordState.OPEN);
    assertThat(record.oppositionDeadline()).isNull();
  }

  @Test
  void aClosedRecordIsDueForPurgeAtTheEndOfItsRetentionAndNotBefore() {
    Record record = in(RecordState.CLOSED);

    assertThat(record.isDueForPurge(IN_TEN_YEARS.minusSeconds(1))).isFalse();
    assertThat(record.isDueForPurge(IN_TEN_YEARS)).isTrue();
    record.reopen(IN_WINDOW);
    assertThat(record.isDueForPurge(IN_TEN_YEARS)).isFalse();
    assertThat(record.purgeAfter()).isNull();
  }
}
