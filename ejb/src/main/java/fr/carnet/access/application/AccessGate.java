package fr.carnet.access.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.AccessPolicy;
import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.access.Layer;
import fr.carnet.access.Refusal;
import fr.carnet.audit.application.TraceService;
import fr.carnet.audit.model.PendingTrace;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.security.Actor;
import fr.carnet.shared.AccessRefused;
import fr.carnet.shared.ErrorCode;
import fr.carnet.staff.model.StaffAccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The one gate of every access: it asks the {@link AccessPolicy}, writes the access's trace in the
 * caller's transaction, and refuses one way. Services never write "decide, trace, refuse" by hand.
 *
 * <p>A refusal is thrown as {@link AccessRefused}, which does not roll back: the refusal's trace
 * commits. Its code is the reason's own ({@link Refusal}) or the action's {@code fallback}; what
 * must look absent says nothing more than its code's title, and the rest names the layer and the
 * reason.
 */
@ApplicationScoped
public class AccessGate {

  @Inject private AccessService access;
  @Inject private TraceService traces;
  @Inject private StaffAccountRepository staffAccounts;

  /** A rule of the policy over a record's facts, such as {@code (p, f) -> p.mayGrant(actor, f)}. */
  @FunctionalInterface
  public interface Rule {
    Decision decide(AccessPolicy policy, AccessFacts facts);
  }

  /**
   * The record's facts for the actor, then the rule's decision on them, traced; a refusal is
   * thrown. Returns the facts, for what the service does next under the same decision.
   */
  public AccessFacts enter(
      Actor actor,
      UUID recordId,
      TraceAction traced,
      String detail,
      ErrorCode fallback,
      Rule rule) {
    AccessFacts facts = access.facts(actor, recordId);
    pass(
        actor,
        traced,
        recordId,
        TraceSubject.NONE,
        rule.decide(access.policy(), facts),
        detail,
        fallback);
    return facts;
  }

  /** An account-level action (no record's facts can widen it): decided, traced, refused. */
  public Decision admit(Actor actor, AccountAction action, TraceAction traced, String detail) {
    return pass(
        actor,
        traced,
        null,
        TraceSubject.NONE,
        access.policy().decide(actor, action),
        detail,
        ErrorCode.FORBIDDEN);
  }

  /**
   * An account-level action whose success is traced later, with what it did: only a refusal is
   * traced here, and thrown.
   */
  public Decision check(Actor actor, AccountAction action, TraceAction traced, String detail) {
    Decision decision = access.policy().decide(actor, action);
    if (!decision.permitted()) {
      pass(actor, traced, null, TraceSubject.NONE, decision, detail, ErrorCode.FORBIDDEN);
    }
    return decision;
  }

  /**
   * An account-level read of what is about no one (the reference lists): decided; a refusal traced
   * and thrown; a permit traced only where the policy asks for it ({@link
   * AccessPolicy#tracesEveryAction}: staff, every one of whose actions the rule book traces), not
   * for the professionals' and patients' software, which reads such lists with every session and
   * learns nothing of anyone by them.
   */
  public Decision consult(Actor actor, AccountAction action, TraceAction traced, String detail) {
    AccessPolicy policy = access.policy();
    Decision decision = policy.decide(actor, action);
    if (!decision.permitted() || policy.tracesEveryAction(actor)) {
      pass(actor, traced, null, TraceSubject.NONE, decision, detail, ErrorCode.FORBIDDEN);
    }
    return decision;
  }

  /** Traces a decision about no single document and, if it is a refusal, refuses as FORBIDDEN. */
  public Decision pass(
      Actor actor, TraceAction traced, UUID recordId, Decision decision, String detail) {
    return pass(actor, traced, recordId, TraceSubject.NONE, decision, detail, ErrorCode.FORBIDDEN);
  }

  /**
   * Traces a decision the policy made about the subject (a document, a profile entry, or {@link
   * TraceSubject#NONE}) and, if it is a refusal, refuses.
   */
  public Decision pass(
      Actor actor,
      TraceAction traced,
      UUID recordId,
      TraceSubject subject,
      Decision decision,
      String detail,
      ErrorCode fallback) {
    traces.recordAbout(actor, traced, recordId, subject, decision, detail);
    refuseUnless(decision, fallback);
    return decision;
  }

  /**
   * A permitted decision whose trace the work's own statement appends, so that the work and its
   * trace take one round trip: the returned trace goes to the repository that does the work, which
   * appends it in the same statement; then {@link #carried}, or {@link #withdraw} if the work was
   * not done. A transaction cannot commit with such a trace neither carried nor withdrawn. A
   * refusal has no work: it goes through {@link #pass}, traced at once.
   */
  public PendingTrace permitted(
      Actor actor,
      TraceAction traced,
      UUID recordId,
      TraceSubject subject,
      Decision decision,
      String detail) {
    return traces.recordWithWork(actor, traced, recordId, subject, decision, detail);
  }

  /** The work's statement appended the trace {@link #permitted} gave. */
  public void carried(PendingTrace trace) {
    traces.carried(trace);
  }

  /** The work {@link #permitted} traced was not done; its access is traced otherwise. */
  public void withdraw(PendingTrace trace) {
    traces.withdraw(trace);
  }

  /**
   * The second pair of eyes on a staff request (a representation, a deletion now) that {@code
   * requestedBy} made: refused to the one who asked, whatever role they come back in, and to
   * everyone once the request is decided or has waited too long. Each refusal is traced under the
   * record; a permitted decision is returned for the trace of what is then done.
   *
   * @param standing whether the request still waits, was decided, or expired
   * @param askAgain what the requester should do instead of an expired request
   */
  public Decision secondStaffMember(
      Actor actor,
      TraceAction traced,
      UUID recordId,
      String requestedBy,
      RequestStanding standing,
      String detail,
      String askAgain) {
    Decision decision =
        access
            .policy()
            .mayDecideStaffRequest(
                actor, requestedBy, staffAccounts.shapedBy(actor.subject(), requestedBy));
    if (!decision.permitted()) {
      pass(actor, traced, recordId, TraceSubject.NONE, decision, detail, ErrorCode.FORBIDDEN);
    }
    if (standing != RequestStanding.PENDING) {
      boolean expired = standing == RequestStanding.EXPIRED;
      refuse(
          actor,
          traced,
          recordId,
          Decision.deny(Layer.RECORD_STATE, expired ? "APPROVAL_EXPIRED" : "ALREADY_DECIDED"),
          detail,
          expired ? ErrorCode.APPROVAL_EXPIRED : ErrorCode.ALREADY_DECIDED,
          expired
              ? "The request waited too long for a second staff member: " + askAgain
              : "The request was already decided");
    }
    return decision;
  }

  /** Where a staff request stands, for the second pair of eyes. */
  public enum RequestStanding {
    PENDING,
    DECIDED,
    EXPIRED
  }

  /**
   * Traces a refusal that the record's own rules made (a state that does not allow the action, a
   * request already decided) and refuses it with its own code and words.
   */
  public void refuse(
      Actor actor,
      TraceAction traced,
      UUID recordId,
      Decision refusal,
      String detail,
      ErrorCode code,
      String message) {
    if (refusal.permitted()) {
      throw new IllegalArgumentException("Not a refusal: " + refusal);
    }
    traces.recordAbout(actor, traced, recordId, TraceSubject.NONE, refusal, detail);
    throw new AccessRefused(code, message);
  }

  /** Throws the refusal if the decision is one: the one way every refusal leaves the gate. */
  private static void refuseUnless(Decision decision, ErrorCode fallback) {
    if (decision.permitted()) {
      return;
    }
    Refusal refusal = Refusal.of(decision.reason()).orElse(null);
    ErrorCode code = refusal == null ? fallback : refusal.code();
    boolean absent =
        refusal == null
            ? code == ErrorCode.DOCUMENT_NOT_FOUND
                || code == ErrorCode.RECORD_NOT_FOUND
                || code == ErrorCode.CONVERSATION_NOT_FOUND
            : refusal.looksAbsent();
    // What does not exist for the caller says nothing more; the trace keeps the reason.
    throw absent
        ? new AccessRefused(code, code.title())
        : new AccessRefused(
            code,
            "Refused by " + decision.layer() + ": " + decision.reason(),
            decision.layer().name(),
            decision.reason());
  }
}
