package fr.carnet.audit.model;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which traces of a record a reader of its history is shown, and how much of each. Pure, so that it
 * is tested over every action and reader; the history applies it to every trace it returns.
 *
 * <p>A secret stays whole: a trace about a document withheld from the patient is shown to nobody of
 * the patient's side until the document is released (then all of its traces appear); a trace about
 * a minor's secret document or profile entry is never shown to a representative. Whatever the
 * action: its filing, its versions, reads, refusals, withdrawal, masking. Auditors are shown every
 * trace. The patient's side reads a trace's detail only for an emergency access (its stated
 * reason): other details name documents or an auditor's filters.
 *
 * <p>The agenda's appointments that professionals and apps push are never shown to a representative
 * (one may be the appointment a minor keeps from their parents, art. L1111-5 CSP), so neither is
 * any trace about one: every push (refused ones included, and the look-up of the patient it made),
 * every agenda action of a professional or an app, and the patient side's change or deletion of an
 * appointment that is not its own ({@link #aboutAPushedAppointment}). The patient and auditors are
 * shown them.
 */
public final class HistoryRule {

  /**
   * The actions whose detail the server writes itself (a class code, a profile category) and may
   * follow with the flags asked for by a push that filed nothing. Other details can carry what a
   * caller typed (an emergency reason) and are never read for flags.
   */
  private static final Set<TraceAction> MARKED =
      EnumSet.of(
          TraceAction.DOCUMENT_PUBLISH, TraceAction.DOCUMENT_VERSION, TraceAction.PROFILE_WRITE);

  /** The agenda's actions on the record (issue 21). */
  private static final Set<TraceAction> AGENDA =
      EnumSet.of(
          TraceAction.APPOINTMENT_PUSH,
          TraceAction.AGENDA_READ,
          TraceAction.APPOINTMENT_WRITE,
          TraceAction.REMINDER_SWITCH);

  /**
   * What the agenda writes after the detail of the patient side's change or deletion of an
   * appointment that is not its own (a platform's, or none): that trace is about a pushed one.
   */
  public static final String NOT_PATIENT_OWN_MARK = "notPatientOwn";

  /** The reason of the patient side's refused change of an appointment that is not its own. */
  private static final String NOT_OWN_APPOINTMENT = "NOT_OWN_APPOINTMENT";

  private HistoryRule() {}

  /** The detail of a patient side's change of an appointment, marked when it is not their own. */
  public static String appointmentDetail(String detail, boolean patientOwn) {
    return patientOwn ? detail : detail + ";" + NOT_PATIENT_OWN_MARK;
  }

  /**
   * The trace as this reader is shown it, or empty if they are not shown it at all.
   *
   * @param subject what the trace concerns, with its flags as they stand now
   */
  public static Optional<Trace> asSeenBy(HistoryViewer viewer, Trace trace, TraceSubject subject) {
    if (!shows(viewer, subject)) {
      return Optional.empty();
    }
    if (viewer == HistoryViewer.REPRESENTATIVE && aboutAPushedAppointment(trace)) {
      return Optional.empty();
    }
    if (viewer == HistoryViewer.AUDITOR) {
      return Optional.of(trace);
    }
    // The pharmacy a message went to (issue 21) is the one other detail shown: a FINESS the server
    // wrote, which the patient side chose, so that the history says to whom they wrote.
    String pharmacy = ActionWording.pharmacy(trace);
    String detail =
        TraceAction.GRANT_CREATE.name().equals(trace.action())
            ? trace.detail()
            : pharmacy == null ? null : "pharmacy:" + pharmacy;
    return Optional.of(
        new Trace(
            trace.id(),
            trace.at(),
            trace.actorRole(),
            trace.actorId(),
            trace.actorRpps(),
            trace.actorProfession(),
            trace.professionLabel(),
            trace.actorFiness(),
            trace.recordId(),
            trace.documentId(),
            trace.action(),
            trace.mode(),
            trace.outcome(),
            trace.reason(),
            detail,
            trace.requestId()));
  }

  /** Whether this reader is shown a trace about this subject at all. */
  public static boolean shows(HistoryViewer viewer, TraceSubject subject) {
    return switch (viewer) {
      case AUDITOR -> true;
      case PATIENT -> !subject.withheldFromPatient();
      case REPRESENTATIVE -> !subject.withheldFromPatient() && !subject.hiddenFromRepresentatives();
    };
  }

  /**
   * Whether the trace is about an appointment a professional or an app pushed, or about the agenda
   * seen from their side: any push (only they push; a patient's refused push is traced under no
   * record), any agenda action of a professional or an app (a refused read names who looked), and
   * the patient side's change of an appointment not its own (refused as not its own, or marked so
   * by the agenda whatever the refusal: a closed record's refusal comes before ownership). Never
   * from what a caller typed: the agenda's details are the server's own (an id, a word).
   */
  public static boolean aboutAPushedAppointment(Trace trace) {
    TraceAction action = agendaAction(trace.action());
    if (action == null) {
      return false;
    }
    if (action == TraceAction.APPOINTMENT_PUSH
        || "PROFESSIONAL".equals(trace.actorRole())
        || "APP".equals(trace.actorRole())) {
      return true;
    }
    return action == TraceAction.APPOINTMENT_WRITE
        && (NOT_OWN_APPOINTMENT.equals(trace.reason())
            || (trace.detail() != null && trace.detail().endsWith(";" + NOT_PATIENT_OWN_MARK)));
  }

  private static TraceAction agendaAction(String action) {
    return AGENDA.stream().filter(a -> a.name().equals(action)).findFirst().orElse(null);
  }

  /**
   * What a trace read back concerns: its document's or entry's flags as they stand now ({@code
   * filed}: the row was found; for a new version, a secret of the version it replaced counts too),
   * and, for the actions whose detail the server writes itself, the flags a refusal asked for (kept
   * in the detail, since nothing filed will tell them). Never the detail of other actions, which
   * can carry what a caller typed.
   */
  public static TraceSubject subjectOf(
      String action,
      UUID id,
      boolean filed,
      boolean withheldFromPatient,
      boolean hiddenFromRepresentatives,
      String detail) {
    boolean withheld = filed && withheldFromPatient;
    boolean hidden = filed && hiddenFromRepresentatives;
    if (marked(action)) {
      TraceSubject asked = TraceSubject.fromDetail(id, detail);
      withheld |= asked.withheldFromPatient();
      hidden |= asked.hiddenFromRepresentatives();
    }
    return TraceSubject.of(id, withheld, hidden);
  }

  private static boolean marked(String action) {
    return MARKED.stream().anyMatch(a -> a.name().equals(action));
  }
}
