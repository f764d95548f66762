package fr.carnet.account.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * An agent's request to delete a record at once. Nobody alone does the irreversible: the record is
 * closed and archived when asked (as for a normal closure, so that nothing reads it meanwhile and
 * it can still be reopened), and purged only when a second staff member approves before the request
 * expires.
 */
@Entity
@Table(name = "deletion_request")
public class DeletionRequest {

  /** Where the second staff member's decision stands. */
  public enum Status {
    PENDING,
    APPROVED,
    REJECTED
  }

  /** As shown: a pending request past its deadline is expired. */
  public enum Standing {
    PENDING,
    EXPIRED,
    APPROVED,
    REJECTED
  }

  @Id private UUID id;

  @Column(name = "record_id", nullable = false, updatable = false)
  private UUID recordId;

  @Column(name = "requested_at", nullable = false, updatable = false)
  private OffsetDateTime requestedAt;

  @Column(name = "requested_by", nullable = false, updatable = false)
  private String requestedBy;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private OffsetDateTime expiresAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(name = "decided_at")
  private OffsetDateTime decidedAt;

  @Column(name = "decided_by")
  private String decidedBy;

  protected DeletionRequest() {}

  public DeletionRequest(UUID recordId, Instant at, Duration timeout, String by) {
    this.id = UUID.randomUUID();
    this.recordId = recordId;
    this.requestedAt = at.atOffset(ZoneOffset.UTC);
    this.requestedBy = by;
    this.expiresAt = at.plus(timeout).atOffset(ZoneOffset.UTC);
    this.status = Status.PENDING;
  }

  public Standing standing(Instant now) {
    return switch (status) {
      case APPROVED -> Standing.APPROVED;
      case REJECTED -> Standing.REJECTED;
      case PENDING -> now.isBefore(expiresAt.toInstant()) ? Standing.PENDING : Standing.EXPIRED;
    };
  }

  public void approve(Instant at, String by) {
    decide(Status.APPROVED, at, by);
  }

  public void reject(Instant at, String by) {
    decide(Status.REJECTED, at, by);
  }

  private void decide(Status decision, Instant at, String by) {
    if (standing(at) != Standing.PENDING) {
      throw new IllegalStateException("Only a pending request is decided");
    }
    status = decision;
    decidedAt = at.atOffset(ZoneOffset.UTC);
    decidedBy = by;
  }

  public UUID id() {
    return id;
  }

  public UUID recordId() {
    return recordId;
  }

  public Instant requestedAt() {
    return requestedAt.toInstant();
  }

  public String requestedBy() {
    return requestedBy;
  }

  public Instant expiresAt() {
    return expiresAt.toInstant();
  }

  public Instant decidedAt() {
    return decidedAt == null ? null : decidedAt.toInstant();
  }

  public String decidedBy() {
    return decidedBy;
  }
}
