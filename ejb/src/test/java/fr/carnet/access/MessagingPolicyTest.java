package fr.carnet.access;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.record.model.Author;
import fr.carnet.record.model.DocumentStatus;
import fr.carnet.record.model.RecordState;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import java.time.LocalDate;
import java.util.List;
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

  /** The pharmacy of the pharmacy rows: its pharmacists' tokens carry its FINESS. */
  private static final String PHARMACY = "750000021";

  private static final Map<String, Actor> ACTORS =
      Map.of(
          "GP", Actor.professional("psc-1", "10101010101", "10", "general-practice", "1"),
          "NO_RPPS", Actor.professional("psc-6", null, "10", null, "1"),
          "PHARMACIST", Actor.professional("psc-21", "21212121212", "21", null, PHARMACY),
          "PHARMACIST_ELSEWHERE",
              Actor.professional("psc-22", "21212121213", "21", null, "750000022"),
          "PHARMACIST_NO_FINESS", Actor.professional("psc-23", "21212121214", "21", null, null),
          // A physician acting for the same FINESS: its token carries it, not the profession.
          "GP_OF_PHARMACY", Actor.professional("psc-24", "10101010124", "10", null, PHARMACY),
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
          PHARMACIST     | OPEN             | PHARMACY_PARTY | PERMIT | MESSAGING_PROFESSIONAL
          GP_OF_PHARMACY | OPEN             | PHARMACY_PARTY | DENY   | NOT_A_PHARMACIST
          PHARMACIST     | OPEN ORG_BLOCKED | PHARMACY_PARTY | DENY   | ORGANISATION_BLOCKED_BY_PATIENT
          PATIENT | OPEN OWNER         | PHARMACY_PARTY     | PERMIT  | OWN_RECORD
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
          PHARMACIST           | OPEN             | PHARMACY_PARTY | PERMIT | MESSAGING_PROFESSIONAL
          PHARMACIST_ELSEWHERE | OPEN             | PHARMACY_OTHER | DENY   | NOT_A_PARTICIPANT
          GP_OF_PHARMACY       | OPEN             | PHARMACY_PARTY | DENY   | NOT_A_PHARMACIST
          PHARMACIST           | OPEN ORG_BLOCKED | PHARMACY_PARTY | DENY   | ORGANISATION_BLOCKED_BY_PATIENT
          PHARMACIST           | OPPOSED          | PHARMACY_PARTY | DENY   | RECORD_NOT_AVAILABLE
          PHARMACIST           | CLOSED           | PHARMACY_PARTY | DENY   | RECORD_NOT_AVAILABLE
          PATIENT | OPEN OWNER         | PHARMACY_PARTY     | PERMIT  | OWN_RECORD
          PATIENT | OPEN PROXY         | PHARMACY_PARTY     | DENY    | PROXY_RESERVED_TO_PATIENT
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

  @ParameterizedTest(name = "{0} writes to a pharmacy | {1} | {2} | {3} -> {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor    | record facts    | the pharmacy in the record | prescription  | outcome | reason
          PATIENT    | OPEN OWNER      | PHARMACIST_DOCUMENT        | DOCUMENT      | PERMIT  | OWN_RECORD
          PATIENT    | OPEN OWNER      | PHARMACIST_MESSAGE         | ATTACHED      | PERMIT  | OWN_RECORD
          PATIENT    | OPEN OWNER      | SUPERSEDED_DOCUMENT        | DOCUMENT      | PERMIT  | OWN_RECORD
          PATIENT    | OPEN OWNER      | DOCUMENT_AND_OTHERS        | DOCUMENT      | PERMIT  | OWN_RECORD
          PATIENT    | OPEN OWNER      | NEVER                      | DOCUMENT      | DENY    | PHARMACY_NOT_VISITED
          PATIENT    | OPEN OWNER      | WITHDRAWN_DOCUMENT         | DOCUMENT      | DENY    | PHARMACY_NOT_VISITED
          PATIENT    | OPEN OWNER      | WITHHELD_DOCUMENT          | DOCUMENT      | DENY    | PHARMACY_NOT_VISITED
          PATIENT    | OPEN OWNER      | SECRET_DOCUMENT            | DOCUMENT      | DENY    | PHARMACY_NOT_VISITED
          PATIENT    | OPEN OWNER      | SECRET_CONVERSATION        | DOCUMENT      | DENY    | PHARMACY_NOT_VISITED
          PATIENT    | OPEN OWNER      | PHYSICIAN_DOCUMENT         | DOCUMENT      | DENY    | PHARMACY_NOT_VISITED
          PATIENT    | OPEN OWNER      | PHYSICIAN_MESSAGE          | DOCUMENT      | DENY    | PHARMACY_NOT_VISITED
          PATIENT    | OPEN OWNER      | UNKNOWN_AUTHOR_MESSAGE     | DOCUMENT      | DENY    | PHARMACY_NOT_VISITED
          PATIENT    | OPEN OWNER      | BLOCKED                    | DOCUMENT      | DENY    | PHARMACY_BLOCKED_BY_PATIENT
          PATIENT    | OPEN OWNER      | PHARMACIST_DOCUMENT        | NONE          | DENY    | PRESCRIPTION_REQUIRED
          PATIENT    | OPEN OWNER      | PHARMACIST_DOCUMENT        | MISSING       | DENY    | PRESCRIPTION_NOT_FOUND
          PATIENT    | OPEN OWNER      | PHARMACIST_DOCUMENT        | LAB_REPORT    | DENY    | NOT_A_PRESCRIPTION
          PATIENT    | OPEN OWNER      | PHARMACIST_DOCUMENT        | WITHHELD      | DENY    | WITHHELD_FROM_PATIENT
          PATIENT    | OPEN OWNER      | PHARMACIST_DOCUMENT        | WITHDRAWN     | DENY    | WITHDRAWN
          PATIENT    | OPEN OWNER      | PHARMACIST_DOCUMENT        | SECRET        | DENY    | PRESCRIPTION_HIDDEN_FROM_REPRESENTATIVES
          PATIENT    | OPEN OWNER      | PHARMACIST_DOCUMENT        | HELD_ELSEWHERE | DENY   | PRESCRIPTION_CONTENT_ELSEWHERE
          PATIENT    | OPEN OWNER      | PHARMACIST_DOCUMENT        | DOCUMENT_AND_ATTACHED | PERMIT | OWN_RECORD
          PATIENT    | OPEN OWNER      | PHARMACIST_DOCUMENT        | MISSING_AND_ATTACHED  | DENY   | PRESCRIPTION_NOT_FOUND
          PATIENT    | OPEN REP        | PHARMACIST_DOCUMENT        | DOCUMENT      | PERMIT  | REPRESENTATIVE
          PATIENT    | OPEN REP        | PHARMACIST_DOCUMENT        | SECRET        | DENY    | HIDDEN_FROM_REPRESENTATIVES
          PATIENT    | OPEN REP_OF_AGE | PHARMACIST_DOCUMENT        | DOCUMENT      | DENY    | REPRESENTED_PERSON_OF_AGE
          PATIENT    | OPEN PROXY      | PHARMACIST_DOCUMENT        | DOCUMENT      | DENY    | PROXY_RESERVED_TO_PATIENT
          PATIENT    | OPEN NONE       | PHARMACIST_DOCUMENT        | DOCUMENT      | DENY    | NOT_OWN_RECORD
          PATIENT    | OPPOSED OWNER   | PHARMACIST_DOCUMENT        | DOCUMENT      | DENY    | RECORD_NOT_AVAILABLE
          PATIENT    | CLOSED OWNER    | PHARMACIST_DOCUMENT        | DOCUMENT      | DENY    | RECORD_NOT_AVAILABLE
          PHARMACIST | OPEN            | PHARMACIST_DOCUMENT        | DOCUMENT      | DENY    | ROLE_NOT_ALLOWED
          GP         | OPEN            | PHARMACIST_DOCUMENT        | DOCUMENT      | DENY    | ROLE_NOT_ALLOWED
          AGENT      | OPEN            | PHARMACIST_DOCUMENT        | DOCUMENT      | DENY    | ROLE_NOT_ALLOWED
          AUDITOR    | OPEN            | PHARMACIST_DOCUMENT        | DOCUMENT      | DENY    | ROLE_NOT_ALLOWED
          ADMIN      | OPEN            | PHARMACIST_DOCUMENT        | DOCUMENT      | DENY    | ROLE_NOT_ALLOWED
          """)
  void writingToAPharmacy(
      String actor,
      String record,
      String pharmacy,
      String prescription,
      String outcome,
      String reason) {
    Decision decision =
        POLICY.mayWriteToPharmacy(
            ACTORS.get(actor), facts(record), pharmacy(pharmacy, prescription(prescription)));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  /** Pharmacists are whom the settings say: another code configured, a 21 is no longer one. */
  @ParameterizedTest(name = "pharmacists are {0}: {1}")
  @CsvSource({"21, PERMIT", "22, DENY"})
  void whoIsAPharmacistIsConfiguration(String professions, String outcome) {
    AccessPolicy policy =
        new AccessPolicy(
            new PolicySettings(
                18, Set.of(), Set.of(), Set.of(professions), Set.of("PRESCRIPTION")));
    Decision decision =
        policy.mayWriteToPharmacy(
            ACTORS.get("PATIENT"),
            facts("OPEN OWNER"),
            pharmacy("PHARMACIST_DOCUMENT", prescription("DOCUMENT")));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
  }

  @ParameterizedTest(name = "{0} lists a pharmacy inbox -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          PHARMACIST           | PERMIT | MESSAGING_PHARMACIST
          GP_OF_PHARMACY       | DENY   | INBOX_OF_PHARMACISTS
          PHARMACIST_NO_FINESS | DENY   | PROFESSIONAL_IDENTITY_INCOMPLETE
          NO_RPPS              | DENY   | PROFESSIONAL_IDENTITY_INCOMPLETE
          PATIENT              | DENY   | ROLE_NOT_ALLOWED
          AGENT                | DENY   | ROLE_NOT_ALLOWED
          AUDITOR              | DENY   | ROLE_NOT_ALLOWED
          ADMIN                | DENY   | ROLE_NOT_ALLOWED
          """)
  void listingAPharmacyInbox(String actor, String outcome, String reason) {
    Decision decision = POLICY.mayReadPharmacyInbox(ACTORS.get(actor));
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.reason()).isEqualTo(reason);
  }

  private static PharmacyFacts pharmacy(String words, PharmacyFacts.Prescription prescription) {
    PharmacyFacts.Contact pharmacistDocument =
        new PharmacyFacts.Contact(
            PharmacyFacts.Source.DOCUMENT, "21", DocumentStatus.CURRENT, false, false);
    List<PharmacyFacts.Contact> contacts =
        switch (words) {
          case "PHARMACIST_DOCUMENT", "BLOCKED" -> List.of(pharmacistDocument);
          case "PHARMACIST_MESSAGE" -> List.of(PharmacyFacts.Contact.message("21", false));
          case "SUPERSEDED_DOCUMENT" ->
              List.of(
                  new PharmacyFacts.Contact(
                      PharmacyFacts.Source.DOCUMENT,
                      "21",
                      DocumentStatus.SUPERSEDED,
                      false,
                      false));
          // One fact that counts among those that do not is enough.
          case "DOCUMENT_AND_OTHERS" ->
              List.of(
                  PharmacyFacts.Contact.message("10", false),
                  new PharmacyFacts.Contact(
                      PharmacyFacts.Source.DOCUMENT, "21", DocumentStatus.WITHDRAWN, false, false),
                  pharmacistDocument);
          case "NEVER" -> List.of();
          case "WITHDRAWN_DOCUMENT" ->
              List.of(
                  new PharmacyFacts.Contact(
                      PharmacyFacts.Source.DOCUMENT, "21", DocumentStatus.WITHDRAWN, false, false));
          case "WITHHELD_DOCUMENT" ->
              List.of(
                  new PharmacyFacts.Contact(
                      PharmacyFacts.Source.DOCUMENT, "21", DocumentStatus.CURRENT, true, false));
          case "SECRET_DOCUMENT" ->
              List.of(
                  new PharmacyFacts.Contact(
                      PharmacyFacts.Source.DOCUMENT, "21", DocumentStatus.CURRENT, false, true));
          case "SECRET_CONVERSATION" -> List.of(PharmacyFacts.Contact.message("21", true));
          case "PHYSICIAN_DOCUMENT" ->
              List.of(
                  new PharmacyFacts.Contact(
                      PharmacyFacts.Source.DOCUMENT, "10", DocumentStatus.CURRENT, false, false));
          case "PHYSICIAN_MESSAGE" -> List.of(PharmacyFacts.Contact.message("10", false));
          // A message kept before V38 knew the author's profession.
          case "UNKNOWN_AUTHOR_MESSAGE" -> List.of(PharmacyFacts.Contact.message(null, false));
          default -> throw new IllegalArgumentException(words);
        };
    return new PharmacyFacts(words.equals("BLOCKED"), contacts, prescription);
  }

  private static PharmacyFacts.Prescription prescription(String words) {
    DocumentFacts prescription = document("PRESCRIPTION", false, false, DocumentStatus.CURRENT);
    return switch (words) {
      case "DOCUMENT" -> PharmacyFacts.Prescription.document(prescription, true);
      case "ATTACHED" -> PharmacyFacts.Prescription.ATTACHED;
      case "NONE" -> PharmacyFacts.Prescription.NONE;
      case "MISSING" -> PharmacyFacts.Prescription.document(null, false);
      case "LAB_REPORT" ->
          PharmacyFacts.Prescription.document(
              document("LAB", false, false, DocumentStatus.CURRENT), true);
      case "WITHHELD" ->
          PharmacyFacts.Prescription.document(
              document("PRESCRIPTION", true, false, DocumentStatus.CURRENT), true);
      case "WITHDRAWN" ->
          PharmacyFacts.Prescription.document(
              document("PRESCRIPTION", false, false, DocumentStatus.WITHDRAWN), true);
      case "SECRET" ->
          PharmacyFacts.Prescription.document(
              document("PRESCRIPTION", false, true, DocumentStatus.CURRENT), true);
      case "HELD_ELSEWHERE" -> PharmacyFacts.Prescription.document(prescription, false);
      case "DOCUMENT_AND_ATTACHED" ->
          new PharmacyFacts.Prescription(true, true, prescription, true);
      case "MISSING_AND_ATTACHED" -> new PharmacyFacts.Prescription(true, true, null, false);
      default -> throw new IllegalArgumentException(words);
    };
  }

  private static DocumentFacts document(
      String classCode, boolean withheld, boolean secret, DocumentStatus status) {
    return new DocumentFacts(
        classCode, Author.Kind.PROFESSIONAL, "10101010101", withheld, secret, false, status);
  }

  private static MessageFacts message(String words) {
    return switch (words) {
      case "PHARMACY_PARTY" -> new MessageFacts(true, true, true, false, true);
      case "PHARMACY_OTHER" -> new MessageFacts(false, true, true, false, true);
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
