package fr.carnet.access.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.AccessMode;
import fr.carnet.access.model.Grant;
import fr.carnet.access.model.GrantRepository;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.reference.model.PolicyDuration;
import fr.carnet.reference.model.PolicyDurations;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Grants: a professional declares the patient's agreement, or opens emergency access with a reason;
 * the patient gives a named professional a standing agreement, for a duration they choose (up to
 * {@code carnet.grants.standing-maximum}) or until revoked; the patient lists and revokes them.
 * Declarations run for a configured duration.
 */
@Stateless
public class GrantService {

  private static final int MAX_REASON = 500;
  private static final Pattern RPPS = Pattern.compile("\\d{11}");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Inject private AccessService access;
  @Inject private GrantRepository grants;
  @Inject private AccessGate gate;
  @Inject private Clock clock;

  @Inject private PolicyDurations durations;

  @Inject
  @ConfigProperty(name = "carnet.grants.standing-maximum", defaultValue = "P1825D")
  private String standingMaximum;

  /** A grant declared, or renewed when one of the same mode is still current. */
  public record Declared(Grant grant, boolean created) {}

  public Declared declare(Actor actor, UUID recordId, AccessMode mode, String reason) {
    if (mode == null) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "mode is NORMAL, BREAK_GLASS or REGULATION");
    }
    String stated = reason == null || reason.isBlank() ? null : reason.strip();
    if (mode.isEmergency() && stated == null) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "An emergency access states a reason");
    }
    if (stated != null && stated.length() > MAX_REASON) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "reason: at most 500 characters");
    }
    gate.enter(
        actor,
        recordId,
        TraceAction.GRANT_CREATE,
        stated,
        ErrorCode.FORBIDDEN,
        (policy, f) -> policy.mayGrant(actor, f, mode));
    Instant now = clock.instant();
    Duration duration = duration(mode);
    var current = grants.active(recordId, actor.rpps(), mode, now);
    if (current.isPresent()) {
      current.get().renew(now, duration);
      return new Declared(current.get(), false);
    }
    Grant grant =
        new Grant(
            recordId,
            actor.rpps(),
            actor.profession(),
            actor.specialty(),
            actor.finess(),
            mode,
            stated,
            now,
            duration);
    grants.store(grant);
    return new Declared(grant, true);
  }

  /**
   * A standing agreement the patient or a representative gives the professional of this RPPS: for
   * an ISO-8601 period of their choice ({@code duration}, such as {@code P90D} or {@code P1Y}) or
   * {@code untilRevoked}, exactly one of the two. The policy then treats it as a {@code NORMAL}
   * agreement; masks and blocks still apply. A standing agreement already current for the RPPS is
   * replaced: the latest choice counts.
   */
  public Grant give(
      Actor actor, UUID recordId, String rpps, String duration, boolean untilRevoked) {
    if (rpps == null || !RPPS.matcher(rpps).matches()) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "An RPPS number has 11 digits");
    }
    if ((duration != null) == untilRevoked) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "Give either a duration (ISO-8601) or untilRevoked: true");
    }
    Instant now = clock.instant();
    Instant expiresAt = untilRevoked ? null : expiry(now, duration);
    // Giving access widens it: the patient's (or a representative's) own act, never a proxy's.
    AccessFacts facts =
        gate.enter(
            actor,
            recordId,
            TraceAction.GRANT_CREATE,
            "standing rpps=" + rpps + (untilRevoked ? " until revoked" : " for " + duration),
            ErrorCode.FORBIDDEN,
            (policy, standing) -> policy.mayWidenAccess(actor, standing));
    // A parent's choice ends with their authority, at the minor's majority, whatever they chose.
    LocalDate limit = access.policy().standingAgreementLimit(facts);
    if (limit != null) {
      Instant majority = limit.atStartOfDay(PARIS).toInstant();
      if (expiresAt == null || expiresAt.isAfter(majority)) {
        expiresAt = majority;
      }
    }
    for (Grant earlier : grants.standing(recordId, rpps, now)) {
      earlier.revoke(now, actor.subject());
    }
    Grant grant = Grant.standing(recordId, rpps, actor.subject(), now, expiresAt);
    grants.store(grant);
    return grant;
  }

  /** The end of a chosen period from now, refused beyond the configured maximum. */
  private Instant expiry(Instant now, String duration) {
    ZonedDateTime from = now.atZone(ZoneOffset.UTC);
    Instant expiresAt;
    try {
      expiresAt = from.plus(Period.parse(duration)).toInstant();
    } catch (DateTimeException | ArithmeticException e) {
      // Not a period, or one so long that no calendar holds its end.
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "duration is an ISO-8601 period such as P90D or P1Y");
    }
    if (!expiresAt.isAfter(now)) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "duration must be positive");
    }
    Period maximum = Period.parse(standingMaximum);
    if (expiresAt.isAfter(from.plus(maximum).toInstant())) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "duration: at most " + maximum + " (or untilRevoked)");
    }
    return expiresAt;
  }

  /** The record's current grants, for the patient or a representative. */
  public List<Grant> current(Actor actor, UUID recordId) {
    controls(actor, recordId, TraceAction.GRANT_LIST, null);
    return grants.active(recordId, clock.instant());
  }

  /** Revokes a grant, by the patient or a representative: the access ends now. */
  public void revoke(Actor actor, UUID recordId, UUID grantId) {
    controls(actor, recordId, TraceAction.GRANT_REVOKE, grantId.toString());
    Grant grant =
        grants
            .find(recordId, grantId)
            .orElseThrow(() -> new CarnetException(ErrorCode.GRANT_NOT_FOUND));
    grant.revoke(clock.instant(), actor.subject());
  }

  private void controls(Actor actor, UUID recordId, TraceAction action, String detail) {
    gate.enter(
        actor,
        recordId,
        action,
        detail,
        ErrorCode.FORBIDDEN,
        (policy, facts) -> policy.mayManageControls(actor, facts));
  }

  private Duration duration(AccessMode mode) {
    return switch (mode) {
      case NORMAL -> durations.duration(PolicyDuration.CARE_RELATIONSHIP);
      case BREAK_GLASS -> durations.duration(PolicyDuration.BREAK_GLASS);
      case REGULATION -> durations.duration(PolicyDuration.REGULATION);
    };
  }
}
