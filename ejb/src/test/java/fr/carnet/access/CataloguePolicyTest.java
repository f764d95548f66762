package fr.carnet.access;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.record.model.Author;
import fr.carnet.record.model.DocumentStatus;
import fr.carnet.record.model.RecordState;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Connected apps (issue 21) as tables: what an app acting with a patient's token may read and
 * write, given where it stands in the catalogue, the patient's grant and the record; who may list,
 * connect and revoke apps. Each refusal row fails if its rule is dropped from the policy.
 */
class CataloguePolicyTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
  private static final AccessPolicy POLICY = new AccessPolicy(PolicySettings.DEFAULTS);
  private static final Actor APP = Actor.app("p-1", "285057505612338", "app-diabete");

  private static final Map<String, Actor> ACTORS =
      Map.of(
          "PATIENT", Actor.patient("p-1", "285057505612338"),
          "APP", APP,
          "GP", Actor.professional("psc-1", "10101010101", "10", "general-practice", "1"),
          "AGENT", Actor.staff("agent-1", Role.AGENT),
          "AUDITOR", Actor.staff("auditor-1", Role.AUDITOR),
          "ADMIN", Actor.staff("admin-1", Role.ADMIN));

  @ParameterizedTest(name = "app {0} {1} [{2}] on {3} reads {4} -> {5} {6}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # status  | grant   | scopes                               | record        | document        | outcome | reason
          REFERENCED | LIVE    | documents:read:LAB                   | OPEN OWNER    | LAB             | PERMIT  | APP_GRANT
          REFERENCED | LIVE    | documents:read:LAB documents:read:PATIENT | OPEN OWNER | PATIENT     | PERMIT  | APP_GRANT
          REFERENCED | LIVE    | documents:read:LAB                   | OPEN OWNER    | IMAGING         | DENY    | APP_CLASS_NOT_GRANTED
          REFERENCED | LIVE    | documents:write profile:read         | OPEN OWNER    | LAB             | DENY    | APP_CLASS_NOT_GRANTED
          REFERENCED | LIVE    | documents:read:LAB                   | OPEN OWNER    | LAB WITHHELD    | DENY    | WITHHELD_FROM_PATIENT
          REFERENCED | LIVE    | documents:read:LAB                   | OPEN OWNER    | LAB SECRET      | DENY    | HIDDEN_FROM_REPRESENTATIVES
          REFERENCED | LIVE    | documents:read:LAB                   | OPEN OWNER    | LAB MASKED      | DENY    | MASKED_BY_PATIENT
          REFERENCED | LIVE    | documents:read:LAB                   | OPEN OWNER LAB_MASKED | LAB     | DENY    | MASKED_BY_PATIENT
          REFERENCED | LIVE    | documents:read:LAB                   | OPEN OWNER    | LAB WITHDRAWN   | DENY    | WITHDRAWN
          SUSPENDED  | LIVE    | documents:read:LAB                   | OPEN OWNER    | LAB             | DENY    | APP_SUSPENDED
          UNKNOWN    | NONE    | -                                    | OPEN OWNER    | LAB             | DENY    | APP_NOT_REFERENCED
          PENDING    | LIVE    | documents:read:LAB                   | OPEN OWNER    | LAB             | DENY    | APP_NOT_REFERENCED
          REJECTED   | LIVE    | documents:read:LAB                   | OPEN OWNER    | LAB             | DENY    | APP_NOT_REFERENCED
          REFERENCED | NONE    | -                                    | OPEN OWNER    | LAB             | DENY    | APP_NOT_CONNECTED
          REFERENCED | REVOKED | -                                    | OPEN OWNER    | LAB             | DENY    | APP_NOT_CONNECTED
          REFERENCED | EXPIRED | -                                    | OPEN OWNER    | LAB             | DENY    | APP_GRANT_EXPIRED
          REFERENCED | LIVE    | documents:read:LAB                   | OPEN NONE     | LAB             | DENY    | NOT_OWN_RECORD
          REFERENCED | LIVE    | documents:read:LAB                   | OPEN REP      | LAB             | DENY    | NOT_OWN_RECORD
          REFERENCED | LIVE    | documents:read:LAB                   | OPEN PROXY    | LAB             | DENY    | NOT_OWN_RECORD
          REFERENCED | LIVE    | documents:read:LAB                   | OPPOSED OWNER | LAB             | DENY    | RECORD_NOT_AVAILABLE
          REFERENCED | LIVE    | documents:read:LAB                   | CLOSED OWNER  | LAB             | DENY    | RECORD_NOT_AVAILABLE
          """)
  void anAppReadingADocument(
      String status,
      String grant,
      String scopes,
      String record,
      String document,
      String outcome,
      String reason) {
    Decision decision =
        POLICY.mayRead(APP, facts(record).withApp(app(status, grant, scopes)), document(document));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "app {0} {1} [{2}] on {3} searches -> {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # status  | grant   | scopes                                    | record     | outcome | reason
          REFERENCED | LIVE    | documents:read:LAB documents:read:IMAGING | OPEN OWNER | PERMIT  | APP_GRANT
          REFERENCED | LIVE    | documents:write profile:read              | OPEN OWNER | DENY    | APP_SCOPE_NOT_GRANTED
          SUSPENDED  | LIVE    | documents:read:LAB                        | OPEN OWNER | DENY    | APP_SUSPENDED
          REFERENCED | EXPIRED | -                                         | OPEN OWNER | DENY    | APP_GRANT_EXPIRED
          REFERENCED | LIVE    | documents:read:LAB                        | OPEN NONE  | DENY    | NOT_OWN_RECORD
          """)
  void anAppSearching(
      String status, String grant, String scopes, String record, String outcome, String reason) {
    Visibility visibility =
        POLICY.visibility(APP, facts(record).withApp(app(status, grant, scopes)));
    assertThat(visibility.decision().permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(visibility.decision().reason()).isEqualTo(reason);
  }

  @Test
  void aSearchShowsTheGrantedClassesAndHidesWhatIsHidden() {
    Visibility visibility =
        POLICY.visibility(
            APP,
            facts("OPEN OWNER LAB_MASKED")
                .withApp(app("REFERENCED", "LIVE", "documents:read:LAB documents:read:IMAGING")));
    // The masked class is not readable at all (the profile and summary read the classes alone).
    assertThat(visibility.readableClasses()).containsExactly("IMAGING");
    assertThat(visibility.honourMasks()).isTrue();
    assertThat(visibility.classMasked("LAB")).isTrue();
    assertThat(visibility.hideWithheld()).isTrue();
    assertThat(visibility.hideFromRepresentatives()).isTrue();
    assertThat(visibility.authorRpps()).isNull();
  }

  /** Review item: a class the patient masked reached an app through the profile and summary. */
  @ParameterizedTest(name = "app [{0}] on {1}: readable classes {2}, {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # scopes                                   | record                | readable     | reason
          documents:read:LAB documents:read:IMAGING  | OPEN OWNER            | IMAGING LAB  | APP_GRANT
          documents:read:LAB documents:read:IMAGING  | OPEN OWNER LAB_MASKED | IMAGING      | APP_GRANT
          documents:read:LAB profile:read            | OPEN OWNER LAB_MASKED | -            | APP_GRANT
          """)
  void aMaskedClassIsNotReadableByAnApp(
      String scopes, String record, String readable, String reason) {
    Visibility visibility =
        POLICY.visibility(APP, facts(record).withApp(app("REFERENCED", "LIVE", scopes)));
    assertThat(visibility.decision().reason()).isEqualTo(reason);
    assertThat(visibility.readableClasses())
        .containsExactlyInAnyOrderElementsOf(
            readable.equals("-") ? Set.of() : Set.of(readable.split(" ")));
  }

  @ParameterizedTest(name = "app [{0}] files a {1} document -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # scopes                    | class   | outcome | reason
          documents:write             | PATIENT | PERMIT  | APP_PATIENT_UPLOAD
          documents:write             | LAB     | DENY    | PATIENT_UPLOADS_ONLY_PATIENT_CLASS
          documents:read:PATIENT      | PATIENT | DENY    | APP_SCOPE_NOT_GRANTED
          appointments:write          | PATIENT | DENY    | APP_SCOPE_NOT_GRANTED
          """)
  void anAppWriting(String scopes, String classCode, String outcome, String reason) {
    Decision decision =
        POLICY.mayPublish(
            APP, facts("OPEN OWNER").withApp(app("REFERENCED", "LIVE", scopes)), classCode);
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "app [{0}] reads a profile entry (secret {1}) -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # scopes                         | secret | outcome | reason
          profile:read documents:read:LAB  | false  | PERMIT  | APP_GRANT
          profile:read documents:read:LAB  | true   | DENY    | HIDDEN_FROM_REPRESENTATIVES
          documents:read:LAB               | false  | DENY    | APP_SCOPE_NOT_GRANTED
          """)
  void anAppReadingTheProfile(String scopes, boolean secret, String outcome, String reason) {
    Decision decision =
        POLICY.mayReadProfileEntry(
            APP, facts("OPEN OWNER").withApp(app("REFERENCED", "LIVE", scopes)), secret);
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  /** Whatever its grant, an app is never the patient: every control and account act is refused. */
  @Test
  void anAppHoldsNoneOfThePatientsOwnPowers() {
    AccessFacts facts =
        facts("OPEN OWNER")
            .withApp(app("REFERENCED", "LIVE", "documents:read:LAB documents:write profile:read"));
    java.util.List<Decision> decisions =
        java.util.List.of(
            POLICY.mayManageControls(APP, facts),
            POLICY.mayWidenAccess(APP, facts),
            POLICY.mayReadHistory(APP, facts),
            POLICY.mayExport(APP, facts),
            POLICY.mayManageProxies(APP, facts),
            POLICY.mayManageApps(APP, facts, true),
            POLICY.mayManageApps(APP, facts, false),
            POLICY.mayWriteProfile(APP, facts, "LAB"),
            POLICY.mayWriteMessage(APP, facts, MessageFacts.newFromPatient(true)),
            POLICY.mayReadMessages(APP, facts, new MessageFacts(true, true, true, false)));
    assertThat(decisions).hasSize(10).containsOnly(Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED"));
  }

  @ParameterizedTest(name = "{0} on {1} {2} apps -> {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor | record                 | act     | outcome | reason
          PATIENT | OPEN OWNER             | connect | PERMIT  | OWN_RECORD
          PATIENT | OPEN OWNER             | revoke  | PERMIT  | OWN_RECORD
          PATIENT | OPEN OWNER MINOR       | connect | DENY    | MINOR_CANNOT_CONNECT_APP
          PATIENT | OPEN OWNER MINOR       | revoke  | PERMIT  | OWN_RECORD
          PATIENT | OPEN OWNER UNDATED     | connect | DENY    | MINOR_CANNOT_CONNECT_APP
          PATIENT | OPPOSED OWNER          | connect | DENY    | RECORD_NOT_AVAILABLE
          PATIENT | OPPOSED OWNER          | revoke  | PERMIT  | OWN_RECORD
          PATIENT | OPEN REP               | connect | DENY    | RESERVED_TO_PATIENT
          PATIENT | OPEN REP               | revoke  | DENY    | RESERVED_TO_PATIENT
          PATIENT | OPEN PROXY             | connect | DENY    | PROXY_RESERVED_TO_PATIENT
          PATIENT | OPEN NONE              | revoke  | DENY    | NOT_OWN_RECORD
          AGENT   | OPEN                   | revoke  | DENY    | CALLER_NOT_CONFIRMED
          AGENT   | OPEN CONFIRMED         | revoke  | PERMIT  | CALLER_CONFIRMED
          AGENT   | CLOSED CONFIRMED       | revoke  | PERMIT  | CALLER_CONFIRMED
          AGENT   | PURGED CONFIRMED       | revoke  | DENY    | RECORD_CLOSED
          AGENT   | OPEN CONFIRMED         | connect | DENY    | ROLE_NOT_ALLOWED
          GP      | OPEN                   | revoke  | DENY    | ROLE_NOT_ALLOWED
          ADMIN   | OPEN                   | revoke  | DENY    | ROLE_NOT_ALLOWED
          AUDITOR | OPEN                   | revoke  | DENY    | ROLE_NOT_ALLOWED
          APP     | OPEN OWNER             | revoke  | DENY    | ROLE_NOT_ALLOWED
          """)
  void managingConnectedApps(
      String actor, String record, String act, String outcome, String reason) {
    Decision decision =
        POLICY.mayManageApps(ACTORS.get(actor), facts(record), act.equals("connect"));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @Test
  void theAppsFactsAreItsOwnToIgnore() {
    // The same facts without an app standing (anyone but an app): an app actor given them is
    // refused as an unknown app, never let through.
    assertThat(POLICY.visibility(APP, facts("OPEN OWNER")).decision().reason())
        .isEqualTo("APP_NOT_REFERENCED");
  }

  /**
   * An app learning its patient's record id (the app's {@code /records/mine}): any live grant of a
   * referenced app, on its own patient's open record; every other standing refused with its code.
   */
  @ParameterizedTest(name = "{0} app {1} {2} [{3}] on {4} knows the record -> {5} {6}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor  | status     | grant   | scopes                  | record        | outcome | reason
          APP     | REFERENCED | LIVE    | documents:read:LAB      | OPEN OWNER    | PERMIT  | APP_GRANT
          APP     | REFERENCED | LIVE    | appointments:write      | OPEN OWNER    | PERMIT  | APP_GRANT
          APP     | SUSPENDED  | LIVE    | documents:read:LAB      | OPEN OWNER    | DENY    | APP_SUSPENDED
          APP     | UNKNOWN    | NONE    | -                       | OPEN OWNER    | DENY    | APP_NOT_REFERENCED
          APP     | PENDING    | LIVE    | documents:read:LAB      | OPEN OWNER    | DENY    | APP_NOT_REFERENCED
          APP     | REFERENCED | NONE    | -                       | OPEN OWNER    | DENY    | APP_NOT_CONNECTED
          APP     | REFERENCED | REVOKED | -                       | OPEN OWNER    | DENY    | APP_NOT_CONNECTED
          APP     | REFERENCED | EXPIRED | -                       | OPEN OWNER    | DENY    | APP_GRANT_EXPIRED
          APP     | REFERENCED | LIVE    | documents:read:LAB      | OPPOSED OWNER | DENY    | RECORD_NOT_AVAILABLE
          APP     | REFERENCED | LIVE    | documents:read:LAB      | OPEN NONE     | DENY    | NOT_OWN_RECORD
          PATIENT | REFERENCED | LIVE    | documents:read:LAB      | OPEN OWNER    | DENY    | ROLE_NOT_ALLOWED
          GP      | REFERENCED | LIVE    | documents:read:LAB      | OPEN OWNER    | DENY    | ROLE_NOT_ALLOWED
          AGENT   | REFERENCED | LIVE    | documents:read:LAB      | OPEN OWNER    | DENY    | ROLE_NOT_ALLOWED
          """)
  void anAppLearningItsPatientsRecord(
      String actor,
      String status,
      String grant,
      String scopes,
      String record,
      String outcome,
      String reason) {
    AccessFacts facts =
        actor.equals("APP") ? facts(record).withApp(app(status, grant, scopes)) : facts(record);
    Decision decision = POLICY.mayKnowPatientRecord(ACTORS.get(actor), facts);
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  private static AppStanding app(String status, String grant, String scopes) {
    Set<String> granted =
        scopes.equals("-")
            ? Set.of()
            : Arrays.stream(scopes.split(" ")).collect(Collectors.toUnmodifiableSet());
    return new AppStanding(
        AppStanding.Status.valueOf(status), AppStanding.Connection.valueOf(grant), granted);
  }

  private static DocumentFacts document(String words) {
    Set<String> w = Set.of(words.split(" "));
    return new DocumentFacts(
        words.split(" ")[0],
        Author.Kind.PROFESSIONAL,
        "10101010101",
        w.contains("WITHHELD"),
        w.contains("SECRET"),
        w.contains("MASKED"),
        w.contains("WITHDRAWN") ? DocumentStatus.WITHDRAWN : DocumentStatus.CURRENT);
  }

  private static AccessFacts facts(String words) {
    Set<String> w = Set.of(words.split(" "));
    RecordState state = RecordState.valueOf(words.split(" ")[0]);
    Relationship relationship =
        w.contains("OWNER")
            ? Relationship.OWNER
            : w.contains("REP")
                ? Relationship.REPRESENTATIVE
                : w.contains("PROXY") ? Relationship.PROXY : Relationship.NONE;
    Representation representation =
        relationship != Relationship.REPRESENTATIVE
            ? null
            : new Representation(Representation.Kind.MINOR, TODAY.minusYears(12));
    ProxyStanding proxy =
        relationship != Relationship.PROXY
            ? null
            : new ProxyStanding(
                UUID.randomUUID(), ProxyScope.READ_AND_MANAGE, TODAY.plusDays(30), false);
    return new AccessFacts(
        state,
        relationship,
        representation,
        TODAY,
        true,
        null,
        false,
        false,
        MatrixRow.EMPTY,
        w.contains("LAB_MASKED") ? Set.of("LAB") : Set.of(),
        false,
        proxy,
        w.contains("MINOR")
            ? TODAY.minusYears(15)
            : w.contains("UNDATED") ? null : TODAY.minusYears(30),
        w.contains("CONFIRMED") ? CallerConfirmation.TRAITS : CallerConfirmation.NONE);
  }
}
