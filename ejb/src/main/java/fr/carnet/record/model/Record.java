package fr.carnet.record.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  @Version private long version;

  protected Record() {
    // for JPA
  }

  private Record(UUID id, RecordState state, Contact contact, Instant now) {
    this.id = Objects.requireNonNull(id);
    this.state = state;
    this.contact = contact;
    this.createdAt = now.atOffset(ZoneOffset.UTC);
    this.openedAt = state == RecordState.OPEN ? createdAt : null;
  }

  /** A new record, pending its opposition window, or already open for a migrated one. */
  public static Record enrol(Contact contact, boolean open, Instant now) {
    return new Record(
        UUID.randomUUID(), open ? RecordState.OPEN : RecordState.PENDING, contact, now);
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
    return openedAt == null ? null : openedAt.toInstant();
  }
}
