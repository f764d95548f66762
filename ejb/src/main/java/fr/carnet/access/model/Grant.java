package fr.carnet.access.model;

import fr.carnet.access.AccessMode;
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
 * A professional's access to a record, for a time: the agreement they attested, or an emergency
 * mode with its reason; or a standing agreement the patient gave a named professional (RPPS) for a
 * duration they chose or until they revoke it ({@code givenBy} set, no profession known, and no
 * expiry when until revoked). The patient can revoke it; it is never deleted.
 */
@Entity(name = "AccessGrant")
@Table(name = "access_grant")
public class Grant {

  @Id private UUID id;

  @Column(name = "record_id", nullable = false, updatable = false)
  private UUID recordId;

  @Column(nullable = false, updatable = false)
  private String rpps;

  // Null for a standing agreement: the patient names an RPPS before any visit.
  @Column(updatable = false)
  private String profession;

  @Column(updatable = false)
  private String specialty;

  @Column(updatable = false)
  private String finess;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private AccessMode mode;

  @Column(updatable = false)
  private String reason;

  @Column(name = "granted_at", nullable = false, updatable = false)
  private OffsetDateTime grantedAt;

  @Column(name = "expires_at")
  private OffsetDateTime expiresAt;

  @Column(name = "revoked_at")
  private OffsetDateTime revokedAt;

  @Column(name = "revoked_by")
  private String revokedBy;

  @Column(name = "given_by", updatable = false)
  private String givenBy;

  protected Grant() {}

  public Grant(
      UUID recordId,
      String rpps,
      String profession,
      String specialty,
      String finess,
      AccessMode mode,
      String reason,
      Instant grantedAt,
      Duration duration) {
    this.id = UUID.randomUUID();
    this.recordId = recordId;
    this.rpps = rpps;
    this.profession = profession;
    this.specialty = specialty;
    this.finess = finess;
    this.mode = mode;
    this.reason = reason;
    this.grantedAt = grantedAt.atOffset(ZoneOffset.UTC);
    this.expiresAt = grantedAt.plus(duration).atOffset(ZoneOffset.UTC);
  }

  /**
   * A standing agreement the patient side ({@code givenBy}, a patient or representative account)
   * gives the professional of this RPPS: a {@code NORMAL} agreement until {@code expiresAt}, or
   * until revoked when it is null.
   */
  public static Grant standing(
      UUID recordId, String rpps, String givenBy, Instant givenAt, Instant expiresAt) {
    Grant grant = new Grant();
    grant.id = UUID.randomUUID();
    grant.recordId = recordId;
    grant.rpps = rpps;
    grant.mode = AccessMode.NORMAL;
    grant.givenBy = givenBy;
    grant.grantedAt = givenAt.atOffset(ZoneOffset.UTC);
    grant.expiresAt = expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC);
    return grant;
  }

  /** A declaration renewed while still current runs for a full duration again. */
  public void renew(Instant at, Duration duration) {
    expiresAt = at.plus(duration).atOffset(ZoneOffset.UTC);
  }

  public void revoke(Instant at, String by) {
    if (revokedAt == null) {
      revokedAt = at.atOffset(ZoneOffset.UTC);
      revokedBy = by;
    }
  }

  public boolean activeAt(Instant at) {
    return revokedAt == null && (expiresAt == null || expiresAt.toInstant().isAfter(at));
  }

  public UUID id() {
    return id;
  }

  public UUID recordId() {
    return recordId;
  }

  public String rpps() {
    return rpps;
  }

  public String profession() {
    return profession;
  }

  public String specialty() {
    return specialty;
  }

  public String finess() {
    return finess;
  }

  public AccessMode mode() {
    return mode;
  }

  public String reason() {
    return reason;
  }

  public Instant grantedAt() {
    return grantedAt.toInstant();
  }

  /** When it ends; null for a standing agreement given until revoked. */
  public Instant expiresAt() {
    return expiresAt == null ? null : expiresAt.toInstant();
  }

  /** Who on the patient side gave it, for a standing agreement; null for a declaration. */
  public String givenBy() {
    return givenBy;
  }

  public boolean standing() {
    return givenBy != null;
  }

  public Instant revokedAt() {
    return revokedAt == null ? null : revokedAt.toInstant();
  }
}
