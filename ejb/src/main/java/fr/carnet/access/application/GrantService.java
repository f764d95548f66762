package fr.carnet.access.application;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Grants: a professional declares the patient's agreement, or opens emergency access with a reason;
 * the patient lists and revokes them. Each grant runs for a configured duration.
 */
@Stateless
public class GrantService {

  private static final int MAX_REASON = 500;

  @Inject private AccessService access;
  @Inject private GrantRepository grants;
  @Inject private AccessGate gate;
  @Inject private Clock clock;

  @Inject private PolicyDurations durations;

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
