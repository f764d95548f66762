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
                    case REPRESENTATIVE -> !withheld && !secret;
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
    assertThat(HistoryRule.asSeenBy(viewer, trace(action, "PERMIT", null), TraceSubject.NONE))
        .isPresent();
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
