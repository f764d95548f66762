package fr.carnet.audit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a reader of a record's history is shown, over every trace action × reader × secret or not ×
 * withheld or not × permitted or refused: a secret leaves nothing its excluded reader can read.
 */
class HistoryRuleTest {

  private static final UUID RECORD = UUID.randomUUID();
  private static final UUID DOCUMENT = UUID.randomUUID();

  /** Every combination, with the expected answer computed independently of the rule. */
  static Stream<Arguments> everyCase() {
    List<Arguments> cases = new ArrayList<>();
    for (TraceAction action : TraceAction.values()) {
      for (HistoryViewer viewer : HistoryViewer.values()) {
        for (boolean secret : new boolean[] {false, true}) {
          for (boolean withheld : new boolean[] {false, true}) {
            for (String outcome : new String[] {"PERMIT", "DENY"}) {
              boolean shown =
                  switch (viewer) {
                    case AUDITOR -> true;
                    case PATIENT -> !withheld;
                    // The traces are a professional's: their agenda's are about pushed ones.
                    case REPRESENTATIVE -> !withheld && !secret && !AGENDA.contains(action);
                  };
              cases.add(Arguments.of(action, viewer, secret, withheld, outcome, shown));
            }
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {4} | {1} | secret={2} withheld={3} -> shown={5}")
  @MethodSource("everyCase")
  void aSecretLeavesNothingItsExcludedReaderCanRead(
      TraceAction action,
      HistoryViewer viewer,
      boolean secret,
      boolean withheld,
      String outcome,
      boolean shown) {
    Trace trace = trace(action, outcome, "detail of " + action);
    Optional<Trace> seen =
        HistoryRule.asSeenBy(viewer, trace, TraceSubject.of(DOCUMENT, withheld, secret));

    assertThat(seen.isPresent()).isEqualTo(shown);
    seen.ifPresent(
        entry -> {
          // Who acted stays as traced; only the detail is the auditors' (but an emergency reason).
          assertThat(entry.actorRpps()).isEqualTo(trace.actorRpps());
          assertThat(entry.actorFiness()).isEqualTo(trace.actorFiness());
          assertThat(entry.documentId()).isEqualTo(DOCUMENT);
          boolean detailShown =
              viewer == HistoryViewer.AUDITOR || action == TraceAction.GRANT_CREATE;
          assertThat(entry.detail()).isEqualTo(detailShown ? trace.detail() : null);
        });
  }

  @ParameterizedTest(name = "{0} | {1} -> shown")
  @MethodSource("everyActionAndViewer")
  void aTraceAboutNothingInParticularIsShownToEveryReader(
      TraceAction action, HistoryViewer viewer) {
    // But a professional's agenda traces, to a representative (whatTheAgendaShowsEachReader).
    boolean shown = viewer != HistoryViewer.REPRESENTATIVE || !AGENDA.contains(action);
    assertThat(
            HistoryRule.asSeenBy(viewer, trace(action, "PERMIT", null), TraceSubject.NONE)
                .isPresent())
        .isEqualTo(shown);
  }

  /** The agenda's actions, whose professional's or app's traces are about pushed appointments. */
  private static final Set<TraceAction> AGENDA =
      EnumSet.of(
          TraceAction.APPOINTMENT_PUSH,
          TraceAction.AGENDA_READ,
          TraceAction.APPOINTMENT_WRITE,
          TraceAction.REMINDER_SWITCH);

  /**
   * A pushed appointment leaves nothing a representative reads (issue 21): every push, every agenda
   * trace of a professional or an app, the patient side's change of an appointment not its own; the
   * patient and auditors are shown each. The patient side's own agenda, and the other actions, stay
   * shown to representatives.
   */
  @ParameterizedTest(name = "{0} by {1} {2} {3} [{4}] -> patient {5}, representative {6}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # action           | actor role   | outcome | reason                   | detail                                | patient | representative
          APPOINTMENT_PUSH   | PROFESSIONAL | PERMIT  | AGENDA_PUSH              | appointment:a BOOKED                  | true    | false
          APPOINTMENT_PUSH   | PROFESSIONAL | PERMIT  | AGENDA_UPDATE            | appointment:a CANCELLED               | true    | false
          APPOINTMENT_PUSH   | PROFESSIONAL | DENY    | AGENDA_PUSHER_LIMIT      | appointment:a BOOKED                  | true    | false
          APPOINTMENT_PUSH   | PROFESSIONAL | DENY    | INS_TRAITS_MISMATCH      | -                                     | true    | false
          APPOINTMENT_PUSH   | PROFESSIONAL | DENY    | BLOCKED_BY_PATIENT       | -                                     | true    | false
          APPOINTMENT_PUSH   | APP          | PERMIT  | APP_AGENDA_PUSH          | appointment:a BOOKED                  | true    | false
          APPOINTMENT_PUSH   | APP          | DENY    | APP_SCOPE_NOT_GRANTED    | appointment:a BOOKED                  | true    | false
          AGENDA_READ        | PROFESSIONAL | DENY    | ROLE_NOT_ALLOWED         | appointments                          | true    | false
          AGENDA_READ        | APP          | DENY    | ROLE_NOT_ALLOWED         | appointments                          | true    | false
          APPOINTMENT_WRITE  | APP          | DENY    | ROLE_NOT_ALLOWED         | appointment:a added                   | true    | false
          REMINDER_SWITCH    | PROFESSIONAL | DENY    | ROLE_NOT_ALLOWED         | FLU_65 off                            | true    | false
          APPOINTMENT_WRITE  | PATIENT      | DENY    | NOT_OWN_APPOINTMENT      | appointment:a deleted;notPatientOwn   | true    | false
          APPOINTMENT_WRITE  | PATIENT      | DENY    | NOT_OWN_APPOINTMENT      | appointment:a deleted                 | true    | false
          APPOINTMENT_WRITE  | PATIENT      | DENY    | RECORD_NOT_AVAILABLE     | appointment:a changed;notPatientOwn   | true    | false
          APPOINTMENT_WRITE  | PATIENT      | DENY    | RECORD_NOT_AVAILABLE     | appointment:a changed                 | true    | true
          APPOINTMENT_WRITE  | PATIENT      | PERMIT  | OWN_RECORD               | appointment:a added                   | true    | true
          APPOINTMENT_WRITE  | PATIENT      | PERMIT  | REPRESENTATIVE           | appointment:a changed                 | true    | true
          APPOINTMENT_WRITE  | PATIENT      | PERMIT  | OWN_RECORD               | appointment:a changed;notPatientOwnX  | true    | true
          AGENDA_READ        | PATIENT      | PERMIT  | OWN_RECORD               | appointments                          | true    | true
          AGENDA_READ        | PATIENT      | PERMIT  | REPRESENTATIVE           | reminders                             | true    | true
          REMINDER_SWITCH    | PATIENT      | PERMIT  | OWN_RECORD               | FLU_65 off                            | true    | true
          REMINDER_SENT      | ADMIN        | PERMIT  | REMINDER_DUE             | FLU_65 2026-12-01                     | true    | true
          AGENDA_READ        | AGENT        | DENY    | ROLE_NOT_ALLOWED         | appointments                          | true    | true
          DOCUMENT_READ      | PROFESSIONAL | PERMIT  | AGREEMENT                | -                                     | true    | true
          DOCUMENT_PUBLISH   | APP          | PERMIT  | APP_UPLOAD               | PATIENT;notPatientOwn                 | true    | true
          """)
  void whatTheAgendaShowsEachReader(
      String action,
      String role,
      String outcome,
      String reason,
      String detail,
      boolean patient,
      boolean representative) {
    Trace trace =
        new Trace(
            7L,
            Instant.parse("2026-12-03T10:00:00Z"),
            role,
            "actor-1",
            role.equals("PROFESSIONAL") ? "10101010101" : null,
            null,
            null,
            null,
            RECORD,
            null,
            action,
            "NORMAL",
            outcome,
            reason,
            detail,
            "req-7");

    assertThat(HistoryRule.aboutAPushedAppointment(trace)).isEqualTo(!representative);
    assertThat(HistoryRule.asSeenBy(HistoryViewer.PATIENT, trace, TraceSubject.NONE).isPresent())
        .isEqualTo(patient);
    assertThat(
            HistoryRule.asSeenBy(HistoryViewer.REPRESENTATIVE, trace, TraceSubject.NONE)
                .isPresent())
        .isEqualTo(representative);
    assertThat(HistoryRule.asSeenBy(HistoryViewer.AUDITOR, trace, TraceSubject.NONE))
        .contains(trace);
  }

  @Test
  void theAgendaMarksOnlyAChangeOfAnAppointmentNotThePatientSidesOwn() {
    assertThat(HistoryRule.appointmentDetail("appointment:a changed", true))
        .isEqualTo("appointment:a changed");
    assertThat(HistoryRule.appointmentDetail("appointment:a changed", false))
        .isEqualTo("appointment:a changed;notPatientOwn");
  }

  static Stream<Arguments> everyActionAndViewer() {
    return Stream.of(TraceAction.values())
        .flatMap(a -> Stream.of(HistoryViewer.values()).map(v -> Arguments.of(a, v)));
  }

  // ---- What a trace read back concerns ---------------------------------------------------------

  @ParameterizedTest(name = "{0} filed={1} row({2},{3}) detail={4} -> withheld={5} secret={6}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # action         | filed | row withheld | row hidden | detail                                         | withheld | hidden
          DOCUMENT_READ    | true  | false        | true       | -                                              | false    | true
          DOCUMENT_READ    | true  | true         | false      | -                                              | true     | false
          DOCUMENT_PUBLISH | true  | false        | false      | LAB                                            | false    | false
          DOCUMENT_PUBLISH | true  | true         | false      | LAB                                            | true     | false
          DOCUMENT_VERSION | true  | false        | false      | LAB;hiddenFromRepresentatives                  | false    | true
          DOCUMENT_VERSION | true  | false        | true       | LAB                                            | false    | true
          MASK_SET         | true  | true         | false      | -                                              | true     | false
          DOCUMENT_RELEASE | true  | false        | false      | -                                              | false    | false
          DOCUMENT_PUBLISH | false | false        | false      | LAB;hiddenFromRepresentatives                  | false    | true
          DOCUMENT_PUBLISH | false | false        | false      | LAB;withheldFromPatient                        | true     | false
          DOCUMENT_PUBLISH | false | false        | false      | LAB;withheldFromPatient;hiddenFromRepresentatives | true  | true
          DOCUMENT_PUBLISH | false | false        | false      | LAB                                            | false    | false
          DOCUMENT_VERSION | false | false        | false      | LAB;hiddenFromRepresentatives                  | false    | true
          PROFILE_WRITE    | false | false        | false      | ALLERGY;hiddenFromRepresentatives              | false    | true
          PROFILE_WRITE    | true  | false        | true       | ALLERGY                                        | false    | true
          GRANT_CREATE     | false | false        | false      | Coma;hiddenFromRepresentatives                 | false    | false
          MASK_SET         | false | false        | false      | x;withheldFromPatient                          | false    | false
          DOCUMENT_SEARCH  | false | false        | false      | a;hiddenFromRepresentatives                    | false    | false
          """)
  void whatATraceConcernsIsReadFromItsRowOrForAnUnfiledPushFromItsDetail(
      String action,
      boolean filed,
      boolean rowWithheld,
      boolean rowHidden,
      String detail,
      boolean withheld,
      boolean hidden) {
    TraceSubject subject =
        HistoryRule.subjectOf(action, DOCUMENT, filed, rowWithheld, rowHidden, detail);

    assertThat(subject.withheldFromPatient()).isEqualTo(withheld);
    assertThat(subject.hiddenFromRepresentatives()).isEqualTo(hidden);
  }

  /** A caller's own words (an emergency reason) never hide a trace from the patient's side. */
  @Test
  void aReasonTypedByAProfessionalCannotHideTheirAccessFromTheFamily() {
    Set<TraceAction> marked =
        EnumSet.of(
            TraceAction.DOCUMENT_PUBLISH, TraceAction.DOCUMENT_VERSION, TraceAction.PROFILE_WRITE);
    for (TraceAction action : TraceAction.values()) {
      TraceSubject subject =
          HistoryRule.subjectOf(
              action.name(),
              null,
              false,
              false,
              false,
              "x;withheldFromPatient;hiddenFromRepresentatives");
      assertThat(HistoryRule.shows(HistoryViewer.REPRESENTATIVE, subject))
          .as(action.name())
          .isEqualTo(!marked.contains(action));
    }
  }

  @Test
  void anUnfiledSubjectWritesTheFlagsItAskedForAndReadsThemBack() {
    TraceSubject refused = TraceSubject.unfiled(true, true);

    String detail = refused.markDetail("LAB");

    assertThat(detail).isEqualTo("LAB;withheldFromPatient;hiddenFromRepresentatives");
    assertThat(TraceSubject.fromDetail(null, detail)).isEqualTo(refused);
    // A filed one is told by its row; a plain one leaves the detail as it is.
    assertThat(TraceSubject.of(DOCUMENT, true, true).markDetail("LAB")).isEqualTo("LAB");
    assertThat(TraceSubject.unfiled(false, false).markDetail("LAB")).isEqualTo("LAB");
    // A refused version names the document it would have replaced, and what it asked for.
    assertThat(TraceSubject.refusedVersion(DOCUMENT, false, true).markDetail("LAB"))
        .isEqualTo("LAB;hiddenFromRepresentatives");
    assertThat(TraceSubject.unfiled(false, true).markDetail(null))
        .isEqualTo(";hiddenFromRepresentatives");
    assertThat(TraceSubject.NONE.secretFromPatientSide()).isFalse();
  }

  /** The pharmacy a message went to is named in the history, and nothing else of the detail. */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          MESSAGE_SEND | conversation:c-1 pharmacy:750021901    | pharmacy:750021901
          MESSAGE_SEND | conversation:c-1                       |
          MESSAGE_SEND | conversation:c-1 pharmacy:75002190     |
          MESSAGE_SEND | conversation:c-1 xpharmacy:750021901   |
          MESSAGE_READ | conversation:c-1 pharmacy:750021901    |
          """)
  void thePharmacyAMessageWentToIsTheOneDetailThePatientSideSees(
      TraceAction action, String detail, String shown) {
    Trace trace = trace(action, "PERMIT", detail);
    Trace seen =
        HistoryRule.asSeenBy(HistoryViewer.PATIENT, trace, TraceSubject.NONE).orElseThrow();
    assertThat(seen.detail()).isEqualTo(shown);
    assertThat(ActionWording.summary(seen).contains("à la pharmacie FINESS 750021901"))
        .isEqualTo(shown != null);
  }

  private static Trace trace(TraceAction action, String outcome, String detail) {
    return new Trace(
        42L,
        Instant.parse("2026-11-23T10:00:00Z"),
        "PROFESSIONAL",
        "psc-1",
        "10101010101",
        "10",
        "Médecin",
        "750712184",
        RECORD,
        DOCUMENT,
        action.name(),
        "NORMAL",
        outcome,
        "SOME_REASON",
        detail,
        "req-1");
  }
}
