package fr.carnet.access;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.record.model.RecordState;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The health agenda's rules (issue 21) as a table: who pushes, reads and changes appointments, and
 * when a prevention reminder may be sent, with the expected decision and its reason. Each refusal
 * row would pass if its rule were dropped from the policy, so each row can fail.
 */
class AgendaPolicyTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
  private static final AccessPolicy POLICY = new AccessPolicy(PolicySettings.DEFAULTS);

  private static final Map<String, Actor> ACTORS =
      Map.of(
          "GP", Actor.professional("psc-1", "10101010101", "10", "general-practice", "750712184"),
          "NO_RPPS", Actor.professional("psc-6", null, "10", null, "750712184"),
          "PATIENT", Actor.patient("p-1", "285057505612338"),
          "AGENT", Actor.staff("agent-1", Role.AGENT),
          "AUDITOR", Actor.staff("auditor-1", Role.AUDITOR),
          "ADMIN", Actor.staff("admin-1", Role.ADMIN));

  @ParameterizedTest(name = "{0} pushes | {1} | {2} -> {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor | record facts     | appointment     | outcome | reason
          GP      | OPEN             | NEW             | PERMIT  | AGENDA_PUSH
          GP      | OPEN             | OURS            | PERMIT  | AGENDA_UPDATE
          GP      | OPEN             | ANOTHER_ORG     | DENY    | APPOINTMENT_OF_ANOTHER_SOURCE
          GP      | OPEN             | ANOTHER_RECORD  | DENY    | APPOINTMENT_OF_ANOTHER_SOURCE
          GP      | OPEN BLOCKED     | NEW             | DENY    | BLOCKED_BY_PATIENT
          GP      | OPEN ORG_BLOCKED | OURS            | DENY    | ORGANISATION_BLOCKED_BY_PATIENT
          GP      | OPPOSED          | NEW             | DENY    | RECORD_NOT_AVAILABLE
          GP      | OPPOSED BLOCKED  | NEW             | DENY    | BLOCKED_BY_PATIENT
          GP      | CLOSED ORG_BLOCKED | OURS          | DENY    | ORGANISATION_BLOCKED_BY_PATIENT
          GP      | CLOSED           | OURS            | DENY    | RECORD_NOT_AVAILABLE
          GP      | PENDING          | NEW             | DENY    | RECORD_NOT_AVAILABLE
          GP      | OPEN             | BELOW_CAP       | PERMIT  | AGENDA_PUSH
          GP      | OPEN             | AT_CAP          | DENY    | AGENDA_PUSHER_LIMIT
          GP      | OPEN             | BEYOND_CAP      | DENY    | AGENDA_PUSHER_LIMIT
          GP      | OPEN             | OURS_AT_CAP     | PERMIT  | AGENDA_UPDATE
          GP      | OPEN             | OURS_BACK_BELOW_CAP | PERMIT | AGENDA_UPDATE
          GP      | OPEN             | OURS_BACK_AT_CAP | DENY   | AGENDA_PUSHER_LIMIT
          GP      | OPEN BLOCKED     | AT_CAP          | DENY    | BLOCKED_BY_PATIENT
          GP      | OPPOSED          | AT_CAP          | DENY    | RECORD_NOT_AVAILABLE
          GP      | OPEN             | ANOTHER_ORG_AT_CAP | DENY | APPOINTMENT_OF_ANOTHER_SOURCE
          NO_RPPS | OPEN             | NEW             | DENY    | PROFESSIONAL_IDENTITY_INCOMPLETE
          PATIENT | OPEN OWNER       | NEW             | DENY    | ROLE_NOT_ALLOWED
          AGENT   | OPEN             | NEW             | DENY    | ROLE_NOT_ALLOWED
          AUDITOR | OPEN             | NEW             | DENY    | ROLE_NOT_ALLOWED
          ADMIN   | OPEN             | NEW             | DENY    | ROLE_NOT_ALLOWED
          """)
  void pushingAnAppointment(
      String actor, String record, String appointment, String outcome, String reason) {
    Decision decision =
        POLICY.mayPushAppointment(ACTORS.get(actor), facts(record), appointment(appointment));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0} may push at all -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          GP      | PERMIT | AGENDA_PUSH
          PATIENT | DENY   | ROLE_NOT_ALLOWED
          AGENT   | DENY   | ROLE_NOT_ALLOWED
          ADMIN   | DENY   | ROLE_NOT_ALLOWED
          """)
  void pushingAtAll(String actor, String outcome, String reason) {
    Decision decision = POLICY.mayPushAppointments(ACTORS.get(actor));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0} reads | {1} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor | record facts   | outcome | reason
          PATIENT | OPEN OWNER     | PERMIT  | OWN_RECORD
          PATIENT | OPPOSED OWNER  | PERMIT  | OWN_RECORD
          PATIENT | CLOSED OWNER   | PERMIT  | OWN_RECORD
          PATIENT | OPEN REP       | PERMIT  | REPRESENTATIVE
          PATIENT | OPEN REP_OF_AGE | DENY   | REPRESENTED_PERSON_OF_AGE
          PATIENT | OPEN PROXY     | DENY    | PROXY_RESERVED_TO_PATIENT
          PATIENT | OPEN NONE      | DENY    | NOT_OWN_RECORD
          GP      | OPEN           | DENY    | ROLE_NOT_ALLOWED
          AGENT   | OPEN           | DENY    | ROLE_NOT_ALLOWED
          AUDITOR | OPEN           | DENY    | ROLE_NOT_ALLOWED
          ADMIN   | OPEN           | DENY    | ROLE_NOT_ALLOWED
          """)
  void readingTheAgenda(String actor, String record, String outcome, String reason) {
    Decision decision = POLICY.mayReadAgenda(ACTORS.get(actor), facts(record));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "pushed appointments | {0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # record facts | outcome | reason
          OPEN OWNER     | PERMIT  | PUSHED_APPOINTMENTS
          CLOSED OWNER   | PERMIT  | PUSHED_APPOINTMENTS
          OPEN REP       | DENY    | PUSHED_APPOINTMENTS_HIDDEN_FROM_REPRESENTATIVES
          CLOSED REP     | DENY    | PUSHED_APPOINTMENTS_HIDDEN_FROM_REPRESENTATIVES
          """)
  void readingPushedAppointments(String record, String outcome, String reason) {
    Decision decision = POLICY.mayReadPushedAppointments(facts(record));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  /** A minor's contact may be a parent's: a pushed appointment is announced to adults only. */
  @ParameterizedTest(name = "announcing a push to a person of {0} years -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # age | outcome | reason
          30    | PERMIT  | APPOINTMENT_ANNOUNCED
          18    | PERMIT  | APPOINTMENT_ANNOUNCED
          17    | DENY    | MINORS_APPOINTMENTS_NOT_ANNOUNCED
          12    | DENY    | MINORS_APPOINTMENTS_NOT_ANNOUNCED
          -     | DENY    | MINORS_APPOINTMENTS_NOT_ANNOUNCED
          """)
  void announcingAPushedAppointment(Integer age, String outcome, String reason) {
    AccessFacts open = facts("OPEN");
    AccessFacts facts =
        new AccessFacts(
            open.state(),
            open.relationship(),
            open.representation(),
            TODAY,
            true,
            null,
            false,
            false,
            MatrixRow.EMPTY,
            Set.of(),
            false,
            null,
            age == null ? null : TODAY.minusYears(age));
    Decision decision = POLICY.mayAnnounceAppointment(facts);
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "naming a record | {0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # record facts     | outcome | reason
          OPEN               | PERMIT  | RECORD_NAMED
          OPPOSED            | PERMIT  | RECORD_NAMED
          OPEN BLOCKED       | DENY    | BLOCKED_BY_PATIENT
          CLOSED BLOCKED     | DENY    | BLOCKED_BY_PATIENT
          OPEN ORG_BLOCKED   | DENY    | ORGANISATION_BLOCKED_BY_PATIENT
          """)
  void namingARecord(String record, String outcome, String reason) {
    Decision decision = POLICY.mayNameRecord(facts(record));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0} writes own | {1} | {2} -> {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor | record facts  | appointment    | outcome | reason
          PATIENT | OPEN OWNER    | NEW            | PERMIT  | OWN_RECORD
          PATIENT | OPEN OWNER    | OURS           | PERMIT  | OWN_RECORD
          PATIENT | OPEN OWNER    | ANOTHER_ORG    | DENY    | NOT_OWN_APPOINTMENT
          PATIENT | OPEN OWNER    | ANOTHER_RECORD | DENY    | NOT_OWN_APPOINTMENT
          PATIENT | OPEN REP      | NEW            | PERMIT  | REPRESENTATIVE
          PATIENT | OPEN PROXY    | NEW            | DENY    | PROXY_RESERVED_TO_PATIENT
          PATIENT | OPPOSED OWNER | NEW            | DENY    | RECORD_NOT_AVAILABLE
          PATIENT | CLOSED OWNER  | OURS           | DENY    | RECORD_NOT_AVAILABLE
          PATIENT | OPEN NONE     | NEW            | DENY    | NOT_OWN_RECORD
          GP      | OPEN          | NEW            | DENY    | ROLE_NOT_ALLOWED
          AGENT   | OPEN          | NEW            | DENY    | ROLE_NOT_ALLOWED
          """)
  void writingOnesOwn(
      String actor, String record, String appointment, String outcome, String reason) {
    Decision decision =
        POLICY.mayWriteAgenda(ACTORS.get(actor), facts(record), appointment(appointment));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  private static final Actor APP = Actor.app("p-1", "285057505612338", "rdv-e2e");

  @ParameterizedTest(name = "app {0} {1} [{2}] pushes | {3} | {4} -> {5} {6}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # standing | grant   | scopes                             | record facts  | appointment    | outcome | reason
          REFERENCED | LIVE    | appointments:write                 | OPEN OWNER    | NEW            | PERMIT  | APP_AGENDA_PUSH
          REFERENCED | LIVE    | documents:read:LAB appointments:write | OPEN OWNER | OURS           | PERMIT  | APP_AGENDA_UPDATE
          REFERENCED | LIVE    | appointments:write                 | OPEN OWNER    | ANOTHER_ORG    | DENY    | APPOINTMENT_OF_ANOTHER_SOURCE
          REFERENCED | LIVE    | appointments:write                 | OPEN OWNER    | ANOTHER_RECORD | DENY    | APPOINTMENT_OF_ANOTHER_SOURCE
          REFERENCED | LIVE    | documents:read:LAB documents:write | OPEN OWNER    | NEW            | DENY    | APP_SCOPE_NOT_GRANTED
          REFERENCED | LIVE    | -                                  | OPEN OWNER    | NEW            | DENY    | APP_SCOPE_NOT_GRANTED
          SUSPENDED  | LIVE    | appointments:write                 | OPEN OWNER    | NEW            | DENY    | APP_SUSPENDED
          SUSPENDED  | LIVE    | appointments:write                 | OPEN OWNER    | OURS           | DENY    | APP_SUSPENDED
          PENDING    | LIVE    | appointments:write                 | OPEN OWNER    | NEW            | DENY    | APP_NOT_REFERENCED
          REJECTED   | LIVE    | appointments:write                 | OPEN OWNER    | NEW            | DENY    | APP_NOT_REFERENCED
          UNKNOWN    | NONE    | -                                  | OPEN OWNER    | NEW            | DENY    | APP_NOT_REFERENCED
          REFERENCED | REVOKED | appointments:write                 | OPEN OWNER    | OURS           | DENY    | APP_NOT_CONNECTED
          REFERENCED | NONE    | -                                  | OPEN OWNER    | NEW            | DENY    | APP_NOT_CONNECTED
          REFERENCED | EXPIRED | appointments:write                 | OPEN OWNER    | OURS           | DENY    | APP_GRANT_EXPIRED
          REFERENCED | LIVE    | appointments:write                 | OPEN NONE     | NEW            | DENY    | NOT_OWN_RECORD
          REFERENCED | LIVE    | appointments:write                 | OPEN REP      | NEW            | DENY    | NOT_OWN_RECORD
          REFERENCED | LIVE    | appointments:write                 | OPEN PROXY    | NEW            | DENY    | NOT_OWN_RECORD
          REFERENCED | LIVE    | appointments:write                 | OPPOSED OWNER | NEW            | DENY    | RECORD_NOT_AVAILABLE
          REFERENCED | LIVE    | appointments:write                 | CLOSED OWNER  | OURS           | DENY    | RECORD_NOT_AVAILABLE
          REFERENCED | LIVE    | appointments:write                 | OPEN OWNER    | BELOW_CAP      | PERMIT  | APP_AGENDA_PUSH
          REFERENCED | LIVE    | appointments:write                 | OPEN OWNER    | AT_CAP         | DENY    | AGENDA_PUSHER_LIMIT
          REFERENCED | LIVE    | appointments:write                 | OPEN OWNER    | OURS_AT_CAP    | PERMIT  | APP_AGENDA_UPDATE
          REFERENCED | LIVE    | appointments:write                 | OPEN OWNER    | OURS_BACK_AT_CAP | DENY  | AGENDA_PUSHER_LIMIT
          SUSPENDED  | LIVE    | appointments:write                 | OPEN OWNER    | AT_CAP         | DENY    | APP_SUSPENDED
          """)
  void anAppPushingAnAppointment(
      String standing,
      String grant,
      String scopes,
      String record,
      String appointment,
      String outcome,
      String reason) {
    Decision decision =
        POLICY.mayPushAppointment(
            APP, facts(record).withApp(app(standing, grant, scopes)), appointment(appointment));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0} naming {1} may push at all -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor | INS named       | outcome | reason
          APP     | -               | PERMIT  | APP_AGENDA_PUSH
          APP     | 285057505612338 | PERMIT  | APP_AGENDA_PUSH
          APP     | 185057505612399 | DENY    | NOT_OWN_RECORD
          GP      | 185057505612399 | PERMIT  | AGENDA_PUSH
          PATIENT | 285057505612338 | DENY    | ROLE_NOT_ALLOWED
          """)
  void pushingAtAllNamingSomebody(String actor, String ins, String outcome, String reason) {
    Actor who = actor.equals("APP") ? APP : ACTORS.get(actor);
    Decision decision = POLICY.mayPushAppointments(who, ins.equals("-") ? null : ins);
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "app with every scope | {0} -> ROLE_NOT_ALLOWED")
  @CsvSource({"READ", "ADD", "CHANGE_OURS"})
  void anAppNeverReadsNorWritesThePatientSide(String what) {
    // No scope reads the agenda (the catalogue defines none): even a live grant of every scope
    // the catalogue has reads nothing, nor adds or changes the patient's own appointments.
    AccessFacts facts =
        facts("OPEN OWNER")
            .withApp(
                app(
                    "REFERENCED",
                    "LIVE",
                    "appointments:write documents:write profile:read documents:read:LAB"));
    Decision decision =
        switch (what) {
          case "READ" -> POLICY.mayReadAgenda(APP, facts);
          case "ADD" -> POLICY.mayWriteAgenda(APP, facts, AppointmentFacts.NEW);
          default -> POLICY.mayWriteAgenda(APP, facts, appointment("OURS"));
        };
    assertThat(decision.permitted()).isFalse();
    assertThat(decision.reason()).isEqualTo("ROLE_NOT_ALLOWED");
  }

  private static AppStanding app(String status, String grant, String scopes) {
    Set<String> granted = scopes.equals("-") ? Set.of() : Set.of(scopes.split(" "));
    return new AppStanding(
        AppStanding.Status.valueOf(status), AppStanding.Connection.valueOf(grant), granted);
  }

  @ParameterizedTest(name = "remind | {0} switched off {1} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          OPEN    | false | PERMIT | REMINDER_DUE
          OPEN    | true  | DENY   | REMINDER_SWITCHED_OFF
          OPPOSED | false | DENY   | RECORD_NOT_AVAILABLE
          CLOSED  | false | DENY   | RECORD_NOT_AVAILABLE
          PENDING | false | DENY   | RECORD_NOT_AVAILABLE
          PURGED  | false | DENY   | RECORD_NOT_AVAILABLE
          """)
  void sendingAReminder(String state, boolean switchedOff, String outcome, String reason) {
    Decision decision = POLICY.mayRemind(RecordState.valueOf(state), switchedOff);
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  private static AppointmentFacts appointment(String words) {
    return switch (words) {
      case "NEW" -> AppointmentFacts.NEW;
      case "OURS" -> AppointmentFacts.existing(true, true);
      case "ANOTHER_ORG" -> AppointmentFacts.existing(false, true);
      case "ANOTHER_RECORD" -> AppointmentFacts.existing(true, false);
      // The pusher's appointments to come in the record, against a cap of 50.
      case "BELOW_CAP" -> AppointmentFacts.NEW.withPusherLoad(49, 50);
      case "AT_CAP" -> AppointmentFacts.NEW.withPusherLoad(50, 50);
      case "BEYOND_CAP" -> AppointmentFacts.NEW.withPusherLoad(51, 50);
      case "OURS_AT_CAP" -> AppointmentFacts.existing(true, true).withPusherLoad(50, 50);
      case "ANOTHER_ORG_AT_CAP" -> AppointmentFacts.existing(false, true).withPusherLoad(50, 50);
      // One of the pusher's, in the past, moved to come: it adds one to come as a new one does.
      case "OURS_BACK_BELOW_CAP" ->
          AppointmentFacts.existing(true, true).movedBackToCome().withPusherLoad(49, 50);
      case "OURS_BACK_AT_CAP" ->
          AppointmentFacts.existing(true, true).movedBackToCome().withPusherLoad(50, 50);
      default -> throw new IllegalArgumentException(words);
    };
  }

  private static AccessFacts facts(String words) {
    Set<String> w = Set.of(words.split(" "));
    RecordState state = RecordState.valueOf(words.split(" ")[0]);
    Relationship relationship =
        w.contains("OWNER")
            ? Relationship.OWNER
            : w.contains("REP") || w.contains("REP_OF_AGE")
                ? Relationship.REPRESENTATIVE
                : w.contains("PROXY") ? Relationship.PROXY : Relationship.NONE;
    Representation representation =
        relationship != Relationship.REPRESENTATIVE
            ? null
            : new Representation(
                Representation.Kind.MINOR,
                w.contains("REP_OF_AGE") ? TODAY.minusYears(19) : TODAY.minusYears(12));
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
        w.contains("BLOCKED"),
        false,
        MatrixRow.EMPTY,
        Set.of(),
        w.contains("ORG_BLOCKED"),
        proxy,
        TODAY.minusYears(30));
  }
}
