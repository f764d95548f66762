package fr.carnet.record.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.access.IdentityDisclosure;
import fr.carnet.access.Layer;
import fr.carnet.access.Refusal;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.PatientIdentity;
import fr.carnet.identity.model.Traits;
import fr.carnet.notification.application.Notifications;
import fr.carnet.record.model.Contact;
import fr.carnet.record.model.Record;
import fr.carnet.record.model.RecordRepository;
import fr.carnet.record.model.RecordState;
import fr.carnet.reference.model.PolicyDuration;
import fr.carnet.reference.model.PolicyDurations;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.shared.PersistenceErrors;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/** Records as accounts: enrolment of one person, lookup by INS, a patient's own record. */
@Stateless
public class RecordService {

  /** The most persons a search by name shows: beyond, the agent asks for more traits. */
  public static final int SEARCH_LIMIT = 20;

  private static final Logger LOG = Logger.getLogger(RecordService.class.getName());
  private static final Map<AccountAction, TraceAction> TRACE_ACTIONS =
      Map.of(
          AccountAction.CREATE_RECORD, TraceAction.RECORD_CREATE,
          AccountAction.LOOKUP_RECORD, TraceAction.RECORD_LOOKUP,
          AccountAction.READ_OWN_RECORD, TraceAction.RECORD_READ_OWN);

  @Inject private RecordRepository records;
  @Inject private IdentityRepository identities;
  @Inject private Clock clock;

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Inject private AccessService access;
  @Inject private AccessGate gate;
  @Inject private Notifications notifications;

  @Inject private PolicyDurations durations;

  /** Creates the record of one person. The INS and traits are valid by construction. */
  public RecordView create(Actor actor, Ins ins, Traits traits, Contact contact, boolean open) {
    Decision permitted = require(actor, AccountAction.CREATE_RECORD);
    if (identities.findByInsNumber(ins.number()).isPresent()) {
      throw new CarnetException(ErrorCode.RECORD_ALREADY_EXISTS);
    }
    Record record =
        Record.enrol(
            contact, open, clock.instant(), durations.duration(PolicyDuration.OPPOSITION_WINDOW));
    records.store(record);
    // The identity refers to the record by id only: write the record first.
    entityManager.flush();
    identities.store(new PatientIdentity(record.id(), ins, traits));
    try {
      entityManager.flush();
    } catch (PersistenceException e) {
      if (PersistenceErrors.isUniqueViolation(e)) {
        // Two enrolments of one INS raced past the check above and met the unique index.
        throw new CarnetException(ErrorCode.RECORD_ALREADY_EXISTS);
      }
      throw e;
    }
    gate.pass(actor, TraceAction.RECORD_CREATE, record.id(), permitted, null);
    if (record.state() == RecordState.PENDING) {
      notifications.enrolled(record.id(), record.oppositionDeadline());
    } else {
      notifications.accountStateChanged(record.id(), record.state());
    }
    LOG.info(
        () -> "Record " + record.id() + " created in state " + record.state() + " by " + actor);
    return RecordView.of(record);
  }

  /**
   * Finds the record of an INS, provided the traits match. A mismatch is refused, never resolved by
   * a guess: a document must not land in the wrong record.
   */
  public RecordLookup lookup(Actor actor, Ins ins, Traits traits) {
    require(actor, AccountAction.LOOKUP_RECORD);
    PatientIdentity identity =
        identities.findByInsNumber(ins.number()).orElseGet(() -> unknown(actor, "lookup"));
    // The policy first: to a professional the patient blocked, the record is absent, whatever
    // the traits say.
    IdentityDisclosure disclosure = disclose(actor, identity.recordId(), true, "lookup");
    if (!identity.traits().matches(traits)) {
      gate.pass(
          actor,
          TraceAction.RECORD_LOOKUP,
          identity.recordId(),
          TraceSubject.NONE,
          Decision.deny(Layer.IDENTITY, Refusal.INS_TRAITS_MISMATCH),
          null,
          ErrorCode.INS_TRAITS_MISMATCH);
    }
    Record record = records.find(identity.recordId()).orElseThrow();
    gate.pass(actor, TraceAction.RECORD_LOOKUP, record.id(), disclosure.decision(), null);
    return new RecordLookup(record.id(), record.state().isAvailable());
  }

  /**
   * Persons born on {@code birthDate} whose birth name starts with {@code birthName}, for an agent
   * whose caller has no INS at hand; at most {@link #SEARCH_LIMIT}, and {@code more} says when the
   * agent must narrow. One trace tells how many were shown; opening one is traced on the record.
   */
  public PersonSearch search(Actor actor, String birthName, LocalDate birthDate) {
    Decision decision =
        gate.check(actor, AccountAction.FIND_PERSON, TraceAction.RECORD_SEARCH, null);
    if (birthName == null || birthName.strip().length() < 2 || birthDate == null) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "a birth name (two letters at least) and a birth date");
    }
    List<PatientIdentity> found =
        identities.findByBirthNameAndDate(birthName, birthDate, SEARCH_LIMIT + 1);
    List<PersonMatch> matches =
        found.stream()
            .limit(SEARCH_LIMIT)
            .map(
                identity ->
                    new PersonMatch(
                        identity.recordId(),
                        identity.traits().birthName(),
                        identity.traits().firstNames(),
                        identity.traits().birthDate(),
                        identity.traits().sex().name(),
                        identity.traits().birthPlace(),
                        records.find(identity.recordId()).orElseThrow().state()))
            .toList();
    gate.pass(actor, TraceAction.RECORD_SEARCH, null, decision, matches.size() + " shown");
    return new PersonSearch(matches, found.size() > SEARCH_LIMIT);
  }

  /**
   * The identity of a record, for whoever may look records up and already holds the record's id, as
   * the policy discloses it: the INS only to a professional with a current agreement, the traits to
   * agents and other professionals, nothing to a professional the patient blocked (the record is
   * then absent). Traced as a lookup, refusals included.
   */
  public IdentityView identity(Actor actor, UUID recordId) {
    require(actor, AccountAction.LOOKUP_RECORD);
    PatientIdentity identity =
        identities
            .findByRecordId(recordId)
            .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    IdentityDisclosure disclosure = disclose(actor, recordId, false, "identity");
    gate.pass(actor, TraceAction.RECORD_LOOKUP, recordId, disclosure.decision(), "identity");
    return new IdentityView(recordId, disclosure.ins() ? identity.ins() : null, identity.traits());
  }

  /**
   * The record of an INS alone, for a search of documents by INS (IHE MHD): finding no more than
   * the record's id, which every document access then decides on. Traced as a lookup; absent for a
   * professional the patient blocked.
   */
  public UUID recordOf(Actor actor, Ins ins) {
    require(actor, AccountAction.LOOKUP_RECORD);
    PatientIdentity identity =
        identities.findByInsNumber(ins.number()).orElseGet(() -> unknown(actor, "ins"));
    IdentityDisclosure disclosure = disclose(actor, identity.recordId(), true, "ins");
    gate.pass(actor, TraceAction.RECORD_LOOKUP, identity.recordId(), disclosure.decision(), "ins");
    return identity.recordId();
  }

  /**
   * An INS without a record: traced and refused as a record the caller may not see is, so that
   * neither the answer nor the work done tells the two apart.
   */
  private PatientIdentity unknown(Actor actor, String detail) {
    gate.pass(
        actor,
        TraceAction.RECORD_LOOKUP,
        null,
        TraceSubject.NONE,
        Decision.deny(Layer.IDENTITY, Refusal.RECORD_NOT_FOUND),
        detail,
        ErrorCode.RECORD_NOT_FOUND);
    throw new IllegalStateException("unreachable: the gate refused");
  }

  /** Asks the policy what of the identity the actor may see; a refusal is traced and absent. */
  private IdentityDisclosure disclose(
      Actor actor, UUID recordId, boolean insTypedByCaller, String detail) {
    IdentityDisclosure disclosure =
        access.policy().identityDisclosure(actor, access.facts(actor, recordId), insTypedByCaller);
    if (!disclosure.permitted()) {
      gate.pass(
          actor,
          TraceAction.RECORD_LOOKUP,
          recordId,
          TraceSubject.NONE,
          disclosure.decision(),
          detail,
          ErrorCode.RECORD_NOT_FOUND);
    }
    return disclosure;
  }

  /** The persons a search found, and whether there were more than it shows. */
  public record PersonSearch(List<PersonMatch> matches, boolean more) {}

  /** The caller's own record, found through the INS of the patient's token. */
  public RecordView mine(Actor actor) {
    if (actor.is(Role.APP)) {
      return appsPatientRecord(actor);
    }
    Decision permitted = require(actor, AccountAction.READ_OWN_RECORD);
    Record record =
        identities
            .findByInsNumber(actor.ins())
            .flatMap(identity -> records.find(identity.recordId()))
            .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    gate.pass(actor, TraceAction.RECORD_READ_OWN, record.id(), permitted, null);
    return RecordView.of(record);
  }

  /**
   * The record of the patient an app acts for (issue 21), so that it can call the record's
   * resources: decided on the record's facts and the patient's grant ({@code
   * AccessPolicy.mayKnowPatientRecord}), traced with the app as actor, refusals included. A token
   * without an INS, or an INS without a record, names no record: 404, as for the patient.
   */
  private RecordView appsPatientRecord(Actor actor) {
    Record record =
        (actor.ins() == null
                ? java.util.Optional.<PatientIdentity>empty()
                : identities.findByInsNumber(actor.ins()))
            .flatMap(identity -> records.find(identity.recordId()))
            .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    gate.enter(
        actor,
        record.id(),
        TraceAction.RECORD_READ_OWN,
        null,
        ErrorCode.FORBIDDEN,
        (policy, facts) -> policy.mayKnowPatientRecord(actor, facts));
    return RecordView.of(record);
  }

  /**
   * Asks the gate; a refusal is traced and commits. The access itself is traced with its record.
   */
  private Decision require(Actor actor, AccountAction action) {
    return gate.check(actor, action, TRACE_ACTIONS.get(action), null);
  }
}
