package fr.carnet.record.application;

import fr.carnet.access.AccessPolicy;
import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.PatientIdentity;
import fr.carnet.identity.model.Traits;
import fr.carnet.record.model.Contact;
import fr.carnet.record.model.Record;
import fr.carnet.record.model.RecordRepository;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.logging.Logger;

/** Records as accounts: enrolment of one person, lookup by INS, a patient's own record. */
@Stateless
public class RecordService {

  private static final Logger LOG = Logger.getLogger(RecordService.class.getName());
  private static final String UNIQUE_VIOLATION = "23505";

  @Inject private RecordRepository records;
  @Inject private IdentityRepository identities;
  @Inject private Clock clock;

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  private final AccessPolicy policy = new AccessPolicy();

  /** Creates the record of one person. The INS and traits are valid by construction. */
  public RecordView create(Actor actor, Ins ins, Traits traits, Contact contact, boolean open) {
    require(actor, AccountAction.CREATE_RECORD);
    if (identities.findByInsNumber(ins.number()).isPresent()) {
      throw new CarnetException(ErrorCode.RECORD_ALREADY_EXISTS);
    }
    Record record = Record.enrol(contact, open, clock.instant());
    records.store(record);
    // The identity refers to the record by id only: write the record first.
    entityManager.flush();
    identities.store(new PatientIdentity(record.id(), ins, traits));
    try {
      entityManager.flush();
    } catch (PersistenceException e) {
      if (isUniqueViolation(e)) {
        // Two enrolments of one INS raced past the check above and met the unique index.
        throw new CarnetException(ErrorCode.RECORD_ALREADY_EXISTS);
      }
      throw e;
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
        identities
            .findByInsNumber(ins.number())
            .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    if (!identity.traits().matches(traits)) {
      throw new CarnetException(ErrorCode.INS_TRAITS_MISMATCH);
    }
    Record record = records.find(identity.recordId()).orElseThrow();
    return new RecordLookup(record.id(), record.state().isAvailable());
  }

  /** The caller's own record, found through the INS of the patient's token. */
  public RecordView mine(Actor actor) {
    require(actor, AccountAction.READ_OWN_RECORD);
    return identities
        .findByInsNumber(actor.ins())
        .flatMap(identity -> records.find(identity.recordId()))
        .map(RecordView::of)
        .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
  }

  private static boolean isUniqueViolation(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private void require(Actor actor, AccountAction action) {
    Decision decision = policy.decide(actor, action);
    if (!decision.permitted()) {
      throw new CarnetException(ErrorCode.FORBIDDEN, "Refused: " + decision.reason());
    }
  }
}
