package fr.carnet.agenda.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.AppointmentFacts;
import fr.carnet.access.Decision;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.access.application.NamedPatients;
import fr.carnet.agenda.model.Appointment;
import fr.carnet.agenda.model.Appointments;
import fr.carnet.audit.model.HistoryRule;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.PatientIdentity;
import fr.carnet.identity.model.Traits;
import fr.carnet.notification.application.Notifications;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The appointments of the health agenda (issue 21): each method one transaction in which the gate
 * asks the policy and writes the trace; a refusal commits its trace. No access rule is written
 * here.
 */
@Stateless
public class AgendaService {

  /** The most appointments one page of the agenda lists. */
  public static final int MAX_PAGE = 100;

  /** The source of the appointments the patient side adds. */
  static final String PATIENT_SOURCE = "PATIENT";

  /** The owner of the appointments connected apps push (their source is the app's client id). */
  static final String APP_OWNER = "app";

  @Inject private Appointments appointments;
  @Inject private NamedPatients named;
  @Inject private IdentityRepository identities;
  @Inject private AccessGate gate;
  @Inject private AccessService access;
  @Inject private Notifications notifications;
  @Inject private Clock clock;

  /** How far back an appointment may start (policy: configurable; a typo of a year is refused). */
  @Inject
  @ConfigProperty(name = "carnet.agenda.earliest-start", defaultValue = "P365D")
  private Duration earliestStart;

  /** How far ahead an appointment may start (policy: configurable). */
  @Inject
  @ConfigProperty(name = "carnet.agenda.latest-start", defaultValue = "P730D")
  private Duration latestStart;

  /**
   * The most appointments to come one pusher (an organisation, a professional without one, an app)
   * may have in one record (policy: configurable), cancelled ones included, since they stay listed:
   * a platform's bug or a hostile one never floods a person's agenda.
   */
  @Inject
  @ConfigProperty(name = "carnet.agenda.max-upcoming-per-pusher", defaultValue = "50")
  private int maxUpcomingPerPusher;

  /** A push's outcome: the appointment as it now stands, and whether it is new. */
  public record Pushed(Appointment appointment, boolean created) {}

  /**
   * A platform's or care software's push, for the patient named by INS and traits: the same source
   * and external id update the one appointment (moved, cancelled), for the organisation that pushed
   * it only. The patient is told of a new one, without content.
   */
  public Pushed push(Actor actor, Ins ins, Traits traits, AppointmentInput input) {
    input.startsWithin(clock.instant().minus(earliestStart), clock.instant().plus(latestStart));
    Decision role = access.policy().mayPushAppointments(actor, ins == null ? null : ins.number());
    if (!role.permitted()) {
      // Refused before the look-up: a patient, staff or an app naming somebody else learns
      // nothing of whose INS matches.
      gate.pass(actor, TraceAction.APPOINTMENT_PUSH, null, role, null);
    }
    // A connected app (issue 21) pushes for the person whose token it holds, named or not.
    UUID recordId =
        actor.is(Role.APP) && ins == null
            ? identities
                .findByInsNumber(actor.ins())
                .map(PatientIdentity::recordId)
                .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND))
            : named.recordOf(actor, ins, traits, TraceAction.APPOINTMENT_PUSH);
    String owner = owner(actor);
    // Looked up in the owner's namespace: another organisation's same ids are not this one's.
    Optional<Appointment> existing =
        appointments.bySourceId(owner, input.source(), input.externalId());
    Instant now = clock.instant();
    // A new one, or one moved from the past to come, counts against the pusher's cap in the
    // record; the count is taken under a lock of (record, pusher) held to the commit, so that
    // concurrent pushes never pass it.
    boolean comingBack =
        existing.isPresent()
            && existing.get().startsAt().isBefore(now)
            && !input.startsAt().isBefore(now);
    AppointmentFacts known =
        existing
            .map(a -> AppointmentFacts.existing(!a.patientOwn(), a.recordId().equals(recordId)))
            .map(a -> comingBack ? a.movedBackToCome() : a)
            .orElse(AppointmentFacts.NEW);
    AppointmentFacts facts =
        known.exists() && !known.comingBack()
            ? known
            : known.withPusherLoad(
                appointments.upcomingOfPusher(
                    recordId, owner, pusherSource(owner, input.source()), now),
                maxUpcomingPerPusher);
    Appointment candidate =
        appointment(
            existing.map(Appointment::id).orElseGet(UUID::randomUUID),
            recordId,
            owner,
            false,
            input,
            now);
    AccessFacts record =
        gate.enter(
            actor,
            recordId,
            TraceAction.APPOINTMENT_PUSH,
            "appointment:" + candidate.id() + " " + input.status(),
            ErrorCode.FORBIDDEN,
            (policy, on) -> policy.mayPushAppointment(actor, on, facts));
    if (existing.isPresent()) {
      Appointment changed = existing.get().changedTo(candidate, now);
      appointments.update(changed);
      return new Pushed(changed, false);
    }
    if (!appointments.addIfAbsent(candidate)) {
      // Another push of the same ids committed between the look-up and the insert: the platform
      // retries, and its retry is then an update (or a refusal, if the ids were another's).
      throw new CarnetException(ErrorCode.DATABASE_UNAVAILABLE, "A push of the same ids raced");
    }
    // A minor's contact may be a parent's: the minor reads their agenda, nobody is told.
    if (access.policy().mayAnnounceAppointment(record).permitted()) {
      notifications.appointmentArrived(recordId);
    }
    return new Pushed(candidate, true);
  }

  /**
   * The record's agenda for the patient side: the appointments to come (soonest first), then the
   * past ones (newest first), at most {@code limit}; traced once.
   */
  public List<Appointment> list(Actor actor, UUID recordId, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "limit: 1 to " + MAX_PAGE);
    }
    AccessFacts facts =
        gate.enter(
            actor,
            recordId,
            TraceAction.AGENDA_READ,
            "appointments",
            ErrorCode.FORBIDDEN,
            (policy, record) -> policy.mayReadAgenda(actor, record));
    // A representative sees only what the patient side added (no minor's secret pushed there).
    return access.policy().mayReadPushedAppointments(facts).permitted()
        ? appointments.ofRecord(recordId, clock.instant(), limit)
        : appointments.ownOfRecord(recordId, clock.instant(), limit);
  }

  /** The patient side adds an appointment of their own (never told: they know). */
  public Appointment add(Actor actor, UUID recordId, AppointmentInput input) {
    input.startsWithin(clock.instant().minus(earliestStart), clock.instant().plus(latestStart));
    UUID id = UUID.randomUUID();
    gate.enter(
        actor,
        recordId,
        TraceAction.APPOINTMENT_WRITE,
        "appointment:" + id + " added",
        ErrorCode.FORBIDDEN,
        (policy, record) -> policy.mayWriteAgenda(actor, record, AppointmentFacts.NEW));
    Appointment own =
        appointment(id, recordId, "patient:" + recordId, true, input, clock.instant());
    appointments.addIfAbsent(own);
    return own;
  }

  /** The patient side changes an appointment of their own; a platform's is not theirs to change. */
  public Appointment change(Actor actor, UUID recordId, UUID id, AppointmentInput input) {
    input.startsWithin(clock.instant().minus(earliestStart), clock.instant().plus(latestStart));
    Optional<Appointment> found = own(actor, recordId, id, "changed");
    Appointment changed =
        found
            .orElseThrow()
            .changedTo(
                appointment(id, recordId, null, true, input, clock.instant()), clock.instant());
    appointments.update(changed);
    return changed;
  }

  /** The patient side deletes an appointment of their own. */
  public void delete(Actor actor, UUID recordId, UUID id) {
    own(actor, recordId, id, "deleted");
    appointments.deleteOwn(recordId, id);
  }

  private Optional<Appointment> own(Actor actor, UUID recordId, UUID id, String what) {
    Optional<Appointment> found = appointments.find(recordId, id);
    // A missing appointment and a platform's answer alike: no such appointment of theirs.
    AppointmentFacts facts =
        found
            .map(a -> AppointmentFacts.existing(a.patientOwn(), true))
            .orElse(AppointmentFacts.existing(false, false));
    // A trace about an appointment not their own (a platform's, or none) is marked so: the
    // history never shows it to a representative, whatever the refusal (HistoryRule).
    gate.enter(
        actor,
        recordId,
        TraceAction.APPOINTMENT_WRITE,
        HistoryRule.appointmentDetail(
            "appointment:" + id + " " + what, found.map(Appointment::patientOwn).orElse(false)),
        ErrorCode.APPOINTMENT_NOT_FOUND,
        (policy, record) -> policy.mayWriteAgenda(actor, record, facts));
    return found;
  }

  /**
   * Who may change a pushed appointment: the organisation, or the professional without one; for an
   * app, every app's owner is {@link #APP_OWNER} and its client id is the source (the resource sets
   * it), so the pair names the app: another app never finds it (its source is its own), a
   * professional pushing under the app's client id finds an owner that is not theirs, and the owner
   * column (64 characters) needs no room for a client id of up to 128.
   */
  private static String owner(Actor actor) {
    if (actor.is(Role.APP)) {
      return APP_OWNER;
    }
    return actor.finess() != null ? "finess:" + actor.finess() : "rpps:" + actor.rpps();
  }

  /**
   * The source that, with the owner, names one pusher: every app shares the owner {@link
   * #APP_OWNER} and is told apart by its client id (the source); an organisation is one pusher
   * whatever the sources it pushes under.
   */
  private static String pusherSource(String owner, String source) {
    return APP_OWNER.equals(owner) ? source : null;
  }

  private static Appointment appointment(
      UUID id, UUID recordId, String owner, boolean own, AppointmentInput in, Instant now) {
    return new Appointment(
        id,
        recordId,
        own ? PATIENT_SOURCE : in.source(),
        own ? id.toString() : in.externalId(),
        owner,
        own,
        in.professionalRpps(),
        in.professionalName(),
        own ? in.whoText() : null,
        in.finess(),
        in.locationLabel(),
        in.startsAt(),
        in.endsAt(),
        in.status(),
        now,
        now);
  }
}
