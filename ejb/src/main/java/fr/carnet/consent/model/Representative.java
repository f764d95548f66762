package fr.carnet.consent.model;

import fr.carnet.access.Representation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A legal representative of the person a record belongs to: a parent or guardian of a minor, or the
 * guardian of a protected adult. The representative is a person with their own record, named by its
 * id, so that their INS is kept in one place only.
 */
@Entity
@Table(name = "representative")
public class Representative {

  /** What the representative is to the person. */
  public enum Relationship {
    PARENT,
    GUARDIAN
  }

  @Id private UUID id;

  @Column(name = "record_id", nullable = false, updatable = false)
  private UUID recordId;

  @Column(name = "representative_record_id", nullable = false, updatable = false)
  private UUID representativeRecordId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Representation.Kind kind;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Relationship relationship;

  @Column(name = "registered_at", nullable = false, updatable = false)
  private OffsetDateTime registeredAt;

  @Column(name = "registered_by", nullable = false, updatable = false)
  private String registeredBy;

  @Column(name = "ended_at")
  private OffsetDateTime endedAt;

  @Column(name = "ended_by")
  private String endedBy;

  protected Representative() {}

  public Representative(
      UUID recordId,
      UUID representativeRecordId,
      Representation.Kind kind,
      Relationship relationship,
      Instant at,
      String by) {
    this.id = UUID.randomUUID();
    this.recordId = recordId;
    this.representativeRecordId = representativeRecordId;
    this.kind = kind;
    this.relationship = relationship;
    this.registeredAt = at.atOffset(ZoneOffset.UTC);
    this.registeredBy = by;
  }

  public void end(Instant at, String by) {
    if (endedAt == null) {
      endedAt = at.atOffset(ZoneOffset.UTC);
      endedBy = by;
    }
  }

  public UUID id() {
    return id;
  }

  public UUID recordId() {
    return recordId;
  }

  public UUID representativeRecordId() {
    return representativeRecordId;
  }

  public Representation.Kind kind() {
    return kind;
  }

  public Relationship relationship() {
    return relationship;
  }

  public Instant registeredAt() {
    return registeredAt.toInstant();
  }

  public Instant endedAt() {
    return endedAt == null ? null : endedAt.toInstant();
  }
}
