package fr.carnet.access.application;

import fr.carnet.access.Decision;
import fr.carnet.access.Layer;
import fr.carnet.access.Refusal;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.PatientIdentity;
import fr.carnet.identity.model.Traits;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The record a caller names by INS and traits, as a document push names it (and a professional's
 * first message): an unknown INS or traits that do not match are refused and traced, never guessed,
 * so that nothing lands in the wrong record. The agenda's pushes and the messaging's first messages
 * use it (issue 21).
 */
@ApplicationScoped
public class NamedPatients {

  @Inject private IdentityRepository identities;
  @Inject private AccessGate gate;
  @Inject private AccessService access;

  /** The record of the INS whose traits match, or a traced refusal under {@code traced}. */
  public UUID recordOf(Actor actor, Ins ins, Traits traits, TraceAction traced) {
    if (ins == null || traits == null) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "patient.ins and patient.traits are required");
    }
    PatientIdentity identity = identities.findByInsNumber(ins.number()).orElse(null);
    if (identity == null) {
      gate.pass(
          actor,
          traced,
          null,
          TraceSubject.NONE,
          Decision.deny(Layer.IDENTITY, Refusal.RECORD_NOT_FOUND),
          null,
          ErrorCode.RECORD_NOT_FOUND);
    }
    // The block first, with the same 404 as an unknown INS: to a professional the patient blocked,
    // the record is absent whatever the traits (as RecordService.lookup decides it).
    Decision named = access.policy().mayNameRecord(access.facts(actor, identity.recordId()));
    if (!named.permitted()) {
      gate.pass(
          actor,
          traced,
          identity.recordId(),
          TraceSubject.NONE,
          named,
          null,
          ErrorCode.RECORD_NOT_FOUND);
    }
    if (!identity.traits().matches(traits)) {
      gate.pass(
          actor,
          traced,
          identity.recordId(),
          TraceSubject.NONE,
          Decision.deny(Layer.IDENTITY, Refusal.INS_TRAITS_MISMATCH),
          null,
          ErrorCode.INS_TRAITS_MISMATCH);
    }
    return identity.recordId();
  }
}
