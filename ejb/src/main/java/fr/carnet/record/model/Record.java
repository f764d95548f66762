package fr.carnet.record.model;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/** A person's shared health record: the aggregate root, addressed by an opaque id only. */
@Entity
@Table(name = "record")
public class Record {

  @Id private UUID id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private RecordState state;

  @Embedded private Contact contact;

  // OffsetDateTime in UTC: JPA 3.1 maps it to timestamptz, not yet Instant.
  @Column(name = "created_at", nullable = false, updatable = false)
  private OffsetDateTime createdAt;

  @Column(name = "opened_at")
  private OffsetDateTime openedAt;

  @Column(name = "opposition_deadline")
  private OffsetDateTime oppositionDeadline;

  @Column(name = "opposed_at")
  private OffsetDateTime opposedAt;

  @Column(name = "closed_at")
  private OffsetDateTime closedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "closure_reason")
  private ClosureReason closureReason;

  @Column(name = "purge_after")
  private OffsetDateTime purgeAfter;

  @Version private long version;

  protected Record() {
    // for JPA
  }

  private Record(UUID id, RecordState state, Contact contact, Instant now, Duration window) {
    this.id = Objects.requireNonNull(id);
    this.state = state;
    this.contact = contact;
    this.createdAt = utc(now);
    this.openedAt = state == RecordState.OPEN ? createdAt : null;
    this.oppositionDeadline = state == RecordState.PENDING ? utc(now.plus(window)) : null;
  }

  /**
   * A new record, pending its opposition window (which ends {@code window} from now), or already
   * open for a migrated one.
   */
  public static Record enrol(Contact contact, boolean open, Instant now, Duration window) {
    return new Record(
        UUID.randomUUID(), open ? RecordState.OPEN : RecordState.PENDING, contact, now, window);
  }

  // ---- Transitions: each checks the state it leaves; a refused one changes nothing -----------

  /** Activation with the provisional code, before the window's end. */
  public void activate(Instant now) {
    require(RecordState.PENDING, "Only a pending record is activated");
    open(now);
  }

  /** The window ended in silence: the record opens. */
  public void openAtWindowEnd(Instant now) {
    require(RecordState.PENDING, "Only a pending record opens at its window's end");
    if (now.truncatedTo(ChronoUnit.MICROS).isBefore(oppositionDeadline())) {
      throw transition("The opposition window runs until " + oppositionDeadline());
    }
    open(now);
  }

  /** Opposition, possible at any time before closure. */
  public void oppose(Instant now) {
    if (state != RecordState.PENDING && state != RecordState.OPEN) {
      throw transition("A " + state + " record cannot be opposed");
    }
    state = RecordState.OPPOSED;
    opposedAt = utc(now);
  }

  /** The opposition withdrawn: an open record again. */
  public void withdrawOpposition(Instant now) {
    require(RecordState.OPPOSED, "Only an opposed record has an opposition to withdraw");
    opposedAt = null;
    open(now);
  }

  /** Closure on request or at death: archived until {@code purgeAfter}. */
  public void close(Instant now, ClosureReason reason, Instant purgeAfter) {
    if (state == RecordState.CLOSED || state == RecordState.PURGED) {
      throw transition("The record is already " + state);
    }
    state = RecordState.CLOSED;
    closedAt = utc(now);
    closureReason = Objects.requireNonNull(reason);
    this.purgeAfter = utc(purgeAfter);
  }

  /** Reopened during its archiving. */
  public void reopen(Instant now) {
    require(RecordState.CLOSED, "Only a closed record is reopened");
    closedAt = null;
    closureReason = null;
    purgeAfter = null;
    open(now);
  }

  /** Whether its retention has ended, so that it may be purged. */
  public boolean isDueForPurge(Instant now) {
    return state == RecordState.CLOSED && !now.isBefore(purgeAfter.toInstant());
  }

  private void open(Instant now) {
    state = RecordState.OPEN;
    if (openedAt == null) {
      openedAt = utc(now);
    }
  }

  private void require(RecordState expected, String message) {
    if (state != expected) {
      throw transition(message + " (it is " + state + ")");
    }
  }

  private static CarnetException transition(String message) {
    return new CarnetException(ErrorCode.LIFECYCLE_TRANSITION_INVALID, message);
  }

  // To the microsecond, as PostgreSQL keeps it: the same instant in memory and in the table, so
  // that a job's SQL and this record's rules agree on "the window has ended".
  private static OffsetDateTime utc(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  public UUID id() {
    return id;
  }

  public RecordState state() {
    return state;
  }

  public Contact contact() {
    return contact;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant openedAt() {
    return instant(openedAt);
  }

  public Instant oppositionDeadline() {
    return instant(oppositionDeadline);
  }

  public Instant opposedAt() {
    return instant(opposedAt);
  }

  public Instant closedAt() {
    return instant(closedAt);
  }

  public ClosureReason closureReason() {
    return closureReason;
  }

  public Instant purgeAfter() {
    return instant(purgeAfter);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
