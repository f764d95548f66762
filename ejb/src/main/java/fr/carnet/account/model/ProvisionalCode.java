package fr.carnet.account.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * A record's provisional code, as its keyed hash: single use, expiring, locked after too many wrong
 * attempts. A new code replaces the old one, which stops working.
 */
@Entity
@Table(name = "provisional_code")
public class ProvisionalCode {

  /** What an attempt with a code gives. */
  public enum Check {
    VALID,
    WRONG,
    EXPIRED,
    LOCKED
  }

  /** What an agent sees of the code: never the code itself. */
  public enum Status {
    ACTIVE,
    USED,
    EXPIRED,
    LOCKED
  }

  @Id
  @Column(name = "record_id")
  private UUID recordId;

  @Column(name = "code_hash", nullable = false)
  private String codeHash;

  @Column(name = "issued_at", nullable = false)
  private OffsetDateTime issuedAt;

  @Column(name = "expires_at", nullable = false)
  private OffsetDateTime expiresAt;

  @Column(name = "used_at")
  private OffsetDateTime usedAt;

  @Column(name = "failed_attempts", nullable = false)
  private int failedAttempts;

  @Column(name = "locked_at")
  private OffsetDateTime lockedAt;

  @Column(name = "for_message", nullable = false)
  private boolean forMessage;

  protected ProvisionalCode() {
    // for JPA
  }

  public static ProvisionalCode issue(
      UUID recordId, String codeHash, Instant now, Duration validity) {
    ProvisionalCode code = new ProvisionalCode();
    code.recordId = Objects.requireNonNull(recordId);
    code.replace(codeHash, now, validity);
    return code;
  }

  /** A new code: the old one stops working, attempts and lockout start afresh. */
  public void replace(String codeHash, Instant now, Duration validity) {
    this.codeHash = Objects.requireNonNull(codeHash);
    this.issuedAt = now.atOffset(ZoneOffset.UTC);
    this.expiresAt = now.plus(validity).atOffset(ZoneOffset.UTC);
    this.usedAt = null;
    this.failedAttempts = 0;
    this.lockedAt = null;
    this.forMessage = false;
  }

  /** This code was issued for an information message (not dictated by an agent). */
  public void markForMessage() {
    forMessage = true;
  }

  /**
   * Whether the information message's next attempt may replace this code: only a code issued for
   * the message itself, which a failed send may never have delivered; never one an agent gave.
   */
  public boolean replaceableByMessage() {
    return forMessage && usedAt == null;
  }

  /**
   * An attempt: the right, unexpired, unused code of an unlocked record is used up; a wrong one
   * counts, and the {@code maxAttempts}-th wrong one locks activation.
   */
  public Check attempt(String candidateHash, Instant now, int maxAttempts) {
    if (lockedAt != null) {
      return Check.LOCKED;
    }
    // Constant time: the comparison does not tell how much of a guess was right.
    boolean matches =
        usedAt == null
            && MessageDigest.isEqual(
                codeHash.getBytes(StandardCharsets.US_ASCII),
                candidateHash.getBytes(StandardCharsets.US_ASCII));
    if (!matches) {
      failedAttempts++;
      if (failedAttempts >= maxAttempts) {
        lockedAt = now.atOffset(ZoneOffset.UTC);
        return Check.LOCKED;
      }
      return Check.WRONG;
    }
    if (!now.isBefore(expiresAt.toInstant())) {
      return Check.EXPIRED;
    }
    usedAt = now.atOffset(ZoneOffset.UTC);
    return Check.VALID;
  }

  /** The agent clears the lockout after identifying the caller. */
  public void unlock() {
    failedAttempts = 0;
    lockedAt = null;
  }

  public Status status(Instant now) {
    if (lockedAt != null) {
      return Status.LOCKED;
    }
    if (usedAt != null) {
      return Status.USED;
    }
    return now.isBefore(expiresAt.toInstant()) ? Status.ACTIVE : Status.EXPIRED;
  }

  public UUID recordId() {
    return recordId;
  }

  public Instant expiresAt() {
    return expiresAt.toInstant();
  }

  public int failedAttempts() {
    return failedAttempts;
  }
}
