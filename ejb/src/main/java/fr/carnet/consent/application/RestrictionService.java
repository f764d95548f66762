package fr.carnet.consent.application;

import fr.carnet.access.RestrictionAction;
import fr.carnet.access.application.AccessGate;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.consent.model.RestrictionRepository;
import fr.carnet.consent.model.RestrictionRepository.ClassMask;
import fr.carnet.consent.model.RestrictionRepository.OrganisationBlock;
import fr.carnet.notification.application.Notifications;
import fr.carnet.reference.model.MatrixRepository;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The patient's restrictions of care access as a whole: a class of documents masked (present and
 * future documents, hidden as masked ones are), an organisation blocked by FINESS (everyone acting
 * for it refused, break-glass included). Set and lifted by the patient or a representative; set,
 * never lifted, by a call-centre agent on the caller's request (the policy's {@code mayRestrict}).
 * Every change, listing and refusal traced under the actor's own name.
 */
@Stateless
public class RestrictionService {

  /** Two characters for the département (2A, 2B for Corsica), then seven digits. */
  private static final Pattern FINESS = Pattern.compile("(\\d{2}|2A|2B)\\d{7}");

  private static final Pattern CLASS_CODE = Pattern.compile("[A-Z_]{1,32}");

  @Inject private RestrictionRepository restrictions;
  @Inject private MatrixRepository reference;
  @Inject private AccessGate gate;
  @Inject private Clock clock;
  @Inject private Notifications notifications;

  /** What is in place, as the patient's controls and the agent desk list it. */
  public record Restrictions(List<ClassMask> classes, List<OrganisationBlock> organisations) {}

  /** Masks a document class, or lifts its mask. */
  public void maskClass(Actor actor, UUID recordId, String classCode, boolean masked) {
    if (classCode == null
        || !CLASS_CODE.matcher(classCode).matches()
        || !reference.classExists(classCode)) {
      throw new CarnetException(
          ErrorCode.DOCUMENT_CLASS_UNKNOWN, "class is a document class code, such as LAB");
    }
    decide(
        actor,
        recordId,
        masked ? TraceAction.CLASS_MASK_SET : TraceAction.CLASS_MASK_CLEAR,
        "class=" + classCode,
        masked ? RestrictionAction.SET : RestrictionAction.LIFT);
    if (masked) {
      restrictions.maskClass(recordId, classCode, actor.subject(), clock.instant());
    } else {
      restrictions.unmaskClass(recordId, classCode);
    }
  }

  /** Blocks an organisation by FINESS, or lifts the block. */
  public void blockOrganisation(Actor actor, UUID recordId, String finess, boolean blocked) {
    requireFiness(finess);
    decide(
        actor,
        recordId,
        blocked ? TraceAction.ORGANISATION_BLOCK_SET : TraceAction.ORGANISATION_BLOCK_CLEAR,
        "finess=" + finess,
        blocked ? RestrictionAction.SET : RestrictionAction.UNBLOCK);
    if (blocked) {
      restrictions.blockOrganisation(recordId, finess, actor.subject(), clock.instant());
    } else {
      restrictions.unblockOrganisation(recordId, finess);
    }
  }

  /** The masked classes and blocked organisations of the record. */
  public Restrictions restrictions(Actor actor, UUID recordId) {
    decide(actor, recordId, TraceAction.CONTROLS_READ, "restrictions", RestrictionAction.LIST);
    return new Restrictions(
        restrictions.classMasks(recordId), restrictions.organisationBlocks(recordId));
  }

  /** The classes one may mask (reference data: no record, nothing to trace). */
  public List<String> maskableClasses() {
    return restrictions.maskableClasses();
  }

  /** A FINESS has nine characters; anything else is refused before any access. */
  public static void requireFiness(String finess) {
    if (finess == null || !FINESS.matcher(finess).matches()) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "A FINESS number has 9 characters (2A, 2B for Corsica)");
    }
  }

  private void decide(
      Actor actor, UUID recordId, TraceAction action, String detail, RestrictionAction what) {
    gate.enter(
        actor,
        recordId,
        action,
        detail,
        ErrorCode.FORBIDDEN,
        (policy, facts) -> policy.mayRestrict(actor, facts, what));
    if (what != RestrictionAction.LIST) {
      notifications.agentChanged(actor, recordId, action);
    }
  }
}
