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
 * The secure messaging's rules (issue 21) as a table: who writes, reads and files an attachment, on
 * which record and conversation, and the expected decision with its reason. Each refusal row would
 * pass if its rule were dropped from the policy, so each row can fail.
 */
class MessagingPolicyTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
  private static final AccessPolicy POLICY = new AccessPolicy(PolicySettings.DEFAULTS);

  private static final Map<String, Actor> ACTORS =
      Map.of(
          "GP", Actor.professional("psc-1", "10101010101", "10", "general-practice", "1"),
          "NO_RPPS", Actor.professional("psc-6", null, "10", null, "1"),
          "PATIENT", Actor.patient("p-1", "285057505612338"),
          "AGENT", Actor.staff("agent-1", Role.AGENT),
          "AUDITOR", Actor.staff("auditor-1", Role.AUDITOR),
          "ADMIN", Actor.staff("admin-1", Role.ADMIN));

  @ParameterizedTest(name = "{0} writes | {1} | {2} -> {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor | record facts       | conversation facts | outcome | reason
          GP      | OPEN               | NEW                | PERMIT  | MESSAGING_PROFESSIONAL
          GP      | OPEN               | PARTY              | PERMIT  | MESSAGING_PROFESSIONAL
          GP      | OPEN               | STRANGER           | DENY    | NOT_A_PARTICIPANT
          GP      | OPEN BLOCKED       | NEW                | DENY    | BLOCKED_BY_PATIENT
          GP      | OPEN ORG_BLOCKED   | PARTY              | DENY    | ORGANISATION_BLOCKED_BY_PATIENT
          GP      | OPPOSED            | NEW                | DENY    | RECORD_NOT_AVAILABLE
          GP      | CLOSED             | PARTY              | DENY    | RECORD_NOT_AVAILABLE
          GP      | OPPOSED BLOCKED    | PARTY              | DENY    | BLOCKED_BY_PATIENT
          GP      | CLOSED ORG_BLOCKED | PARTY              | DENY    | ORGANISATION_BLOCKED_BY_PATIENT
          GP      | PENDING            | NEW                | DENY    | RECORD_NOT_AVAILABLE
          NO_RPPS | OPEN               | NEW                | DENY    | PROFESSIONAL_IDENTITY_INCOMPLETE
          PATIENT | OPEN OWNER         | PARTY              | PERMIT  | OWN_RECORD
          PATIENT | OPEN OWNER         | WROTE_BEFORE       | PERMIT  | OWN_RECORD
          PATIENT | OPEN OWNER         | NEVER_WROTE        | DENY    | PROFESSIONAL_NEVER_WROTE
          PATIENT | OPEN OWNER         | TO_PATIENT         | DENY    | NOT_A_PROFESSIONAL_COUNTERPART
          PATIENT | OPEN OWNER         | STRANGER           | DENY    | NOT_A_PARTICIPANT
          PATIENT | OPEN NONE          | PARTY              | DENY    | NOT_OWN_RECORD
          PATIENT | OPPOSED OWNER      | PARTY              | DENY    | RECORD_NOT_AVAILABLE
          PATIENT | CLOSED OWNER       | PARTY              | DENY    | RECORD_NOT_AVAILABLE
          PATIENT | OPEN REP           | PARTY              | PERMIT  | REPRESENTATIVE
          PATIENT | OPEN REP           | WROTE_BEFORE       | PERMIT  | REPRESENTATIVE
          PATIENT | OPEN REP           | SECRET             | DENY    | CONVERSATION_HIDDEN_FROM_REPRESENTATIVES
          PATIENT | OPEN OWNER         | SECRET             | PERMIT  | OWN_RECORD
          PATIENT | OPEN REP_OF_AGE    | PARTY              | DENY    | REPRESENTED_PERSON_OF_AGE
          PATIENT | OPEN PROXY         | PARTY              | DENY    | PROXY_RESERVED_TO_PATIENT
          AGENT   | OPEN               | PARTY              | DENY    | ROLE_NOT_ALLOWED
          AUDITOR | OPEN               | PARTY              | DENY    | ROLE_NOT_ALLOWED
          ADMIN   | OPEN               | PARTY              | DENY    | ROLE_NOT_ALLOWED
          """)
  void writingAMessage(
      String actor, String record, String conversation, String outcome, String reason) {
    Decision decision =
        POLICY.mayWriteMessage(ACTORS.get(actor), facts(record), message(conversation));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0} reads | {1} | {2} -> {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor | record facts       | conversation facts | outcome | reason
          GP      | OPEN               | PARTY              | PERMIT  | MESSAGING_PROFESSIONAL
          GP      | OPEN               | STRANGER           | DENY    | NOT_A_PARTICIPANT
          GP      | OPEN BLOCKED       | PARTY              | DENY    | BLOCKED_BY_PATIENT
          GP      | OPEN ORG_BLOCKED   | PARTY              | DENY    | ORGANISATION_BLOCKED_BY_PATIENT
          GP      | OPPOSED            | PARTY              | DENY    | RECORD_NOT_AVAILABLE
          GP      | OPPOSED BLOCKED    | PARTY              | DENY    | BLOCKED_BY_PATIENT
          GP      | CLOSED ORG_BLOCKED | PARTY              | DENY    | ORGANISATION_BLOCKED_BY_PATIENT
          PATIENT | OPEN OWNER         | PARTY              | PERMIT  | OWN_RECORD
          PATIENT | CLOSED OWNER       | PARTY              | PERMIT  | OWN_RECORD
          PATIENT | OPEN NONE          | PARTY              | DENY    | NOT_OWN_RECORD
          PATIENT | OPEN OWNER         | STRANGER           | DENY    | NOT_A_PARTICIPANT
          PATIENT | OPEN REP           | PARTY              | PERMIT  | REPRESENTATIVE
          PATIENT | OPEN REP           | SECRET             | DENY    | CONVERSATION_HIDDEN_FROM_REPRESENTATIVES
          PATIENT | OPEN PROXY         | PARTY              | DENY    | PROXY_RESERVED_TO_PATIENT
          AGENT   | OPEN               | PARTY              | DENY    | ROLE_NOT_ALLOWED
          AUDITOR | OPEN               | PARTY              | DENY    | ROLE_NOT_ALLOWED
          ADMIN   | OPEN               | PARTY              | DENY    | ROLE_NOT_ALLOWED
          """)
  void readingAConversation(
      String actor, String record, String conversation, String outcome, String reason) {
    Decision decision =
        POLICY.mayReadMessages(ACTORS.get(actor), facts(record), message(conversation));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  /** MS30: who may name a patient by INS and traits at all, decided before any look-up. */
  @ParameterizedTest(name = "{0} starts by INS -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor | outcome | reason
          GP      | PERMIT  | MESSAGING_PROFESSIONAL
          NO_RPPS | DENY    | PROFESSIONAL_IDENTITY_INCOMPLETE
          PATIENT | DENY    | ROLE_NOT_ALLOWED
          AGENT   | DENY    | ROLE_NOT_ALLOWED
          AUDITOR | DENY    | ROLE_NOT_ALLOWED
          ADMIN   | DENY    | ROLE_NOT_ALLOWED
          """)
  void startingByIns(String actor, String outcome, String reason) {
    Decision decision = POLICY.mayStartConversationByIns(ACTORS.get(actor));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0} files | {1} | {2} -> {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor | record facts       | conversation facts | outcome | reason
          PATIENT | OPEN OWNER         | PARTY              | PERMIT  | PATIENT_UPLOAD
          PATIENT | CLOSED OWNER       | PARTY              | DENY    | RECORD_NOT_AVAILABLE
          PATIENT | OPEN REP           | PARTY              | DENY    | NOT_OWN_RECORD
          PATIENT | OPEN OWNER         | STRANGER           | DENY    | NOT_A_PARTICIPANT
          GP      | OPEN               | PARTY              | DENY    | ROLE_NOT_ALLOWED
          AGENT   | OPEN               | PARTY              | DENY    | ROLE_NOT_ALLOWED
          """)
  void filingAnAttachment(
      String actor, String record, String conversation, String outcome, String reason) {
    Decision decision =
        POLICY.mayFileAttachment(ACTORS.get(actor), facts(record), message(conversation));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  private static MessageFacts message(String words) {
    return switch (words) {
      case "NEW" -> MessageFacts.newFromProfessional(false);
      case "PARTY" -> new MessageFacts(true, true, true, false);
      case "STRANGER" -> new MessageFacts(false, true, true, false);
      case "WROTE_BEFORE" -> MessageFacts.newFromPatient(true);
      case "NEVER_WROTE" -> MessageFacts.newFromPatient(false);
      case "TO_PATIENT" -> new MessageFacts(true, true, false, false);
      case "SECRET" -> new MessageFacts(true, true, true, true);
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
