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
 *
 * <p>Four eyes: registered by one staff member, it is pending and gives no right until another
 * approves it before it expires. Only an approved, not ended representation is one (the access
 * facts load no other).
 */
@Entity
@Table(name = "representative")
public class Representative {

  /** What the representative is to the person. */
  public enum Relationship {
    PARENT,
    GUARDIAN
  }

  /** Where the second staff member's decision stands. */
  public enum Status {
    PENDING,
    APPROVED,
    REJECTED
  }

  /** As shown: a pending one past its deadline is expired, whatever is stored. */
  public enum Standing {
    PENDING,
    EXPIRED,
    ACTIVE,
    REJECTED,
    ENDED
  }

  /**
   * The court's decision that names the guardian of an adult: which court, when, its number.
   *
   * @param court the court (e.g. "Tribunal judiciaire de Lyon, juge des contentieux de la
   *     protection")
   * @param date the date of the decision
   * @param number the decision's number (RG)
   */
  public record CourtDecision(String court, java.time.LocalDate date, String number) {}

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

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(name = "expires_at", updatable = false)
  private OffsetDateTime expiresAt;

  @Column(name = "decided_at")
  private OffsetDateTime decidedAt;

  @Column(name = "decided_by")
  private String decidedBy;

  @Column(updatable = false)
  private String court;

  @Column(name = "court_decision_date", updatable = false)
  private java.time.LocalDate courtDecisionDate;

  @Column(name = "court_decision_number", updatable = false)
  private String courtDecisionNumber;

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
      CourtDecision courtDecision,
      Instant at,
      java.time.Duration approvalTimeout,
      String by) {
    this.id = UUID.randomUUID();
    this.recordId = recordId;
    this.representativeRecordId = representativeRecordId;
    this.kind = kind;
    this.relationship = relationship;
    this.registeredAt = at.atOffset(ZoneOffset.UTC);
    this.registeredBy = by;
    this.status = Status.PENDING;
    this.expiresAt = at.plus(approvalTimeout).atOffset(ZoneOffset.UTC);
    if (courtDecision != null) {
      this.court = courtDecision.court();
      this.courtDecisionDate = courtDecision.date();
      this.courtDecisionNumber = courtDecision.number();
    }
  }

  /** Where it stands at {@code now}. */
  public Standing standing(Instant now) {
    if (endedAt != null) {
      return Standing.ENDED;
    }
    return switch (status) {
      case APPROVED -> Standing.ACTIVE;
      case REJECTED -> Standing.REJECTED;
      case PENDING -> now.isBefore(expiresAt.toInstant()) ? Standing.PENDING : Standing.EXPIRED;
    };
  }

  /** Whether it gives the representative any right at {@code now} (majority aside). */
  public boolean grantsRights(Instant now) {
    return standing(now) == Standing.ACTIVE;
  }

  /** Whether it still counts as registered: a second one for the same person is refused. */
  public boolean standsOrWaits(Instant now) {
    Standing standing = standing(now);
    return standing == Standing.ACTIVE || standing == Standing.PENDING;
  }

  /**
   * The second staff member's approval. The caller has checked that they are not the requester and
   * that it is still pending ({@link #standing}).
   */
  public void approve(Instant at, String by) {
    decide(Status.APPROVED, at, by);
  }

  public void reject(Instant at, String by) {
    decide(Status.REJECTED, at, by);
  }

  private void decide(Status decision, Instant at, String by) {
    if (standing(at) != Standing.PENDING) {
      throw new IllegalStateException("Only a pending representation is decided");
    }
    status = decision;
    decidedAt = at.atOffset(ZoneOffset.UTC);
    decidedBy = by;
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

  public String registeredBy() {
    return registeredBy;
  }

  public Status status() {
    return status;
  }

  public Instant expiresAt() {
    return expiresAt == null ? null : expiresAt.toInstant();
  }

  public Instant decidedAt() {
    return decidedAt == null ? null : decidedAt.toInstant();
  }

  public String decidedBy() {
    return decidedBy;
  }

  public CourtDecision courtDecision() {
    return court == null ? null : new CourtDecision(court, courtDecisionDate, courtDecisionNumber);
  }

  public Instant endedAt() {
    return endedAt == null ? null : endedAt.toInstant();
  }
}
