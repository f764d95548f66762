package fr.carnet.consent.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.access.Representation;
import fr.carnet.access.application.AccessService;
import fr.carnet.access.application.Refusals;
import fr.carnet.audit.application.TraceService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.consent.model.Representative;
import fr.carnet.consent.model.RepresentativeRepository;
import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.PatientIdentity;
import fr.carnet.identity.model.Traits;
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
 */
@Stateless
public class RepresentativeService {

  private static final ZoneId CIVIL_TIME = ZoneId.of("Europe/Paris");

  @Inject private AccessService access;
  @Inject private RepresentativeRepository representatives;
  @Inject private IdentityRepository identities;
  @Inject private TraceService traces;
  @Inject private Clock clock;

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
      boolean active) {}

  /** A record the caller represents. */
  public record Represented(
      UUID recordId, String birthName, String firstNames, Representation.Kind kind) {}

  public RepresentativeView register(
      Actor actor,
      UUID recordId,
      Ins ins,
      Traits traits,
      Representation.Kind kind,
      Representative.Relationship relationship) {
    if (kind == null || relationship == null) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "kind (MINOR, PROTECTED_ADULT) and relationship (PARENT, GUARDIAN) are required");
    }
    staff(actor, recordId, TraceAction.REPRESENTATIVE_REGISTER);
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
    boolean already =
        representatives.of(recordId).stream()
            .anyMatch(
                r ->
                    r.endedAt() == null
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
            clock.instant(),
            actor.subject());
    representatives.store(registered);
    return view(registered, represented.traits().birthDate(), representative);
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
    traces.record(actor, TraceAction.REPRESENTATIVE_LIST, recordId, null, decision);
    Refusals.refuseUnless(decision, ErrorCode.FORBIDDEN);
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
    Decision decision = access.policy().decide(actor, AccountAction.READ_OWN_RECORD);
    Refusals.refuseUnless(decision, ErrorCode.FORBIDDEN);
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
    traces.record(actor, action, recordId, null, decision);
    Refusals.refuseUnless(decision, ErrorCode.FORBIDDEN);
  }

  private boolean minor(LocalDate birthDate) {
    return clock
        .instant()
        .atZone(CIVIL_TIME)
        .toLocalDate()
        .isBefore(birthDate.plusYears(majorityAge));
  }

  private RepresentativeView view(
      Representative r, LocalDate representedBirthDate, PatientIdentity representative) {
    boolean active =
        r.endedAt() == null
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
        active);
  }
}
