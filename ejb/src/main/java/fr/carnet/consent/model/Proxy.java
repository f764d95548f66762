package fr.carnet.consent.model;

import fr.carnet.access.ProxyScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A proxy the patient chose: an adult with a record of their own (named by its id, so that their
 * INS stays in one place), who acts with their own patient token within a scope until an end date
 * (the last day they may act, civil time), unless the patient revokes it or the proxy gives it up
 * first. Only the patient designates one; the access facts load the designation and the policy
 * decides from it.
 */
@Entity
@Table(name = "record_proxy")
public class Proxy {

  /** Who ended it. */
  public enum EndedBy {
    PATIENT,
    PROXY
  }

  /** As shown: a designation past its end date is expired, whatever is stored. */
  public enum Standing {
    ACTIVE,
    EXPIRED,
    REVOKED
  }

  @Id private UUID id;

  @Column(name = "record_id", nullable = false, updatable = false)
  private UUID recordId;

  @Column(name = "proxy_record_id", nullable = false, updatable = false)
  private UUID proxyRecordId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private ProxyScope scope;

  @Column(name = "ends_on", nullable = false, updatable = false)
  private LocalDate endsOn;

  @Column(name = "created_at", nullable = false, updatable = false)
  private OffsetDateTime createdAt;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "revoked_at")
  private OffsetDateTime revokedAt;

  @Column(name = "revoked_by")
  private String revokedBy;

  @Enumerated(EnumType.STRING)
  @Column(name = "revoked_as")
  private EndedBy revokedAs;

  @Column(name = "first_acted_at", insertable = false, updatable = false)
  private OffsetDateTime firstActedAt;

  protected Proxy() {}

  public Proxy(
      UUID recordId,
      UUID proxyRecordId,
      ProxyScope scope,
      LocalDate endsOn,
      Instant at,
      String by) {
    this.id = UUID.randomUUID();
    this.recordId = recordId;
    this.proxyRecordId = proxyRecordId;
    this.scope = scope;
    this.endsOn = endsOn;
    this.createdAt = at.atOffset(ZoneOffset.UTC);
    this.createdBy = by;
  }

  /** Where it stands on {@code today} (civil time). */
  public Standing standing(LocalDate today) {
    if (revokedAt != null) {
      return Standing.REVOKED;
    }
    return today.isAfter(endsOn) ? Standing.EXPIRED : Standing.ACTIVE;
  }

  /** Ends it now; a second end changes nothing. */
  public void end(Instant at, String by, EndedBy as) {
    if (revokedAt == null) {
      revokedAt = at.atOffset(ZoneOffset.UTC);
      revokedBy = by;
      revokedAs = as;
    }
  }

  public UUID id() {
    return id;
  }

  public UUID recordId() {
    return recordId;
  }

  public UUID proxyRecordId() {
    return proxyRecordId;
  }

  public ProxyScope scope() {
    return scope;
  }

  public LocalDate endsOn() {
    return endsOn;
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  public Instant revokedAt() {
    return revokedAt == null ? null : revokedAt.toInstant();
  }

  public EndedBy revokedAs() {
    return revokedAs;
  }

  /** When the proxy first acted on the record (written by the database, see the repository). */
  public Instant firstActedAt() {
    return firstActedAt == null ? null : firstActedAt.toInstant();
  }
}
