package fr.carnet.consent.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.access.Layer;
import fr.carnet.access.Representation;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.consent.model.Representative;
import fr.carnet.consent.model.RepresentativeRepository;
import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.PatientIdentity;
import fr.carnet.identity.model.Traits;
import fr.carnet.notification.application.Notifications;
import fr.carnet.reference.model.PolicyDuration;
import fr.carnet.reference.model.PolicyDurations;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Legal representatives: registered and ended by an agent or an administrator (at a desk or on the
 * phone, after checking the papers), listed to the patient's side. A minor's representation ends by
 * itself at majority: the policy derives it from the birth date at each access.
 *
 * <p>Four eyes: a registration is a request that gives no right until a second staff member (not
 * the one who asked) approves it before it expires ({@code carnet.representation.approval-timeout},
 * a policy duration); the person and their current representatives are told of the request and of
 * the approval. Every step, refusals included, is traced under the represented person's record.
 */
@Stateless
public class RepresentativeService {

  private static final ZoneId CIVIL_TIME = ZoneId.of("Europe/Paris");

  @Inject private AccessService access;
  @Inject private RepresentativeRepository representatives;
  @Inject private IdentityRepository identities;
  @Inject private AccessGate gate;
  @Inject private Clock clock;
  @Inject private PolicyDurations durations;
  @Inject private Notifications notifications;

  /** The most pending requests the staff's queue shows at once. */
  private static final int QUEUE_LIMIT = 200;

  @Inject
  @ConfigProperty(name = "carnet.access.majority-age", defaultValue = "18")
  private int majorityAge;

  /** A representative as listed: who (names only, never the INS), for what, since when. */
  public record RepresentativeView(
      UUID id,
      UUID representativeRecordId,
      String birthName,
      String firstNames,
      Representation.Kind kind,
      Representative.Relationship relationship,
      Instant registeredAt,
      Instant endedAt,
      boolean active,
      Representative.Standing status,
      String registeredBy,
      Instant expiresAt,
      Instant decidedAt,
      String decidedBy,
      Representative.CourtDecision courtDecision) {}

  /** A representation waiting for a second staff member, as the staff's queue shows it. */
  public record PendingView(
      UUID recordId,
      String representedBirthName,
      String representedFirstNames,
      RepresentativeView representative) {}

  /** A record the caller represents. */
  public record Represented(
      UUID recordId, String birthName, String firstNames, Representation.Kind kind) {}

  public RepresentativeView register(
      Actor actor,
      UUID recordId,
      Ins ins,
      Traits traits,
      Representation.Kind kind,
      Representative.Relationship relationship,
      Representative.CourtDecision courtDecision) {
    if (kind == null || relationship == null) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "kind (MINOR, PROTECTED_ADULT) and relationship (PARENT, GUARDIAN) are required");
    }
    Representative.CourtDecision decision = courtDecision(kind, courtDecision);
    Decision allowed = access.policy().decide(actor, AccountAction.MANAGE_REPRESENTATIVES);
    if (!allowed.permitted()) {
      gate.pass(
          actor,
          TraceAction.REPRESENTATIVE_REGISTER,
          recordId,
          TraceSubject.NONE,
          allowed,
          null,
          ErrorCode.FORBIDDEN);
    }
    PatientIdentity represented =
        identities
            .findByRecordId(recordId)
            .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    PatientIdentity representative =
        identities
            .findByInsNumber(ins.number())
            .orElseThrow(
                () ->
                    new CarnetException(
                        ErrorCode.RECORD_NOT_FOUND, "The representative has no record"));
    if (!representative.traits().matches(traits)) {
      throw new CarnetException(ErrorCode.INS_TRAITS_MISMATCH);
    }
    if (representative.recordId().equals(recordId)) {
      throw new CarnetException(
          ErrorCode.REPRESENTATION_NOT_APPLICABLE, "A person does not represent themself");
    }
    if (kind == Representation.Kind.MINOR && !minor(represented.traits().birthDate())) {
      throw new CarnetException(
          ErrorCode.REPRESENTATION_NOT_APPLICABLE, "The person is not a minor");
    }
    Instant now = clock.instant();
    List<Representative> current = representatives.of(recordId);
    // A pending request counts: a second one for the same person would only add to the queue.
    boolean already =
        current.stream()
            .anyMatch(
                r ->
                    r.standsOrWaits(now)
                        && r.representativeRecordId().equals(representative.recordId()));
    if (already) {
      throw new CarnetException(ErrorCode.REPRESENTATIVE_ALREADY_REGISTERED);
    }
    Representative registered =
        new Representative(
            recordId,
            representative.recordId(),
            kind,
            relationship,
            decision,
            now,
            durations.duration(PolicyDuration.APPROVAL_TIMEOUT),
            actor.subject());
    representatives.store(registered);
    gate.pass(
        actor,
        TraceAction.REPRESENTATIVE_REGISTER,
        recordId,
        TraceSubject.NONE,
        allowed,
        "representation " + registered.id() + " pending until " + registered.expiresAt(),
        ErrorCode.FORBIDDEN);
    tell(recordId, current, "REQUESTED", now);
    return view(registered, represented.traits().birthDate(), representative);
  }

  /**
   * The second staff member approves: the right is live from now. The one who asked is refused, as
   * is a request already decided or expired; each refusal is traced and commits.
   */
  public RepresentativeView approve(Actor actor, UUID recordId, UUID representativeId) {
    Representative representation = decidable(actor, recordId, representativeId, true);
    Instant now = clock.instant();
    representation.approve(now, actor.subject());
    gate.pass(
        actor,
        TraceAction.REPRESENTATIVE_APPROVE,
        recordId,
        TraceSubject.NONE,
        Decision.permit(Layer.ROLE, "SECOND_STAFF_MEMBER"),
        "representation " + representativeId + " requested by " + representation.registeredBy(),
        ErrorCode.FORBIDDEN);
    tell(
        recordId,
        representatives.of(recordId).stream()
            .filter(r -> !r.id().equals(representation.id()))
            .toList(),
        "APPROVED",
        now);
    return view(representation);
  }

  /** The second staff member rejects: the request ends and never gave any right. */
  public RepresentativeView reject(Actor actor, UUID recordId, UUID representativeId) {
    Representative representation = decidable(actor, recordId, representativeId, false);
    representation.reject(clock.instant(), actor.subject());
    gate.pass(
        actor,
        TraceAction.REPRESENTATIVE_REJECT,
        recordId,
        TraceSubject.NONE,
        Decision.permit(Layer.ROLE, "SECOND_STAFF_MEMBER"),
        "representation " + representativeId + " requested by " + representation.registeredBy(),
        ErrorCode.FORBIDDEN);
    return view(representation);
  }

  /** The requests waiting for a second staff member, oldest first, for agents and admins. */
  public List<PendingView> pending(Actor actor) {
    Decision decision = access.policy().decide(actor, AccountAction.APPROVE_STAFF_REQUEST);
    gate.pass(
        actor,
        TraceAction.STAFF_REQUESTS_LIST,
        null,
        TraceSubject.NONE,
        decision,
        "representatives",
        ErrorCode.FORBIDDEN);
    return representatives.pending(clock.instant(), QUEUE_LIMIT).stream()
        .map(
            r -> {
              Traits person = identities.findByRecordId(r.recordId()).orElseThrow().traits();
              return new PendingView(
                  r.recordId(), person.birthName(), person.firstNames(), view(r));
            })
        .toList();
  }

  /**
   * Who may decide (another staff member), and whether the request still waits. A refusal is traced
   * under the record and commits.
   */
  private Representative decidable(
      Actor actor, UUID recordId, UUID representativeId, boolean approval) {
    TraceAction action =
        approval ? TraceAction.REPRESENTATIVE_APPROVE : TraceAction.REPRESENTATIVE_REJECT;
    Decision role = access.policy().decide(actor, AccountAction.APPROVE_STAFF_REQUEST);
    if (!role.permitted()) {
      gate.pass(actor, action, recordId, TraceSubject.NONE, role, null, ErrorCode.FORBIDDEN);
    }
    Representative representation =
        representatives
            .lock(recordId, representativeId)
            .orElseThrow(() -> new CarnetException(ErrorCode.REPRESENTATIVE_NOT_FOUND));
    Representative.Standing standing = representation.standing(clock.instant());
    gate.secondStaffMember(
        actor,
        action,
        recordId,
        representation.registeredBy(),
        standing == Representative.Standing.PENDING
            ? AccessGate.RequestStanding.PENDING
            : standing == Representative.Standing.EXPIRED
                ? AccessGate.RequestStanding.EXPIRED
                : AccessGate.RequestStanding.DECIDED,
        "representation " + representativeId,
        "register again");
    return representation;
  }

  /**
   * Tells the person, and those who currently represent them, of a request or an approval: a
   * request nobody expected is how a fraud comes to light.
   */
  private void tell(UUID recordId, List<Representative> others, String event, Instant now) {
    notifications.representation(recordId, event, false);
    others.stream()
        .filter(r -> r.grantsRights(now))
        .map(Representative::representativeRecordId)
        .distinct()
        .forEach(person -> notifications.representation(person, event, true));
  }

  private static Representative.CourtDecision courtDecision(
      Representation.Kind kind, Representative.CourtDecision given) {
    if (kind != Representation.Kind.PROTECTED_ADULT) {
      return null; // a minor's parents need no court; a tutor's papers are checked at the desk
    }
    if (given == null
        || blank(given.court())
        || given.date() == null
        || blank(given.number())
        || given.court().strip().length() > 200
        || given.number().strip().length() > 64) {
      throw new CarnetException(
          ErrorCode.COURT_DECISION_REQUIRED,
          "courtDecision (court up to 200 characters, date, number up to 64) is required for the"
              + " guardian of a protected adult");
    }
    return new Representative.CourtDecision(
        given.court().strip(), given.date(), given.number().strip());
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  public void end(Actor actor, UUID recordId, UUID representativeId) {
    staff(actor, recordId, TraceAction.REPRESENTATIVE_END);
    representatives
        .find(recordId, representativeId)
        .orElseThrow(() -> new CarnetException(ErrorCode.REPRESENTATIVE_NOT_FOUND))
        .end(clock.instant(), actor.subject());
  }

  /** The record's representatives, for staff or for the patient's side. */
  public List<RepresentativeView> list(Actor actor, UUID recordId) {
    Decision decision =
        actor.is(Role.PATIENT)
            ? access.policy().mayManageControls(actor, access.facts(actor, recordId))
            : access.policy().decide(actor, AccountAction.MANAGE_REPRESENTATIVES);
    gate.pass(
        actor,
        TraceAction.REPRESENTATIVE_LIST,
        recordId,
        TraceSubject.NONE,
        decision,
        null,
        ErrorCode.FORBIDDEN);
    LocalDate birthDate =
        identities
            .findByRecordId(recordId)
            .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND))
            .traits()
            .birthDate();
    return representatives.of(recordId).stream()
        .map(
            r ->
                view(
                    r,
                    birthDate,
                    identities.findByRecordId(r.representativeRecordId()).orElseThrow()))
        .toList();
  }

  /** The records the calling patient currently represents, so that they can act for them. */
  public List<Represented> represented(Actor actor) {
    gate.admit(
        actor, AccountAction.READ_OWN_RECORD, TraceAction.REPRESENTATIVE_LIST, "represented");
    PatientIdentity self =
        identities
            .findByInsNumber(actor.ins())
            .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    List<Represented> represented = new java.util.ArrayList<>();
    for (Representative representation : representatives.heldBy(self.recordId())) {
      PatientIdentity person = identities.findByRecordId(representation.recordId()).orElseThrow();
      if (representation.kind() != Representation.Kind.MINOR
          || minor(person.traits().birthDate())) {
        represented.add(
            new Represented(
                person.recordId(),
                person.traits().birthName(),
                person.traits().firstNames(),
                representation.kind()));
      }
    }
    return represented;
  }

  private void staff(Actor actor, UUID recordId, TraceAction action) {
    Decision decision = access.policy().decide(actor, AccountAction.MANAGE_REPRESENTATIVES);
    gate.pass(actor, action, recordId, TraceSubject.NONE, decision, null, ErrorCode.FORBIDDEN);
  }

  private boolean minor(LocalDate birthDate) {
    return clock
        .instant()
        .atZone(CIVIL_TIME)
        .toLocalDate()
        .isBefore(birthDate.plusYears(majorityAge));
  }

  private RepresentativeView view(Representative r) {
    return view(
        r,
        identities.findByRecordId(r.recordId()).orElseThrow().traits().birthDate(),
        identities.findByRecordId(r.representativeRecordId()).orElseThrow());
  }

  private RepresentativeView view(
      Representative r, LocalDate representedBirthDate, PatientIdentity representative) {
    Representative.Standing standing = r.standing(clock.instant());
    boolean active =
        standing == Representative.Standing.ACTIVE
            && (r.kind() != Representation.Kind.MINOR || minor(representedBirthDate));
    return new RepresentativeView(
        r.id(),
        r.representativeRecordId(),
        representative.traits().birthName(),
        representative.traits().firstNames(),
        r.kind(),
        r.relationship(),
        r.registeredAt(),
        r.endedAt(),
        active,
        standing,
        r.registeredBy(),
        r.expiresAt(),
        r.decidedAt(),
        r.decidedBy(),
        r.courtDecision());
  }
}
