package fr.carnet.account.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.access.Layer;
import fr.carnet.access.LifecycleAction;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.account.model.ActivationCodes;
import fr.carnet.account.model.DeletionRequest;
import fr.carnet.account.model.DeletionRequestRepository;
import fr.carnet.account.model.ProvisionalCode;
import fr.carnet.account.model.ProvisionalCodeRepository;
import fr.carnet.account.model.RecordPurges;
import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceRepository;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.consent.model.Representative;
import fr.carnet.consent.model.RepresentativeRepository;
import fr.carnet.notification.application.Notifications;
import fr.carnet.record.model.ClosureReason;
import fr.carnet.record.model.Record;
import fr.carnet.record.model.RecordRepository;
import fr.carnet.record.model.RecordState;
import fr.carnet.reference.model.PolicyDuration;
import fr.carnet.reference.model.PolicyDurations;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The account's life: activation with the provisional code, the window's end, opposition and its
 * withdrawal, closure (archived or deleted at once), reopening, death, and the purge. Each action
 * is decided by the {@code AccessPolicy} (who), then by the record (whether its state allows it),
 * and traced either way; a refusal's trace commits.
 */
@Stateless
public class LifecycleService {

  /** The actor the scheduled jobs act as: traced, and shown to the patient as "Carnet". */
  public static final Actor WINDOW_JOB = Actor.staff("system:opposition-window", Role.ADMIN);

  public static final Actor PURGE_JOB = Actor.staff("system:purge", Role.ADMIN);

  public static final Actor INFORMATION_JOB = Actor.staff("system:information", Role.ADMIN);

  /** The actions that make an account's history. */
  private static final Set<String> ACCOUNT_EVENTS =
      Set.of(
          TraceAction.RECORD_CREATE.name(),
          TraceAction.RECORD_ACTIVATE.name(),
          TraceAction.RECORD_OPEN_AT_WINDOW_END.name(),
          TraceAction.RECORD_OPPOSE.name(),
          TraceAction.RECORD_OPPOSITION_WITHDRAW.name(),
          TraceAction.RECORD_CLOSE.name(),
          TraceAction.RECORD_REOPEN.name(),
          TraceAction.RECORD_DEATH.name(),
          TraceAction.CODE_REISSUE.name(),
          TraceAction.ACTIVATION_UNLOCK.name(),
          TraceAction.REPRESENTATIVE_REGISTER.name(),
          TraceAction.REPRESENTATIVE_APPROVE.name(),
          TraceAction.REPRESENTATIVE_REJECT.name(),
          TraceAction.REPRESENTATIVE_END.name(),
          TraceAction.DELETION_REQUEST.name(),
          TraceAction.DELETION_APPROVE.name(),
          TraceAction.DELETION_REJECT.name(),
          TraceAction.RECORD_PURGE.name());

  /** What becomes of an opposed record's data (see the README's reading of the rule). */
  public enum OppositionData {
    KEEP,
    DELETE
  }

  @Inject private AccessService access;
  @Inject private AccessGate gate;
  @Inject private Notifications notifications;
  @Inject private RecordRepository records;
  @Inject private ProvisionalCodeRepository codes;
  @Inject private RecordPurges purges;
  @Inject private TraceRepository trail;
  @Inject private DeletionRequestRepository deletions;
  @Inject private RepresentativeRepository representatives;
  @Inject private Clock clock;

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Inject private PolicyDurations durations;

  @Inject
  @ConfigProperty(name = "carnet.lifecycle.max-code-attempts", defaultValue = "5")
  private int maxCodeAttempts;

  @Inject
  @ConfigProperty(name = "carnet.lifecycle.opposition-data", defaultValue = "KEEP")
  private OppositionData oppositionData;

  @Inject
  @ConfigProperty(name = "carnet.lifecycle.code-secret")
  private Optional<String> codeSecret;

  private ActivationCodes activationCodes;

  @PostConstruct
  void configure() {
    activationCodes = codeSecret.map(ActivationCodes::new).orElse(null);
  }

  /** The account as the call centre and the patient see it: state, dates, code; no content. */
  public AccountView account(Actor actor, UUID recordId) {
    Decided decided =
        decided(actor, recordId, LifecycleAction.READ_ACCOUNT, TraceAction.ACCOUNT_READ);
    gate.pass(
        actor,
        TraceAction.ACCOUNT_READ,
        recordId,
        TraceSubject.NONE,
        decided.decision(),
        null,
        ErrorCode.FORBIDDEN);
    return view(decided.record());
  }

  /** What happened to the account, newest first: its life's events, never an access to content. */
  public List<Trace> accountHistory(Actor actor, UUID recordId) {
    Decided decided =
        decided(actor, recordId, LifecycleAction.READ_ACCOUNT, TraceAction.ACCOUNT_READ);
    gate.pass(
        actor,
        TraceAction.ACCOUNT_READ,
        recordId,
        TraceSubject.NONE,
        decided.decision(),
        "history",
        ErrorCode.FORBIDDEN);
    return trail.accountEvents(recordId, ACCOUNT_EVENTS, 100);
  }

  /** Activation by the person with their provisional code: the record opens at once. */
  public AccountView activate(Actor actor, UUID recordId, String code) {
    Decided decided =
        decided(actor, recordId, LifecycleAction.ACTIVATE, TraceAction.RECORD_ACTIVATE);
    Record record = decided.record();
    Instant now = clock.instant();
    if (record.state() != RecordState.PENDING) {
      // An opposed or closed record does not open with a code, old or new.
      refuse(
          actor,
          record,
          TraceAction.RECORD_ACTIVATE,
          Layer.RECORD_STATE,
          "STATE_" + record.state(),
          ErrorCode.LIFECYCLE_TRANSITION_INVALID,
          "Only a pending record is activated");
    }
    ProvisionalCode provisional = codes.find(recordId).orElse(null);
    ProvisionalCode.Check check =
        provisional == null
            ? ProvisionalCode.Check.WRONG
            : provisional.attempt(codes().hash(code), now, maxCodeAttempts);
    switch (check) {
      case VALID -> {
        record.activate(now);
        gate.pass(
            actor,
            TraceAction.RECORD_ACTIVATE,
            recordId,
            TraceSubject.NONE,
            decided.decision(),
            null,
            ErrorCode.FORBIDDEN);
        notifications.accountStateChanged(recordId, RecordState.OPEN);
        return view(record);
      }
      // The failed attempt's count commits with its trace: refusals do not roll back.
      case WRONG ->
          refuse(
              actor,
              record,
              TraceAction.RECORD_ACTIVATE,
              Layer.IDENTITY,
              "CODE_WRONG",
              ErrorCode.ACTIVATION_CODE_INVALID,
              "Wrong code");
      case EXPIRED ->
          refuse(
              actor,
              record,
              TraceAction.RECORD_ACTIVATE,
              Layer.IDENTITY,
              "CODE_EXPIRED",
              ErrorCode.ACTIVATION_CODE_EXPIRED,
              "Expired code");
      case LOCKED ->
          refuse(
              actor,
              record,
              TraceAction.RECORD_ACTIVATE,
              Layer.IDENTITY,
              "ACTIVATION_LOCKED",
              ErrorCode.ACTIVATION_LOCKED,
              "Activation locked");
    }
    throw new IllegalStateException("Unreachable");
  }

  /** A new provisional code for a pending record, shown once; the old code stops working. */
  public IssuedCode reissueCode(Actor actor, UUID recordId) {
    Decided decided =
        decided(actor, recordId, LifecycleAction.REISSUE_CODE, TraceAction.CODE_REISSUE);
    Record record = decided.record();
    requirePending(actor, record);
    IssuedCode issued = issue(recordId);
    gate.pass(
        actor,
        TraceAction.CODE_REISSUE,
        recordId,
        TraceSubject.NONE,
        decided.decision(),
        null,
        ErrorCode.FORBIDDEN);
    return issued;
  }

  /**
   * A new code sent to the person's contact channel rather than dictated: the old code dies now,
   * and the information message goes again, its code issued as it is sent (as at enrolment, so no
   * code waits in clear in the outbox). Refused when the record has no contact to send it to.
   */
  public AccountView sendNewCode(Actor actor, UUID recordId) {
    Decided decided =
        decided(actor, recordId, LifecycleAction.REISSUE_CODE, TraceAction.CODE_REISSUE);
    Record record = decided.record();
    requirePending(actor, record);
    if (record.contact() == null || !record.contact().reachable()) {
      refuse(
          actor,
          record,
          TraceAction.CODE_REISSUE,
          Layer.RECORD_STATE,
          "NO_CONTACT",
          ErrorCode.CONTACT_MISSING,
          "The record has no email, phone nor postal address to send a code to");
    }
    codes.remove(recordId);
    notifications.enrolled(recordId, record.oppositionDeadline());
    gate.pass(
        actor,
        TraceAction.CODE_REISSUE,
        recordId,
        TraceSubject.NONE,
        decided.decision(),
        "sent to contact",
        ErrorCode.FORBIDDEN);
    return view(record);
  }

  /**
   * Issues the code of a pending record for the information letter or message: called as it is
   * sent, so that no code ever waits in clear in the database. Nothing for a record that is no
   * longer pending or already has a code.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<IssuedCode> issueForInformation(UUID recordId) {
    Optional<IssuedCode> issued =
        records
            .find(recordId)
            .filter(record -> record.state() == RecordState.PENDING)
            // A code an agent already gave the person stays theirs: a late message must not
            // replace it. A code issued for an earlier attempt of this message, whose send may
            // have failed, is replaced: otherwise the retry would go without any code.
            .filter(
                record ->
                    codes.find(recordId).map(ProvisionalCode::replaceableByMessage).orElse(true))
            .map(
                record -> {
                  IssuedCode code = issue(recordId);
                  codes.find(recordId).ifPresent(ProvisionalCode::markForMessage);
                  return code;
                });
    // An account event like any other: the person's history shows when a code was sent.
    issued.ifPresent(
        code ->
            gate.pass(
                INFORMATION_JOB,
                TraceAction.CODE_REISSUE,
                recordId,
                TraceSubject.NONE,
                Decision.permit(Layer.RECORD_STATE, "INFORMATION_MESSAGE"),
                null,
                ErrorCode.FORBIDDEN));
    return issued;
  }

  /** Clears the lockout after too many wrong codes. */
  public AccountView unlock(Actor actor, UUID recordId) {
    Decided decided =
        decided(actor, recordId, LifecycleAction.UNLOCK_ACTIVATION, TraceAction.ACTIVATION_UNLOCK);
    codes.find(recordId).ifPresent(ProvisionalCode::unlock);
    gate.pass(
        actor,
        TraceAction.ACTIVATION_UNLOCK,
        recordId,
        TraceSubject.NONE,
        decided.decision(),
        null,
        ErrorCode.FORBIDDEN);
    return view(decided.record());
  }

  /** Opposition, at any time before closure: nobody feeds or reads the record any more. */
  public AccountView oppose(Actor actor, UUID recordId) {
    Record record =
        transition(
            actor,
            recordId,
            LifecycleAction.OPPOSE,
            TraceAction.RECORD_OPPOSE,
            r -> r.oppose(clock.instant()));
    codes.remove(recordId);
    if (oppositionData == OppositionData.DELETE) {
      entityManager.flush();
      purges.eraseContent(recordId);
    }
    notifications.accountStateChanged(recordId, RecordState.OPPOSED);
    return view(record);
  }

  /** The opposition withdrawn: an open record again. */
  public AccountView withdrawOpposition(Actor actor, UUID recordId) {
    Record record =
        transition(
            actor,
            recordId,
            LifecycleAction.WITHDRAW_OPPOSITION,
            TraceAction.RECORD_OPPOSITION_WITHDRAW,
            r -> r.withdrawOpposition(clock.instant()));
    notifications.accountStateChanged(recordId, RecordState.OPEN);
    return view(record);
  }

  /**
   * Closure on request: archived for the retention period (reopenable meanwhile), or, if the person
   * asks, deleted at once. A minor's representative may not delete (the minor may want it later).
   * An agent's deletion is four-eyed: the record is closed and archived now, as for a normal
   * closure, and a deletion request waits for a second staff member ({@link #approveDeletion}).
   */
  public AccountView close(Actor actor, UUID recordId, boolean deleteNow) {
    if (deleteNow) {
      decided(actor, recordId, LifecycleAction.DELETE_NOW, TraceAction.RECORD_CLOSE);
    }
    Instant now = clock.instant();
    boolean fourEyes = deleteNow && !actor.is(Role.PATIENT);
    boolean purgeNow = deleteNow && !fourEyes;
    Record record =
        transition(
            actor,
            recordId,
            LifecycleAction.CLOSE,
            TraceAction.RECORD_CLOSE,
            r -> r.close(now, ClosureReason.REQUEST, purgeNow ? now : purgeAfter(now)));
    codes.remove(recordId);
    if (purgeNow) {
      entityManager.flush();
      purge(actor, recordId, now);
      entityManager.refresh(record);
      return view(record);
    }
    notifications.accountStateChanged(recordId, RecordState.CLOSED);
    if (fourEyes) {
      DeletionRequest request =
          new DeletionRequest(
              recordId, now, durations.duration(PolicyDuration.APPROVAL_TIMEOUT), actor.subject());
      deletions.store(request);
      gate.pass(
          actor,
          TraceAction.DELETION_REQUEST,
          recordId,
          TraceSubject.NONE,
          Decision.permit(Layer.ROLE, "CALL_CENTRE"),
          "deletion request " + request.id() + " pending until " + request.expiresAt(),
          ErrorCode.FORBIDDEN);
      notifications.deletionRequested(recordId, false);
      representatives.of(recordId).stream()
          .filter(r -> r.grantsRights(now))
          .map(Representative::representativeRecordId)
          .distinct()
          .forEach(person -> notifications.deletionRequested(person, true));
    }
    return view(record);
  }

  /**
   * The second staff member approves an agent's deletion request: the record, still closed, is
   * purged now. The one who asked is refused, as is a request decided or expired, or a record
   * reopened meanwhile; each refusal is traced and commits.
   */
  public AccountView approveDeletion(Actor actor, UUID recordId, UUID requestId) {
    DeletionRequest request = decidable(actor, recordId, requestId, TraceAction.DELETION_APPROVE);
    Record record =
        records.find(recordId).orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    if (record.state() != RecordState.CLOSED) {
      refuse(
          actor,
          record,
          TraceAction.DELETION_APPROVE,
          Layer.RECORD_STATE,
          "STATE_" + record.state(),
          ErrorCode.LIFECYCLE_TRANSITION_INVALID,
          "Only a closed record is deleted");
    }
    Instant now = clock.instant();
    request.approve(now, actor.subject());
    gate.pass(
        actor,
        TraceAction.DELETION_APPROVE,
        recordId,
        TraceSubject.NONE,
        Decision.permit(Layer.ROLE, "SECOND_STAFF_MEMBER"),
        "deletion request " + requestId + " requested by " + request.requestedBy(),
        ErrorCode.FORBIDDEN);
    entityManager.flush();
    purge(actor, recordId, now);
    entityManager.refresh(record);
    return view(record);
  }

  /** The second staff member rejects: the record stays closed and archived, reopenable. */
  public AccountView rejectDeletion(Actor actor, UUID recordId, UUID requestId) {
    DeletionRequest request = decidable(actor, recordId, requestId, TraceAction.DELETION_REJECT);
    request.reject(clock.instant(), actor.subject());
    gate.pass(
        actor,
        TraceAction.DELETION_REJECT,
        recordId,
        TraceSubject.NONE,
        Decision.permit(Layer.ROLE, "SECOND_STAFF_MEMBER"),
        "deletion request " + requestId + " requested by " + request.requestedBy(),
        ErrorCode.FORBIDDEN);
    return view(records.find(recordId).orElseThrow());
  }

  /** The deletion requests waiting for a second staff member, oldest first. */
  public List<DeletionRequestView> pendingDeletions(Actor actor) {
    Decision decision = access.policy().decide(actor, AccountAction.APPROVE_STAFF_REQUEST);
    gate.pass(
        actor,
        TraceAction.STAFF_REQUESTS_LIST,
        null,
        TraceSubject.NONE,
        decision,
        "deletions",
        ErrorCode.FORBIDDEN);
    Instant now = clock.instant();
    return deletions.pending(now, 200).stream()
        .map(request -> DeletionRequestView.of(request, now))
        .toList();
  }

  private DeletionRequest decidable(
      Actor actor, UUID recordId, UUID requestId, TraceAction action) {
    Decision role = access.policy().decide(actor, AccountAction.APPROVE_STAFF_REQUEST);
    if (!role.permitted()) {
      gate.pass(actor, action, recordId, TraceSubject.NONE, role, null, ErrorCode.FORBIDDEN);
    }
    DeletionRequest request =
        deletions
            .lock(recordId, requestId)
            .orElseThrow(() -> new CarnetException(ErrorCode.DELETION_REQUEST_NOT_FOUND));
    DeletionRequest.Standing standing = request.standing(clock.instant());
    gate.secondStaffMember(
        actor,
        action,
        recordId,
        request.requestedBy(),
        standing == DeletionRequest.Standing.PENDING
            ? AccessGate.RequestStanding.PENDING
            : standing == DeletionRequest.Standing.EXPIRED
                ? AccessGate.RequestStanding.EXPIRED
                : AccessGate.RequestStanding.DECIDED,
        "deletion request " + requestId,
        "ask again");
    return request;
  }

  /**
   * Reopened during its archiving. A deletion request still pending ends with it: the person's
   * latest wish wins, and an old approval never deletes a record closed again later.
   */
  public AccountView reopen(Actor actor, UUID recordId) {
    Record record =
        transition(
            actor,
            recordId,
            LifecycleAction.REOPEN,
            TraceAction.RECORD_REOPEN,
            r -> r.reopen(clock.instant()));
    Instant now = clock.instant();
    for (DeletionRequest request : deletions.of(recordId)) {
      if (request.standing(now) == DeletionRequest.Standing.PENDING) {
        request.reject(now, actor.subject());
        gate.pass(
            actor,
            TraceAction.DELETION_REJECT,
            recordId,
            TraceSubject.NONE,
            Decision.permit(Layer.RECORD_STATE, "RECORD_REOPENED"),
            "deletion request " + request.id() + " requested by " + request.requestedBy(),
            ErrorCode.FORBIDDEN);
      }
    }
    notifications.accountStateChanged(recordId, RecordState.OPEN);
    return view(record);
  }

  /** Death, declared by an administrator or a registry feed: closed and archived. */
  public AccountView declareDeath(Actor actor, UUID recordId) {
    Instant now = clock.instant();
    Record record =
        transition(
            actor,
            recordId,
            LifecycleAction.DECLARE_DEATH,
            TraceAction.RECORD_DEATH,
            r -> r.close(now, ClosureReason.DEATH, purgeAfter(now)));
    codes.remove(recordId);
    return view(record);
  }

  // ---- The scheduled work: idempotent, in batches, rows claimed with SKIP LOCKED --------------

  /**
   * Opens the pending records whose window ended by {@code now}, at most {@code limit}, and tells
   * their owners; answers how many. Each instance takes rows no other holds.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int openEndedWindows(Instant at, int limit) {
    // To the microsecond, as the table keeps time: the claim and the record's rule then agree.
    Instant now = at.truncatedTo(ChronoUnit.MICROS);
    List<UUID> due = purges.claimEndedWindows(now, limit);
    for (UUID recordId : due) {
      Record record = records.find(recordId).orElseThrow();
      record.openAtWindowEnd(now);
      gate.pass(
          WINDOW_JOB,
          TraceAction.RECORD_OPEN_AT_WINDOW_END,
          recordId,
          TraceSubject.NONE,
          Decision.permit(Layer.RECORD_STATE, "OPPOSITION_WINDOW_ENDED"),
          null,
          ErrorCode.FORBIDDEN);
      notifications.accountStateChanged(recordId, RecordState.OPEN);
    }
    return due.size();
  }

  /** Purges the closed records whose retention ended by {@code now}; answers how many. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int purgeEndedRetentions(Instant now, int limit) {
    List<UUID> due = purges.claimEndedRetentions(now, limit);
    for (UUID recordId : due) {
      purge(PURGE_JOB, recordId, now);
    }
    return due.size();
  }

  // ---- Steps ---------------------------------------------------------------------------------

  private void purge(Actor actor, UUID recordId, Instant now) {
    purges.purge(recordId, now);
    gate.pass(
        actor,
        TraceAction.RECORD_PURGE,
        recordId,
        TraceSubject.NONE,
        Decision.permit(Layer.RECORD_STATE, "RETENTION_ENDED_OR_REQUESTED"),
        null,
        ErrorCode.FORBIDDEN);
  }

  private Instant purgeAfter(Instant now) {
    return now.atZone(ZoneOffset.UTC).plus(durations.period(PolicyDuration.RETENTION)).toInstant();
  }

  private IssuedCode issue(UUID recordId) {
    String code = codes().generate();
    String hash = codes().hash(code);
    Instant now = clock.instant();
    ProvisionalCode provisional =
        codes
            .find(recordId)
            .map(
                existing -> {
                  existing.replace(hash, now, codeValidity());
                  return existing;
                })
            .orElseGet(
                () -> {
                  ProvisionalCode created =
                      ProvisionalCode.issue(recordId, hash, now, codeValidity());
                  codes.store(created);
                  return created;
                });
    return new IssuedCode(code, provisional.expiresAt());
  }

  /** Codes open pending records only: another state's refusal is traced as a code's. */
  private void requirePending(Actor actor, Record record) {
    if (record.state() != RecordState.PENDING) {
      refuse(
          actor,
          record,
          TraceAction.CODE_REISSUE,
          Layer.RECORD_STATE,
          "STATE_" + record.state(),
          ErrorCode.LIFECYCLE_TRANSITION_INVALID,
          "Codes are for pending records");
    }
  }

  private Duration codeValidity() {
    return durations.duration(PolicyDuration.CODE_VALIDITY);
  }

  private ActivationCodes codes() {
    if (activationCodes == null) {
      throw new IllegalStateException(
          "carnet.lifecycle.code-secret is not set: provisional codes cannot be made or checked");
    }
    return activationCodes;
  }

  private record Decided(Record record, Decision decision) {}

  /** Who may: the policy decides; a refusal is traced and commits. */
  private Decided decided(
      Actor actor, UUID recordId, LifecycleAction action, TraceAction traceAction) {
    AccessFacts facts = access.facts(actor, recordId);
    Decision decision = access.policy().mayChangeAccount(actor, facts, action);
    if (!decision.permitted()) {
      gate.pass(
          actor, traceAction, recordId, TraceSubject.NONE, decision, null, ErrorCode.FORBIDDEN);
    }
    Record record =
        records.find(recordId).orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    return new Decided(record, decision);
  }

  /** Who may, then whether the record's state allows it; traced either way. */
  private Record transition(
      Actor actor,
      UUID recordId,
      LifecycleAction action,
      TraceAction traceAction,
      Consumer<Record> change) {
    Decided decided = decided(actor, recordId, action, traceAction);
    Record record = decided.record();
    try {
      change.accept(record);
    } catch (CarnetException e) {
      if (e.code() != ErrorCode.LIFECYCLE_TRANSITION_INVALID) {
        throw e;
      }
      refuse(
          actor,
          record,
          traceAction,
          Layer.RECORD_STATE,
          "STATE_" + record.state(),
          e.code(),
          e.getMessage());
    }
    gate.pass(
        actor,
        traceAction,
        recordId,
        TraceSubject.NONE,
        decided.decision(),
        null,
        ErrorCode.FORBIDDEN);
    return record;
  }

  private void refuse(
      Actor actor,
      Record record,
      TraceAction traceAction,
      Layer layer,
      String reason,
      ErrorCode code,
      String detail) {
    gate.refuse(actor, traceAction, record.id(), Decision.deny(layer, reason), null, code, detail);
  }

  /**
   * Enough of an address for an agent to check it with the caller, not enough to copy it: the first
   * and last characters.
   */
  static String masked(String address) {
    if (address == null) {
      return null;
    }
    int at = address.indexOf('@');
    if (at > 0) {
      return address.charAt(0) + "***" + address.substring(at);
    }
    String digits = address.replaceAll("\\D", "");
    return digits.length() < 4 ? "***" : "***" + digits.substring(digits.length() - 2);
  }

  private AccountView view(Record record) {
    Optional<ProvisionalCode> code = codes.find(record.id());
    Instant now = clock.instant();
    return new AccountView(
        record.id(),
        record.state(),
        record.createdAt(),
        record.openedAt(),
        record.oppositionDeadline(),
        record.opposedAt(),
        record.closedAt(),
        record.closureReason(),
        record.purgeAfter(),
        record.contact() == null ? null : masked(record.contact().email()),
        record.contact() == null ? null : masked(record.contact().phone()),
        code.map(c -> c.status(now).name()).orElse("NONE"),
        code.map(ProvisionalCode::expiresAt).orElse(null),
        code.map(ProvisionalCode::failedAttempts).orElse(0),
        deletions.of(record.id()).stream()
            .filter(request -> request.standing(now) == DeletionRequest.Standing.PENDING)
            .findFirst()
            .map(request -> DeletionRequestView.of(request, now))
            .orElse(null));
  }
}
