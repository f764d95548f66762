package fr.carnet.access;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.record.model.Author;
import fr.carnet.record.model.DocumentStatus;
import fr.carnet.record.model.RecordState;
import fr.carnet.reference.model.Rights;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The access rules as tables: each row names an actor, the facts of the record (space-separated
 * words), a document, and the expected decision with its layer, reason and mode. Then invariants
 * checked over every combination of facts, so that no combination slips between the rows.
 */
class AccessPolicyTableTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
  private static final String GP_RPPS = "10101010101";
  private static final java.util.UUID PROXY_ID =
      java.util.UUID.fromString("00000000-0000-0000-0000-0000000000aa");
  private static final AccessPolicy POLICY = new AccessPolicy(PolicySettings.DEFAULTS);

  private static final Map<String, Actor> ACTORS =
      Map.ofEntries(
          Map.entry("GP", Actor.professional("psc-1", GP_RPPS, "10", "general-practice", "1")),
          Map.entry("OTHER_GP", Actor.professional("psc-2", "10202020202", "10", null, "1")),
          Map.entry("DENTIST", Actor.professional("psc-3", "40303030303", "40", null, "1")),
          Map.entry(
              "OCCUPATIONAL",
              Actor.professional("psc-4", "10404040404", "10", "occupational-health", "1")),
          Map.entry(
              "EMERGENCY", Actor.professional("psc-5", "10505050505", "10", "emergency", "1")),
          Map.entry("NO_RPPS", Actor.professional("psc-6", null, "10", null, "1")),
          Map.entry("UNLISTED", Actor.professional("psc-7", "99707070707", "99", null, "1")),
          Map.entry("PATIENT", Actor.patient("p-1", "285057505612338")),
          Map.entry("AGENT", Actor.staff("agent-1", Role.AGENT)),
          Map.entry("AUDITOR", Actor.staff("auditor-1", Role.AUDITOR)),
          Map.entry("ADMIN", Actor.staff("admin-1", Role.ADMIN)));

  /** Rows of the starting matrix, as the facts would carry them. */
  private static final Map<String, MatrixRow> ROWS =
      Map.of(
          "10",
          row("RW", "LAB", "DENTAL", "OBSTETRICS", "SYNTHESIS", "PSYCHIATRY", "R:PATIENT"),
          "10/emergency",
          row("RW", "LAB", "OBSTETRICS", "SYNTHESIS", "PSYCHIATRY", "R:DENTAL", "R:PATIENT"),
          "10/occupational-health",
          row("W", "OCCUPATIONAL"),
          "40",
          row("RW", "DENTAL", "R:LAB", "R:PATIENT"));

  // ---- A person's identity -------------------------------------------------------------------

  @ParameterizedTest(name = "{0} | {1} | typed {2} -> {3} {4} ins={5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor   | facts            | typed | outcome | reason                       | ins
          GP        | OPEN NORMAL      | false | PERMIT  | AGREEMENT_CURRENT            | true
          GP        | OPEN BREAK_GLASS | false | PERMIT  | AGREEMENT_CURRENT            | true
          GP        | OPEN             | false | PERMIT  | TRAITS_ONLY                  | false
          GP        | OPEN             | true  | PERMIT  | INS_TYPED_BY_CALLER          | true
          GP        | OPPOSED          | true  | PERMIT  | INS_TYPED_BY_CALLER          | true
          GP        | OPEN NORMAL BLOCKED | false | DENY | IDENTITY_HIDDEN_FROM_BLOCKED | false
          GP        | OPEN BLOCKED     | true  | DENY    | IDENTITY_HIDDEN_FROM_BLOCKED | false
          GP        | OPEN NORMAL ORG_BLOCKED | false | DENY | IDENTITY_HIDDEN_FROM_BLOCKED | false
          GP        | OPEN ORG_BLOCKED | true  | DENY    | IDENTITY_HIDDEN_FROM_BLOCKED | false
          GP        | OPEN STANDING    | false | PERMIT  | AGREEMENT_CURRENT            | true
          NO_RPPS   | OPEN NORMAL      | false | DENY    | PROFESSIONAL_IDENTITY_INCOMPLETE | false
          AGENT     | OPEN             | false | PERMIT  | TRAITS_ONLY                  | false
          AGENT     | OPEN             | true  | PERMIT  | TRAITS_ONLY                  | false
          AUDITOR   | OPEN             | false | DENY    | ROLE_NOT_ALLOWED             | false
          ADMIN     | OPEN             | true  | DENY    | ROLE_NOT_ALLOWED             | false
          PATIENT   | OPEN OWNER       | false | DENY    | ROLE_NOT_ALLOWED             | false
          """)
  void identityIsDisclosedAsThePolicySays(
      String actor, String facts, boolean typed, String outcome, String reason, boolean ins) {
    Actor who = ACTORS.get(actor);
    IdentityDisclosure disclosure = POLICY.identityDisclosure(who, facts(who, facts), typed);

    assertThat(disclosure.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(disclosure.decision().reason()).isEqualTo(reason);
    assertThat(disclosure.ins()).isEqualTo(ins);
  }

  // ---- Reading one document ------------------------------------------------------------------

  @ParameterizedTest(name = "{0} | {1} | {2} -> {3} {4} {5}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # actor      | facts                         | document          | outcome | layer          | reason                      | mode
          GP           | OPEN NORMAL                   | LAB               | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL            | NORMAL
          GP           | OPEN                          | LAB               | DENY    | AGREEMENT      | NO_AGREEMENT                | -
          GP           | OPEN                          | LAB OWN           | PERMIT  | AUTHORSHIP     | AUTHOR                      | -
          GP           | PENDING NORMAL                | LAB               | DENY    | RECORD_STATE   | RECORD_NOT_AVAILABLE        | -
          GP           | PENDING NORMAL                | LAB OWN           | DENY    | RECORD_STATE   | RECORD_NOT_AVAILABLE        | -
          GP           | OPEN NORMAL                   | OCCUPATIONAL      | DENY    | MATRIX         | CLASS_NOT_READABLE          | NORMAL
          GP           | OPEN NORMAL                   | OCCUPATIONAL OWN  | PERMIT  | AUTHORSHIP     | AUTHOR                      | NORMAL
          DENTIST      | OPEN NORMAL                   | OBSTETRICS        | DENY    | MATRIX         | CLASS_NOT_READABLE          | NORMAL
          DENTIST      | OPEN NORMAL                   | DENTAL            | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL            | NORMAL
          DENTIST      | OPEN NORMAL                   | LAB               | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL            | NORMAL
          GP           | OPEN NORMAL                   | LAB MASKED        | DENY    | MASK           | MASKED_BY_PATIENT           | NORMAL
          GP           | OPEN NORMAL                   | LAB MASKED OWN    | PERMIT  | AUTHORSHIP     | AUTHOR                      | NORMAL
          GP           | OPEN NORMAL DESIGNATED_GP     | LAB MASKED        | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL            | NORMAL
          GP           | OPEN DESIGNATED_GP            | LAB               | PERMIT  | AGREEMENT      | DESIGNATED_GP               | NORMAL
          GP           | OPEN DESIGNATED_GP            | LAB MASKED        | PERMIT  | AGREEMENT      | DESIGNATED_GP               | NORMAL
          GP           | OPEN DESIGNATED_GP            | OCCUPATIONAL      | DENY    | MATRIX         | CLASS_NOT_READABLE          | NORMAL
          GP           | OPEN NORMAL BLOCKED           | LAB               | DENY    | BLOCK          | BLOCKED_BY_PATIENT          | NORMAL
          GP           | OPEN NORMAL BLOCKED           | LAB OWN           | DENY    | BLOCK          | BLOCKED_BY_PATIENT          | -
          GP           | OPEN DESIGNATED_GP BLOCKED    | LAB               | DENY    | BLOCK          | BLOCKED_BY_PATIENT          | NORMAL
          GP           | OPEN BLOCKED                  | LAB               | DENY    | AGREEMENT      | NO_AGREEMENT                | -
          EMERGENCY    | OPEN BREAK_GLASS              | LAB               | PERMIT  | AGREEMENT      | AGREEMENT_BREAK_GLASS       | BREAK_GLASS
          EMERGENCY    | OPEN BREAK_GLASS NO_EMERGENCY | LAB               | DENY    | AGREEMENT      | EMERGENCY_ACCESS_DISABLED   | BREAK_GLASS
          EMERGENCY    | OPEN BREAK_GLASS BLOCKED      | LAB               | DENY    | BLOCK          | BLOCKED_BY_PATIENT          | BREAK_GLASS
          EMERGENCY    | OPEN BREAK_GLASS              | OCCUPATIONAL      | DENY    | MATRIX         | CLASS_NOT_READABLE          | BREAK_GLASS
          EMERGENCY    | OPEN BREAK_GLASS              | LAB MASKED        | DENY    | MASK           | MASKED_BY_PATIENT           | BREAK_GLASS
          EMERGENCY    | OPEN REGULATION               | LAB               | PERMIT  | AGREEMENT      | AGREEMENT_REGULATION        | REGULATION
          EMERGENCY    | OPEN REGULATION NO_EMERGENCY  | LAB               | DENY    | AGREEMENT      | EMERGENCY_ACCESS_DISABLED   | REGULATION
          EMERGENCY    | OPEN NORMAL NO_EMERGENCY      | LAB               | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL            | NORMAL
          OCCUPATIONAL | OPEN NORMAL                   | OCCUPATIONAL OWN  | DENY    | ROLE           | WRITE_ONLY_PROFESSION       | -
          OCCUPATIONAL | OPEN NORMAL                   | LAB               | DENY    | ROLE           | WRITE_ONLY_PROFESSION       | -
          GP           | OPEN NORMAL                   | LAB WITHHELD      | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL            | NORMAL
          GP           | OPEN NORMAL                   | LAB HIDDEN_REP    | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL            | NORMAL
          GP           | OPEN NORMAL                   | LAB WITHDRAWN OWN | DENY    | DOCUMENT_STATE | WITHDRAWN                   | -
          GP           | OPEN NORMAL                   | LAB SUPERSEDED    | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL            | NORMAL
          GP           | OPEN NORMAL                   | PATIENT_UPLOAD    | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL            | NORMAL
          OTHER_GP     | OPEN                          | LAB               | DENY    | AGREEMENT      | NO_AGREEMENT                | -
          NO_RPPS      | OPEN NORMAL                   | LAB               | DENY    | IDENTITY       | PROFESSIONAL_IDENTITY_INCOMPLETE | -
          UNLISTED     | OPEN NORMAL                   | LAB               | DENY    | MATRIX         | CLASS_NOT_READABLE          | NORMAL
          PATIENT      | OPEN OWNER                    | LAB               | PERMIT  | ROLE           | OWN_RECORD                  | -
          PATIENT      | OPEN OWNER                    | LAB MASKED        | PERMIT  | ROLE           | OWN_RECORD                  | -
          PATIENT      | OPEN OWNER                    | LAB HIDDEN_REP    | PERMIT  | ROLE           | OWN_RECORD                  | -
          PATIENT      | PENDING OWNER                 | LAB               | PERMIT  | ROLE           | OWN_RECORD                  | -
          PATIENT      | OPEN OWNER                    | LAB WITHHELD      | DENY    | DOCUMENT_STATE | WITHHELD_FROM_PATIENT       | -
          PATIENT      | OPEN OWNER                    | LAB WITHDRAWN     | DENY    | DOCUMENT_STATE | WITHDRAWN                   | -
          PATIENT      | OPEN                          | LAB               | DENY    | IDENTITY       | NOT_OWN_RECORD              | -
          PATIENT      | OPEN CHILD                    | LAB               | PERMIT  | REPRESENTATION | REPRESENTATIVE              | -
          PATIENT      | OPEN CHILD                    | LAB HIDDEN_REP    | DENY    | REPRESENTATION | HIDDEN_FROM_REPRESENTATIVES | -
          PATIENT      | OPEN CHILD                    | LAB WITHHELD      | DENY    | DOCUMENT_STATE | WITHHELD_FROM_PATIENT       | -
          PATIENT      | OPEN EIGHTEEN_TODAY           | LAB               | DENY    | REPRESENTATION | REPRESENTED_PERSON_OF_AGE   | -
          PATIENT      | OPEN EIGHTEEN_TOMORROW        | LAB               | PERMIT  | REPRESENTATION | REPRESENTATIVE              | -
          PATIENT      | OPEN PROTECTED_ADULT          | LAB               | PERMIT  | REPRESENTATION | REPRESENTATIVE              | -
          PATIENT      | OPEN PROTECTED_ADULT          | LAB HIDDEN_REP    | DENY    | REPRESENTATION | HIDDEN_FROM_REPRESENTATIVES | -
          PATIENT      | OPEN PROXY_READ               | LAB               | PERMIT  | REPRESENTATION | PROXY                       | -
          PATIENT      | OPEN PROXY_MANAGE             | LAB MASKED        | PERMIT  | REPRESENTATION | PROXY                       | -
          PATIENT      | OPEN PROXY_ENDS_TODAY         | LAB               | PERMIT  | REPRESENTATION | PROXY                       | -
          PATIENT      | OPEN PROXY_EXPIRED            | LAB               | DENY    | REPRESENTATION | PROXY_EXPIRED               | -
          PATIENT      | OPEN PROXY_REVOKED            | LAB               | DENY    | REPRESENTATION | PROXY_REVOKED               | -
          PATIENT      | OPEN PROXY_READ               | LAB HIDDEN_REP    | DENY    | REPRESENTATION | HIDDEN_FROM_REPRESENTATIVES | -
          PATIENT      | OPEN PROXY_READ               | LAB WITHHELD      | DENY    | DOCUMENT_STATE | WITHHELD_FROM_PATIENT       | -
          PATIENT      | OPPOSED PROXY_MANAGE          | LAB               | DENY    | RECORD_STATE   | RECORD_NOT_AVAILABLE        | -
          AGENT        | OPEN NORMAL DESIGNATED_GP     | LAB               | DENY    | ROLE           | ROLE_NOT_ALLOWED            | -
          AUDITOR      | OPEN NORMAL                   | LAB               | DENY    | ROLE           | ROLE_NOT_ALLOWED            | -
          ADMIN        | OPEN NORMAL OWNER             | LAB               | DENY    | ROLE           | ROLE_NOT_ALLOWED            | -
          GP           | OPEN NORMAL LAB_CLASS_MASKED  | LAB               | DENY    | MASK           | CLASS_MASKED_BY_PATIENT     | NORMAL
          GP           | OPEN NORMAL LAB_CLASS_MASKED  | OBSTETRICS        | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL            | NORMAL
          GP           | OPEN NORMAL LAB_CLASS_MASKED  | LAB OWN           | PERMIT  | AUTHORSHIP     | AUTHOR                      | NORMAL
          GP           | OPEN LAB_CLASS_MASKED         | LAB OWN           | PERMIT  | AUTHORSHIP     | AUTHOR                      | -
          GP           | OPEN NORMAL DESIGNATED_GP LAB_CLASS_MASKED | LAB  | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL            | NORMAL
          GP           | OPEN DESIGNATED_GP LAB_CLASS_MASKED | LAB         | PERMIT  | AGREEMENT      | DESIGNATED_GP               | NORMAL
          EMERGENCY    | OPEN BREAK_GLASS LAB_CLASS_MASKED | LAB           | DENY    | MASK           | CLASS_MASKED_BY_PATIENT     | BREAK_GLASS
          DENTIST      | OPEN NORMAL LAB_CLASS_MASKED  | OBSTETRICS        | DENY    | MATRIX         | CLASS_NOT_READABLE          | NORMAL
          GP           | OPEN NORMAL ORG_BLOCKED       | LAB               | DENY    | BLOCK          | ORGANISATION_BLOCKED_BY_PATIENT | NORMAL
          GP           | OPEN NORMAL ORG_BLOCKED       | LAB OWN           | DENY    | BLOCK          | ORGANISATION_BLOCKED_BY_PATIENT | -
          GP           | OPEN DESIGNATED_GP ORG_BLOCKED | LAB              | DENY    | BLOCK          | ORGANISATION_BLOCKED_BY_PATIENT | NORMAL
          GP           | OPEN NORMAL BLOCKED ORG_BLOCKED | LAB             | DENY    | BLOCK          | BLOCKED_BY_PATIENT          | NORMAL
          EMERGENCY    | OPEN BREAK_GLASS ORG_BLOCKED  | LAB               | DENY    | BLOCK          | ORGANISATION_BLOCKED_BY_PATIENT | BREAK_GLASS
          EMERGENCY    | OPEN REGULATION ORG_BLOCKED   | LAB               | DENY    | BLOCK          | ORGANISATION_BLOCKED_BY_PATIENT | REGULATION
          OTHER_GP     | OPEN STANDING                 | LAB               | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL            | NORMAL
          OTHER_GP     | OPEN STANDING BLOCKED         | LAB               | DENY    | BLOCK          | BLOCKED_BY_PATIENT          | NORMAL
          OTHER_GP     | OPEN STANDING ORG_BLOCKED     | LAB               | DENY    | BLOCK          | ORGANISATION_BLOCKED_BY_PATIENT | NORMAL
          OTHER_GP     | OPEN STANDING                 | LAB MASKED        | DENY    | MASK           | MASKED_BY_PATIENT           | NORMAL
          OTHER_GP     | OPEN STANDING LAB_CLASS_MASKED | LAB              | DENY    | MASK           | CLASS_MASKED_BY_PATIENT     | NORMAL
          OTHER_GP     | PENDING STANDING              | LAB               | DENY    | RECORD_STATE   | RECORD_NOT_AVAILABLE        | -
          PATIENT      | OPEN OWNER LAB_CLASS_MASKED   | LAB               | PERMIT  | ROLE           | OWN_RECORD                  | -
          PATIENT      | OPEN CHILD LAB_CLASS_MASKED   | LAB               | PERMIT  | REPRESENTATION | REPRESENTATIVE              | -
          PATIENT      | OPEN CHILD LAB_CLASS_MASKED   | LAB HIDDEN_REP    | DENY    | REPRESENTATION | HIDDEN_FROM_REPRESENTATIVES | -
          PATIENT      | OPEN CHILD ORG_BLOCKED        | LAB               | PERMIT  | REPRESENTATION | REPRESENTATIVE              | -
          """)
  void readingOneDocument(
      String actor,
      String facts,
      String document,
      String outcome,
      Layer layer,
      String reason,
      AccessMode mode) {
    Actor who = ACTORS.get(actor);
    Decision decision = POLICY.mayRead(who, facts(who, facts), document(who, document));
    assertThat(decision).isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, mode));
  }

  // ---- Searching: what one query may show ----------------------------------------------------

  @ParameterizedTest(name = "{0} | {1} -> {2} {3} {4}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # actor      | facts                      | outcome | layer          | reason                | classes                               | masks | author      | withheld | hiddenRep
          GP           | OPEN NORMAL                | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL      | DENTAL LAB OBSTETRICS PATIENT PSYCHIATRY SYNTHESIS | true | 10101010101 | false | false
          GP           | OPEN DESIGNATED_GP         | PERMIT  | AGREEMENT      | DESIGNATED_GP         | DENTAL LAB OBSTETRICS PATIENT PSYCHIATRY SYNTHESIS | false | 10101010101 | false | false
          DENTIST      | OPEN NORMAL                | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL      | DENTAL LAB PATIENT                    | true  | 40303030303 | false    | false
          GP           | OPEN                       | DENY    | AGREEMENT      | NO_AGREEMENT          | -                                     | -     | -           | -        | -
          GP           | PENDING NORMAL             | DENY    | RECORD_STATE   | RECORD_NOT_AVAILABLE  | -                                     | -     | -           | -        | -
          GP           | OPEN NORMAL BLOCKED        | DENY    | BLOCK          | BLOCKED_BY_PATIENT    | -                                     | -     | -           | -        | -
          GP           | OPEN NORMAL ORG_BLOCKED    | DENY    | BLOCK          | ORGANISATION_BLOCKED_BY_PATIENT | -                           | -     | -           | -        | -
          EMERGENCY    | OPEN BREAK_GLASS ORG_BLOCKED | DENY  | BLOCK          | ORGANISATION_BLOCKED_BY_PATIENT | -                           | -     | -           | -        | -
          GP           | OPEN DESIGNATED_GP ORG_BLOCKED | DENY | BLOCK         | ORGANISATION_BLOCKED_BY_PATIENT | -                           | -     | -           | -        | -
          OTHER_GP     | OPEN STANDING              | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL      | DENTAL LAB OBSTETRICS PATIENT PSYCHIATRY SYNTHESIS | true | 10202020202 | false | false
          EMERGENCY    | OPEN BREAK_GLASS NO_EMERGENCY | DENY | AGREEMENT      | EMERGENCY_ACCESS_DISABLED | -                                 | -     | -           | -        | -
          OCCUPATIONAL | OPEN NORMAL                | DENY    | ROLE           | WRITE_ONLY_PROFESSION | -                                     | -     | -           | -        | -
          UNLISTED     | OPEN NORMAL                | DENY    | MATRIX         | DENIED_BY_MATRIX      | -                                     | -     | -           | -        | -
          PATIENT      | OPEN OWNER                 | PERMIT  | ROLE           | OWN_RECORD            | ALL                                   | false | -           | true     | false
          PATIENT      | OPEN CHILD                 | PERMIT  | REPRESENTATION | REPRESENTATIVE        | ALL                                   | false | -           | true     | true
          PATIENT      | OPEN EIGHTEEN_TODAY        | DENY    | REPRESENTATION | REPRESENTED_PERSON_OF_AGE | -                                 | -     | -           | -        | -
          PATIENT      | OPEN                       | DENY    | IDENTITY       | NOT_OWN_RECORD        | -                                     | -     | -           | -        | -
          PATIENT      | OPEN PROXY_READ            | PERMIT  | REPRESENTATION | PROXY                 | ALL                                   | false | -           | true     | true
          PATIENT      | OPEN PROXY_EXPIRED         | DENY    | REPRESENTATION | PROXY_EXPIRED         | -                                     | -     | -           | -        | -
          PATIENT      | OPEN PROXY_REVOKED         | DENY    | REPRESENTATION | PROXY_REVOKED         | -                                     | -     | -           | -        | -
          AGENT        | OPEN NORMAL                | DENY    | ROLE           | ROLE_NOT_ALLOWED      | -                                     | -     | -           | -        | -
          """)
  void searching(
      String actor,
      String facts,
      String outcome,
      Layer layer,
      String reason,
      String classes,
      Boolean masks,
      String author,
      Boolean withheld,
      Boolean hiddenFromRepresentatives) {
    Actor who = ACTORS.get(actor);
    Visibility visibility = POLICY.visibility(who, facts(who, facts));
    assertThat(visibility.decision().permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(visibility.decision().layer()).isEqualTo(layer);
    assertThat(visibility.decision().reason()).isEqualTo(reason);
    if (visibility.decision().permitted()) {
      assertThat(visibility.readableClasses())
          .isEqualTo(classes.equals("ALL") ? null : Set.of(classes.split(" ")));
      assertThat(visibility.honourMasks()).isEqualTo(masks);
      assertThat(visibility.authorRpps()).isEqualTo(author);
      assertThat(visibility.hideWithheld()).isEqualTo(withheld);
      assertThat(visibility.hideFromRepresentatives()).isEqualTo(hiddenFromRepresentatives);
    } else {
      // A refusal shows nothing, whatever a query would do with it.
      assertThat(visibility.readableClasses()).isEmpty();
    }
  }

  // ---- Writing -------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} | {1} | {2} -> {3} {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor      | facts               | class        | outcome | layer        | reason
          GP           | OPEN                | LAB          | PERMIT  | MATRIX       | MATRIX_WRITE
          GP           | OPEN BLOCKED        | LAB          | PERMIT  | MATRIX       | MATRIX_WRITE
          GP           | OPEN ORG_BLOCKED    | LAB          | PERMIT  | MATRIX       | MATRIX_WRITE
          GP           | PENDING             | LAB          | DENY    | RECORD_STATE | RECORD_NOT_AVAILABLE
          GP           | OPEN                | OCCUPATIONAL | DENY    | MATRIX       | DENIED_BY_MATRIX
          GP           | OPEN                | PATIENT      | DENY    | MATRIX       | DENIED_BY_MATRIX
          DENTIST      | OPEN                | OBSTETRICS   | DENY    | MATRIX       | DENIED_BY_MATRIX
          DENTIST      | OPEN                | DENTAL       | PERMIT  | MATRIX       | MATRIX_WRITE
          OCCUPATIONAL | OPEN                | OCCUPATIONAL | PERMIT  | MATRIX       | MATRIX_WRITE
          NO_RPPS      | OPEN                | LAB          | DENY    | IDENTITY     | PROFESSIONAL_IDENTITY_INCOMPLETE
          PATIENT      | OPEN OWNER          | PATIENT      | PERMIT  | ROLE         | PATIENT_UPLOAD
          PATIENT      | OPEN OWNER          | LAB          | DENY    | ROLE         | PATIENT_UPLOADS_ONLY_PATIENT_CLASS
          PATIENT      | PENDING OWNER       | PATIENT      | DENY    | RECORD_STATE | RECORD_NOT_AVAILABLE
          PATIENT      | OPEN CHILD          | PATIENT      | DENY    | IDENTITY     | NOT_OWN_RECORD
          PATIENT      | OPEN                | PATIENT      | DENY    | IDENTITY     | NOT_OWN_RECORD
          PATIENT      | OPEN PROXY_MANAGE   | PATIENT      | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT      | OPEN PROXY_EXPIRED  | PATIENT      | DENY    | REPRESENTATION | PROXY_EXPIRED
          AGENT        | OPEN                | LAB          | DENY    | ROLE         | ROLE_NOT_ALLOWED
          AUDITOR      | OPEN                | LAB          | DENY    | ROLE         | ROLE_NOT_ALLOWED
          ADMIN        | OPEN                | LAB          | DENY    | ROLE         | ROLE_NOT_ALLOWED
          """)
  void publishing(
      String actor, String facts, String classCode, String outcome, Layer layer, String reason) {
    Actor who = ACTORS.get(actor);
    assertThat(POLICY.mayPublish(who, facts(who, facts), classCode))
        .isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
    if (!who.is(Role.PATIENT)) {
      // The profile follows the same rule as documents for professionals and staff.
      assertThat(POLICY.mayWriteProfile(who, facts(who, facts), classCode))
          .isEqualTo(POLICY.mayPublish(who, facts(who, facts), classCode));
    }
  }

  @ParameterizedTest(name = "{0} | {1} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor   | facts         | outcome | layer        | reason
          PATIENT   | OPEN OWNER    | PERMIT  | ROLE         | SELF_DECLARED
          PATIENT   | PENDING OWNER | DENY    | RECORD_STATE | RECORD_NOT_AVAILABLE
          PATIENT   | OPEN CHILD    | DENY    | IDENTITY     | NOT_OWN_RECORD
          PATIENT   | OPEN PROXY_MANAGE | DENY | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | OPEN PROXY_REVOKED | DENY | REPRESENTATION | PROXY_REVOKED
          """)
  void selfDeclaredProfile(String actor, String facts, String outcome, Layer layer, String reason) {
    Actor who = ACTORS.get(actor);
    assertThat(POLICY.mayWriteProfile(who, facts(who, facts), "SYNTHESIS"))
        .isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  /** One profile entry among those the record's visibility lets through, secret or not. */
  @ParameterizedTest(name = "{0} | {1} | secret={2} -> {3} {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor      | facts                  | secret | outcome | layer          | reason
          PATIENT      | OPEN OWNER             | false  | PERMIT  | ROLE           | OWN_RECORD
          PATIENT      | OPEN OWNER             | true   | PERMIT  | ROLE           | OWN_RECORD
          PATIENT      | OPEN CHILD             | false  | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT      | OPEN CHILD             | true   | DENY    | REPRESENTATION | HIDDEN_FROM_REPRESENTATIVES
          PATIENT      | OPEN PROTECTED_ADULT   | true   | DENY    | REPRESENTATION | HIDDEN_FROM_REPRESENTATIVES
          PATIENT      | OPEN EIGHTEEN_TODAY    | false  | DENY    | REPRESENTATION | REPRESENTED_PERSON_OF_AGE
          PATIENT      | OPEN EIGHTEEN_TODAY    | true   | DENY    | REPRESENTATION | REPRESENTED_PERSON_OF_AGE
          PATIENT      | OPEN                   | true   | DENY    | IDENTITY       | NOT_OWN_RECORD
          PATIENT      | OPEN PROXY_READ        | false  | PERMIT  | REPRESENTATION | PROXY
          PATIENT      | OPEN PROXY_MANAGE      | true   | DENY    | REPRESENTATION | HIDDEN_FROM_REPRESENTATIVES
          PATIENT      | OPEN PROXY_EXPIRED     | false  | DENY    | REPRESENTATION | PROXY_EXPIRED
          GP           | OPEN NORMAL            | false  | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL
          GP           | OPEN NORMAL            | true   | PERMIT  | AGREEMENT      | AGREEMENT_NORMAL
          GP           | OPEN                   | true   | DENY    | AGREEMENT      | NO_AGREEMENT
          GP           | OPEN NORMAL BLOCKED    | true   | DENY    | BLOCK          | BLOCKED_BY_PATIENT
          OCCUPATIONAL | OPEN NORMAL            | true   | DENY    | ROLE           | WRITE_ONLY_PROFESSION
          AGENT        | OPEN                   | true   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          AUDITOR      | OPEN                   | false  | DENY    | ROLE           | ROLE_NOT_ALLOWED
          """)
  void readingOneProfileEntry(
      String actor, String facts, boolean secret, String outcome, Layer layer, String reason) {
    Actor who = ACTORS.get(actor);
    Decision decision = POLICY.mayReadProfileEntry(who, facts(who, facts), secret);
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.layer()).isEqualTo(layer);
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0} | {1} | {2} -> {3} {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor      | facts          | document         | outcome | layer          | reason
          GP           | OPEN           | LAB OWN          | PERMIT  | AUTHORSHIP     | AUTHOR
          GP           | OPEN BLOCKED   | LAB OWN          | PERMIT  | AUTHORSHIP     | AUTHOR
          GP           | PENDING        | LAB OWN          | DENY    | RECORD_STATE   | RECORD_NOT_AVAILABLE
          GP           | OPEN NORMAL    | LAB              | DENY    | AUTHORSHIP     | NOT_AUTHOR
          GP           | OPEN           | LAB OWN SUPERSEDED | DENY  | DOCUMENT_STATE | NOT_CURRENT
          GP           | OPEN           | LAB OWN WITHDRAWN  | DENY  | DOCUMENT_STATE | NOT_CURRENT
          NO_RPPS      | OPEN           | LAB              | DENY    | IDENTITY       | PROFESSIONAL_IDENTITY_INCOMPLETE
          PATIENT      | OPEN OWNER     | PATIENT_UPLOAD   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          AGENT        | OPEN           | LAB              | DENY    | ROLE           | ROLE_NOT_ALLOWED
          """)
  void amending(
      String actor, String facts, String document, String outcome, Layer layer, String reason) {
    Actor who = ACTORS.get(actor);
    assertThat(POLICY.mayAmend(who, facts(who, facts), document(who, document)))
        .isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  // ---- Grants and controls -------------------------------------------------------------------

  @ParameterizedTest(name = "{0} | {1} | {2} -> {3} {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor      | facts                     | mode        | outcome | layer        | reason
          GP           | OPEN                      | NORMAL      | PERMIT  | AGREEMENT    | GRANTED_NORMAL
          GP           | OPEN NO_EMERGENCY         | NORMAL      | PERMIT  | AGREEMENT    | GRANTED_NORMAL
          GP           | OPEN BLOCKED              | NORMAL      | DENY    | BLOCK        | BLOCKED_BY_PATIENT
          GP           | PENDING                   | NORMAL      | DENY    | RECORD_STATE | RECORD_NOT_AVAILABLE
          GP           | OPEN                      | BREAK_GLASS | PERMIT  | AGREEMENT    | GRANTED_BREAK_GLASS
          GP           | OPEN NO_EMERGENCY         | BREAK_GLASS | DENY    | AGREEMENT    | EMERGENCY_ACCESS_DISABLED
          GP           | OPEN BLOCKED              | BREAK_GLASS | DENY    | BLOCK        | BLOCKED_BY_PATIENT
          GP           | OPEN                      | REGULATION  | DENY    | ROLE         | NOT_A_REGULATION_DOCTOR
          EMERGENCY    | OPEN                      | REGULATION  | PERMIT  | AGREEMENT    | GRANTED_REGULATION
          EMERGENCY    | OPEN NO_EMERGENCY         | REGULATION  | DENY    | AGREEMENT    | EMERGENCY_ACCESS_DISABLED
          OCCUPATIONAL | OPEN                      | NORMAL      | DENY    | ROLE         | WRITE_ONLY_PROFESSION
          NO_RPPS      | OPEN                      | NORMAL      | DENY    | IDENTITY     | PROFESSIONAL_IDENTITY_INCOMPLETE
          PATIENT      | OPEN OWNER                | NORMAL      | DENY    | ROLE         | ROLE_NOT_ALLOWED
          AGENT        | OPEN                      | BREAK_GLASS | DENY    | ROLE         | ROLE_NOT_ALLOWED
          GP           | OPEN ORG_BLOCKED          | NORMAL      | DENY    | BLOCK        | ORGANISATION_BLOCKED_BY_PATIENT
          EMERGENCY    | OPEN ORG_BLOCKED          | BREAK_GLASS | DENY    | BLOCK        | ORGANISATION_BLOCKED_BY_PATIENT
          EMERGENCY    | OPEN ORG_BLOCKED          | REGULATION  | DENY    | BLOCK        | ORGANISATION_BLOCKED_BY_PATIENT
          EMERGENCY    | OPEN STANDING BLOCKED     | BREAK_GLASS | DENY    | BLOCK        | BLOCKED_BY_PATIENT
          """)
  void granting(
      String actor, String facts, AccessMode mode, String outcome, Layer layer, String reason) {
    Actor who = ACTORS.get(actor);
    Decision decision = POLICY.mayGrant(who, facts(who, facts), mode);
    assertThat(decision.permitted()).isEqualTo(outcome.equals("PERMIT"));
    assertThat(decision.layer()).isEqualTo(layer);
    assertThat(decision.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0} | {1} -> {2} {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor   | facts                | outcome | layer          | reason
          PATIENT   | OPEN OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | PENDING OWNER        | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | OPEN CHILD           | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT   | OPEN PROTECTED_ADULT | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT   | OPEN EIGHTEEN_TODAY  | DENY    | REPRESENTATION | REPRESENTED_PERSON_OF_AGE
          PATIENT   | OPEN                 | DENY    | IDENTITY       | NOT_OWN_RECORD
          PATIENT   | OPEN PROXY_MANAGE    | PERMIT  | REPRESENTATION | PROXY_MANAGE
          PATIENT   | OPEN PROXY_ENDS_TODAY | PERMIT | REPRESENTATION | PROXY_MANAGE
          PATIENT   | OPEN PROXY_READ      | DENY    | REPRESENTATION | PROXY_READ_ONLY
          PATIENT   | OPEN PROXY_EXPIRED   | DENY    | REPRESENTATION | PROXY_EXPIRED
          PATIENT   | OPEN PROXY_REVOKED   | DENY    | REPRESENTATION | PROXY_REVOKED
          PATIENT   | PENDING PROXY_MANAGE | DENY    | RECORD_STATE   | RECORD_NOT_AVAILABLE
          GP        | OPEN DESIGNATED_GP   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          AGENT     | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          ADMIN     | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          """)
  void managingThePatientsControls(
      String actor, String facts, String outcome, Layer layer, String reason) {
    Actor who = ACTORS.get(actor);
    assertThat(POLICY.mayManageControls(who, facts(who, facts)))
        .isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  /** A masked class, in what one query shows: hidden but for the GP, the author and patients. */
  @ParameterizedTest(name = "{0} | {1} -> masked classes {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor   | facts                                  | masked classes
          GP        | OPEN NORMAL LAB_CLASS_MASKED           | LAB
          EMERGENCY | OPEN BREAK_GLASS LAB_CLASS_MASKED      | LAB
          OTHER_GP  | OPEN STANDING LAB_CLASS_MASKED         | LAB
          GP        | OPEN NORMAL                            | NONE
          GP        | OPEN DESIGNATED_GP LAB_CLASS_MASKED    | NONE
          PATIENT   | OPEN OWNER LAB_CLASS_MASKED            | NONE
          PATIENT   | OPEN CHILD LAB_CLASS_MASKED            | NONE
          """)
  void aMaskedClassInASearch(String actor, String facts, String masked) {
    Actor who = ACTORS.get(actor);
    Visibility visibility = POLICY.visibility(who, facts(who, facts));
    assertThat(visibility.decision().permitted()).isTrue();
    assertThat(visibility.maskedClasses())
        .isEqualTo(masked.equals("NONE") ? Set.of() : Set.of(masked));
    assertThat(visibility.classMasked("LAB")).isEqualTo(!masked.equals("NONE"));
  }

  /**
   * Restrictions of care access as a whole (a masked class, a blocked organisation): the patient
   * side sets and lifts them; a managing proxy sets, never lifts; an agent lists and sets them on
   * the caller's request, never lifts.
   */
  @ParameterizedTest(name = "{0} {1} | {2} -> {3} {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor   | action | facts                | outcome | layer          | reason
          PATIENT   | LIST   | OPEN OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | SET    | OPEN OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | LIFT   | OPEN OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | SET    | PENDING OWNER        | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | SET    | OPEN CHILD           | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT   | LIFT   | OPEN CHILD           | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT   | LIFT   | OPEN PROTECTED_ADULT | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT   | SET    | OPEN EIGHTEEN_TODAY  | DENY    | REPRESENTATION | REPRESENTED_PERSON_OF_AGE
          PATIENT   | LIFT   | OPEN EIGHTEEN_TODAY  | DENY    | REPRESENTATION | REPRESENTED_PERSON_OF_AGE
          PATIENT   | SET    | OPEN                 | DENY    | IDENTITY       | NOT_OWN_RECORD
          PATIENT   | LIST   | OPEN                 | DENY    | IDENTITY       | NOT_OWN_RECORD
          PATIENT   | LIST   | OPEN PROXY_READ      | PERMIT  | REPRESENTATION | PROXY
          PATIENT   | SET    | OPEN PROXY_READ      | DENY    | REPRESENTATION | PROXY_READ_ONLY
          PATIENT   | SET    | OPEN PROXY_MANAGE    | PERMIT  | REPRESENTATION | PROXY_MANAGE
          PATIENT   | LIFT   | OPEN PROXY_MANAGE    | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | SET    | OPEN PROXY_EXPIRED   | DENY    | REPRESENTATION | PROXY_EXPIRED
          PATIENT   | LIFT   | OPEN PROXY_REVOKED   | DENY    | REPRESENTATION | PROXY_REVOKED
          AGENT     | LIST   | OPEN                 | DENY    | IDENTITY       | CALLER_NOT_CONFIRMED
          AGENT     | LIST   | OPEN CALLER_CONFIRMED | PERMIT | IDENTITY       | CALLER_CONFIRMED
          AGENT     | SET    | OPEN                 | DENY    | IDENTITY       | CALLER_NOT_CONFIRMED
          AGENT     | SET    | OPEN CALLER_CONFIRMED | PERMIT | IDENTITY       | CALLER_CONFIRMED
          AGENT     | LIFT   | OPEN                 | DENY    | ROLE           | AGENT_MAY_NOT_LIFT
          AGENT     | LIFT   | OPEN CALLER_CONFIRMED | DENY   | ROLE           | AGENT_MAY_NOT_LIFT
          AGENT     | UNBLOCK | OPEN                | DENY    | IDENTITY       | CALLER_NOT_CONFIRMED
          AGENT     | UNBLOCK | OPEN CALLER_CONFIRMED | PERMIT | IDENTITY      | CALLER_CONFIRMED
          AGENT     | UNBLOCK | OPEN CALLER_TRAITS   | DENY    | IDENTITY       | CALLER_CODE_REQUIRED
          AGENT     | SET    | OPEN CALLER_TRAITS    | PERMIT | IDENTITY       | CALLER_CONFIRMED
          AGENT     | SET    | CLOSED CALLER_CONFIRMED | DENY | RECORD_STATE   | RECORD_CLOSED
          PATIENT   | UNBLOCK | OPEN OWNER          | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | UNBLOCK | OPEN PROXY_MANAGE   | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          GP        | SET    | OPEN DESIGNATED_GP   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          GP        | LIST   | OPEN NORMAL          | DENY    | ROLE           | ROLE_NOT_ALLOWED
          EMERGENCY | LIFT   | OPEN BREAK_GLASS     | DENY    | ROLE           | ROLE_NOT_ALLOWED
          ADMIN     | SET    | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          ADMIN     | LIFT   | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          AUDITOR   | LIST   | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          """)
  void restrictingCareAccessAsAWhole(
      String actor,
      RestrictionAction action,
      String facts,
      String outcome,
      Layer layer,
      String reason) {
    Actor who = ACTORS.get(actor);
    assertThat(POLICY.mayRestrict(who, facts(who, facts), action))
        .isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  /** A parent's standing agreement ends at the minor's majority; the patient's runs as chosen. */
  @ParameterizedTest(name = "standing agreement limit: {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # facts                  | limited to majority
          OPEN CHILD               | true
          OPEN OWNER               | false
          OPEN PROTECTED_ADULT     | false
          """)
  void aParentsStandingAgreementEndsAtTheMinorsMajority(String facts, boolean limited) {
    Actor patient = ACTORS.get("PATIENT");
    AccessFacts standing = facts(patient, facts);
    java.time.LocalDate limit = POLICY.standingAgreementLimit(standing);
    if (limited) {
      assertThat(limit)
          .isEqualTo(standing.representation().representedBirthDate().plusYears(18))
          .isAfter(standing.today());
    } else {
      assertThat(limit).isNull();
    }
  }

  /**
   * The patient's controls changed on the phone (issue 19): the patient's side as before (a proxy
   * narrows, never widens); an agent only once the desk confirmed the caller, and never otherwise.
   */
  @ParameterizedTest(name = "{0} {1} | {2} -> {3} {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor   | change              | facts                 | outcome | layer          | reason
          AGENT     | READ                | OPEN                  | DENY    | IDENTITY       | CALLER_NOT_CONFIRMED
          AGENT     | READ                | OPEN CALLER_CONFIRMED | PERMIT  | IDENTITY       | CALLER_CONFIRMED
          AGENT     | SETTINGS            | OPEN                  | DENY    | IDENTITY       | CALLER_NOT_CONFIRMED
          AGENT     | SETTINGS            | OPEN CALLER_CONFIRMED | PERMIT  | IDENTITY       | CALLER_CONFIRMED
          AGENT     | EMERGENCY_ACCESS_ON | OPEN NO_EMERGENCY     | DENY    | IDENTITY       | CALLER_NOT_CONFIRMED
          AGENT     | EMERGENCY_ACCESS_ON | OPEN NO_EMERGENCY CALLER_CONFIRMED | PERMIT | IDENTITY | CALLER_CONFIRMED
          AGENT     | BLOCK               | OPEN                  | DENY    | IDENTITY       | CALLER_NOT_CONFIRMED
          AGENT     | UNBLOCK             | OPEN CALLER_CONFIRMED | PERMIT  | IDENTITY       | CALLER_CONFIRMED
          AGENT     | DESIGNATE_GP        | OPEN                  | DENY    | IDENTITY       | CALLER_NOT_CONFIRMED
          AGENT     | DESIGNATE_GP        | OPEN CALLER_CONFIRMED | PERMIT  | IDENTITY       | CALLER_CONFIRMED
          AGENT     | CLEAR_GP            | OPEN CALLER_CONFIRMED | PERMIT  | IDENTITY       | CALLER_CONFIRMED
          AGENT     | RESEARCH            | OPEN                  | DENY    | IDENTITY       | CALLER_NOT_CONFIRMED
          AGENT     | RESEARCH            | OPEN CALLER_CONFIRMED | PERMIT  | IDENTITY       | CALLER_CONFIRMED
          AGENT     | SETTINGS            | OPEN CALLER_TRAITS    | PERMIT  | IDENTITY       | CALLER_CONFIRMED
          AGENT     | BLOCK               | OPEN CALLER_TRAITS    | PERMIT  | IDENTITY       | CALLER_CONFIRMED
          AGENT     | CLEAR_GP            | OPEN CALLER_TRAITS    | PERMIT  | IDENTITY       | CALLER_CONFIRMED
          AGENT     | EMERGENCY_ACCESS_ON | OPEN NO_EMERGENCY CALLER_TRAITS | DENY | IDENTITY | CALLER_CODE_REQUIRED
          AGENT     | UNBLOCK             | OPEN CALLER_TRAITS    | DENY    | IDENTITY       | CALLER_CODE_REQUIRED
          AGENT     | DESIGNATE_GP        | OPEN CALLER_TRAITS    | DENY    | IDENTITY       | CALLER_CODE_REQUIRED
          AGENT     | RESEARCH            | OPEN CALLER_TRAITS    | DENY    | IDENTITY       | CALLER_CODE_REQUIRED
          AGENT     | CHANNELS            | OPEN CALLER_TRAITS    | DENY    | IDENTITY       | CALLER_CODE_REQUIRED
          AGENT     | CHANNELS            | OPEN CALLER_CONFIRMED | PERMIT  | IDENTITY       | CALLER_CONFIRMED
          AGENT     | BLOCK               | CLOSED CALLER_CONFIRMED | DENY  | RECORD_STATE   | RECORD_CLOSED
          AGENT     | RESEARCH            | CLOSED CALLER_CONFIRMED | DENY  | RECORD_STATE   | RECORD_CLOSED
          AGENT     | READ                | CLOSED CALLER_CONFIRMED | PERMIT | IDENTITY      | CALLER_CONFIRMED
          PATIENT   | READ                | OPEN OWNER            | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | EMERGENCY_ACCESS_ON | OPEN OWNER NO_EMERGENCY | PERMIT | ROLE          | OWN_RECORD
          PATIENT   | SETTINGS            | OPEN PROXY_MANAGE     | PERMIT  | REPRESENTATION | PROXY_MANAGE
          PATIENT   | EMERGENCY_ACCESS_ON | OPEN PROXY_MANAGE     | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | UNBLOCK             | OPEN PROXY_MANAGE     | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | DESIGNATE_GP        | OPEN CHILD            | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT   | RESEARCH            | OPEN PROXY_MANAGE     | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | READ                | OPEN CALLER_CONFIRMED | DENY    | IDENTITY       | NOT_OWN_RECORD
          GP        | READ                | OPEN DESIGNATED_GP CALLER_CONFIRMED | DENY | ROLE  | ROLE_NOT_ALLOWED
          ADMIN     | SETTINGS            | OPEN CALLER_CONFIRMED | DENY    | ROLE           | ROLE_NOT_ALLOWED
          AUDITOR   | READ                | OPEN                  | DENY    | ROLE           | ROLE_NOT_ALLOWED
          """)
  void changingTheControlsOnThePhone(
      String actor,
      ControlChange change,
      String facts,
      String outcome,
      Layer layer,
      String reason) {
    Actor who = ACTORS.get(actor);
    assertThat(POLICY.mayChangeControl(who, facts(who, facts), change))
        .isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  /**
   * What an agent never does, confirmed caller or not: read the access history, see masked
   * documents' titles (the document masks), widen access or give a right the way the patient does.
   */
  @ParameterizedTest(name = "{0} | {1} -> {2} {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # rule              | facts                 | outcome | layer    | reason
          HISTORY_SENDING     | OPEN                  | DENY    | IDENTITY | CALLER_NOT_CONFIRMED
          HISTORY_SENDING     | OPEN CALLER_CONFIRMED | PERMIT  | IDENTITY | CALLER_CONFIRMED
          HISTORY_SENDING     | CLOSED CALLER_CONFIRMED | PERMIT | IDENTITY | CALLER_CONFIRMED
          READ_HISTORY        | OPEN CALLER_CONFIRMED | DENY    | ROLE     | ROLE_NOT_ALLOWED
          MANAGE_CONTROLS     | OPEN CALLER_CONFIRMED | DENY    | ROLE     | ROLE_NOT_ALLOWED
          WIDEN               | OPEN CALLER_CONFIRMED | DENY    | ROLE     | ROLE_NOT_ALLOWED
          EXPORT              | OPEN CALLER_CONFIRMED | DENY    | ROLE     | ROLE_NOT_ALLOWED
          """)
  void whatAConfirmedAgentStillNeverDoes(
      String rule, String facts, String outcome, Layer layer, String reason) {
    Actor agent = ACTORS.get("AGENT");
    AccessFacts f = facts(agent, facts);
    Decision decision =
        switch (rule) {
          case "HISTORY_SENDING" -> POLICY.mayRequestHistorySending(agent, f);
          case "READ_HISTORY" -> POLICY.mayReadHistory(agent, f);
          // Document masks (and their titles) and standing agreements go through these two.
          case "MANAGE_CONTROLS" -> POLICY.mayManageControls(agent, f);
          case "WIDEN" -> POLICY.mayWidenAccess(agent, f);
          default -> POLICY.mayExport(agent, f);
        };
    assertThat(decision).isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  @ParameterizedTest(name = "history sending: {0} | {1} -> {2} {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor   | facts                | outcome | layer          | reason
          PATIENT   | OPEN OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | OPEN PROXY_READ      | PERMIT  | REPRESENTATION | PROXY
          PATIENT   | OPEN                 | DENY    | IDENTITY       | NOT_OWN_RECORD
          GP        | OPEN NORMAL CALLER_CONFIRMED | DENY | ROLE      | ROLE_NOT_ALLOWED
          ADMIN     | OPEN CALLER_CONFIRMED | DENY   | ROLE           | ROLE_NOT_ALLOWED
          """)
  void havingTheHistorySentToThePatient(
      String actor, String facts, String outcome, Layer layer, String reason) {
    Actor who = ACTORS.get(actor);
    assertThat(POLICY.mayRequestHistorySending(who, facts(who, facts)))
        .isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  // ---- Portability ---------------------------------------------------------------------------

  @ParameterizedTest(name = "export: {0} | {1} -> {2} {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor      | facts                  | outcome | layer          | reason
          PATIENT      | OPEN OWNER             | PERMIT  | ROLE           | OWN_RECORD
          PATIENT      | OPPOSED OWNER          | PERMIT  | ROLE           | OWN_RECORD
          PATIENT      | CLOSED OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT      | OPEN CHILD             | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT      | OPEN PROTECTED_ADULT   | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT      | OPEN EIGHTEEN_TODAY    | DENY    | REPRESENTATION | REPRESENTED_PERSON_OF_AGE
          PATIENT      | OPEN                   | DENY    | IDENTITY       | NOT_OWN_RECORD
          GP           | OPEN NORMAL DESIGNATED_GP | DENY | ROLE           | ROLE_NOT_ALLOWED
          EMERGENCY    | OPEN BREAK_GLASS       | DENY    | ROLE           | ROLE_NOT_ALLOWED
          AGENT        | OPEN                   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          AUDITOR      | OPEN                   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          ADMIN        | OPEN                   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          """)
  void downloadingThePortabilityExport(
      String actor, String facts, String outcome, Layer layer, String reason) {
    Actor who = ACTORS.get(actor);
    assertThat(POLICY.mayExport(who, facts(who, facts)))
        .isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  @ParameterizedTest(name = "export sending: {0} | {1} -> {2} {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor      | facts                  | outcome | layer          | reason
          AGENT        | OPEN                   | DENY    | IDENTITY       | CALLER_NOT_CONFIRMED
          AGENT        | OPEN CALLER_CONFIRMED  | PERMIT  | IDENTITY       | CALLER_CONFIRMED
          AGENT        | CLOSED CALLER_CONFIRMED | PERMIT | IDENTITY       | CALLER_CONFIRMED
          PATIENT      | OPEN OWNER             | PERMIT  | ROLE           | OWN_RECORD
          PATIENT      | OPEN CHILD             | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT      | OPEN EIGHTEEN_TODAY    | DENY    | REPRESENTATION | REPRESENTED_PERSON_OF_AGE
          PATIENT      | OPEN                   | DENY    | IDENTITY       | NOT_OWN_RECORD
          GP           | OPEN NORMAL            | DENY    | ROLE           | ROLE_NOT_ALLOWED
          AUDITOR      | OPEN                   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          ADMIN        | OPEN                   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          """)
  void havingTheExportSentToThePatient(
      String actor, String facts, String outcome, Layer layer, String reason) {
    Actor who = ACTORS.get(actor);
    assertThat(POLICY.mayRequestExportSending(who, facts(who, facts)))
        .isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  @ParameterizedTest(name = "{0} {1} | {2} -> {3} {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor   | action              | facts                | outcome | layer          | reason
          PATIENT   | ACTIVATE            | PENDING OWNER        | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | ACTIVATE            | PENDING CHILD        | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT   | ACTIVATE            | PENDING              | DENY    | IDENTITY       | NOT_OWN_RECORD
          PATIENT   | ACTIVATE            | PENDING EIGHTEEN_TODAY | DENY  | REPRESENTATION | REPRESENTED_PERSON_OF_AGE
          AGENT     | ACTIVATE            | PENDING              | DENY    | ROLE           | ROLE_NOT_ALLOWED
          ADMIN     | ACTIVATE            | PENDING              | DENY    | ROLE           | ROLE_NOT_ALLOWED
          GP        | ACTIVATE            | PENDING DESIGNATED_GP | DENY   | ROLE           | ROLE_NOT_ALLOWED
          PATIENT   | OPPOSE              | OPEN OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | OPPOSE              | OPEN CHILD           | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT   | OPPOSE              | OPEN                 | DENY    | IDENTITY       | NOT_OWN_RECORD
          AGENT     | OPPOSE              | OPEN                 | PERMIT  | ROLE           | CALL_CENTRE
          ADMIN     | OPPOSE              | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          AUDITOR   | OPPOSE              | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          GP        | OPPOSE              | OPEN NORMAL          | DENY    | ROLE           | ROLE_NOT_ALLOWED
          PATIENT   | WITHDRAW_OPPOSITION | OPPOSED OWNER        | PERMIT  | ROLE           | OWN_RECORD
          AGENT     | WITHDRAW_OPPOSITION | OPPOSED              | PERMIT  | ROLE           | CALL_CENTRE
          GP        | WITHDRAW_OPPOSITION | OPPOSED              | DENY    | ROLE           | ROLE_NOT_ALLOWED
          PATIENT   | CLOSE               | OPEN OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | CLOSE               | OPEN                 | DENY    | IDENTITY       | NOT_OWN_RECORD
          AGENT     | CLOSE               | OPEN                 | PERMIT  | ROLE           | CALL_CENTRE
          ADMIN     | CLOSE               | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          PATIENT   | REOPEN              | CLOSED OWNER         | PERMIT  | ROLE           | OWN_RECORD
          AGENT     | REOPEN              | CLOSED               | PERMIT  | ROLE           | CALL_CENTRE
          AUDITOR   | REOPEN              | CLOSED               | DENY    | ROLE           | ROLE_NOT_ALLOWED
          PATIENT   | READ_ACCOUNT        | OPEN OWNER           | PERMIT  | ROLE           | OWN_RECORD
          AGENT     | READ_ACCOUNT        | OPEN                 | PERMIT  | ROLE           | CALL_CENTRE
          AUDITOR   | READ_ACCOUNT        | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          GP        | READ_ACCOUNT        | OPEN NORMAL          | DENY    | ROLE           | ROLE_NOT_ALLOWED
          AGENT     | REISSUE_CODE        | PENDING              | PERMIT  | ROLE           | CALL_CENTRE
          PATIENT   | REISSUE_CODE        | PENDING OWNER        | DENY    | ROLE           | ROLE_NOT_ALLOWED
          ADMIN     | REISSUE_CODE        | PENDING              | DENY    | ROLE           | ROLE_NOT_ALLOWED
          AGENT     | UNLOCK_ACTIVATION   | PENDING              | PERMIT  | ROLE           | CALL_CENTRE
          PATIENT   | UNLOCK_ACTIVATION   | PENDING OWNER        | DENY    | ROLE           | ROLE_NOT_ALLOWED
          ADMIN     | DECLARE_DEATH       | OPEN                 | PERMIT  | ROLE           | ROLE_ALLOWED
          AGENT     | DECLARE_DEATH       | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          PATIENT   | DECLARE_DEATH       | OPEN OWNER           | DENY    | ROLE           | ROLE_NOT_ALLOWED
          PATIENT   | DELETE_NOW          | OPEN OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | DELETE_NOW          | OPEN CHILD           | DENY    | REPRESENTATION | REPRESENTATIVE_OF_MINOR
          PATIENT   | DELETE_NOW          | OPEN EIGHTEEN_TOMORROW | DENY  | REPRESENTATION | REPRESENTATIVE_OF_MINOR
          PATIENT   | DELETE_NOW          | OPEN EIGHTEEN_TODAY  | DENY    | REPRESENTATION | REPRESENTED_PERSON_OF_AGE
          PATIENT   | DELETE_NOW          | OPEN PROTECTED_ADULT | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT   | DELETE_NOW          | OPEN                 | DENY    | IDENTITY       | NOT_OWN_RECORD
          AGENT     | DELETE_NOW          | OPEN                 | PERMIT  | ROLE           | CALL_CENTRE
          ADMIN     | DELETE_NOW          | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          AUDITOR   | DELETE_NOW          | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          GP        | DELETE_NOW          | OPEN NORMAL          | DENY    | ROLE           | ROLE_NOT_ALLOWED
          PATIENT   | READ_ACCOUNT        | OPEN PROXY_READ      | PERMIT  | REPRESENTATION | PROXY
          PATIENT   | READ_ACCOUNT        | OPEN PROXY_EXPIRED   | DENY    | REPRESENTATION | PROXY_EXPIRED
          PATIENT   | OPPOSE              | OPEN PROXY_MANAGE    | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | CLOSE               | OPEN PROXY_MANAGE    | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | DELETE_NOW          | OPEN PROXY_MANAGE    | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | WITHDRAW_OPPOSITION | OPPOSED PROXY_MANAGE | DENY    | RECORD_STATE   | RECORD_NOT_AVAILABLE
          PATIENT   | REOPEN              | CLOSED PROXY_MANAGE  | DENY    | RECORD_STATE   | RECORD_NOT_AVAILABLE
          PATIENT   | ACTIVATE            | PENDING PROXY_MANAGE | DENY    | RECORD_STATE   | RECORD_NOT_AVAILABLE
          """)
  void actingOnTheAccount(
      String actor,
      LifecycleAction action,
      String facts,
      String outcome,
      Layer layer,
      String reason) {
    Actor who = ACTORS.get(actor);
    assertThat(POLICY.mayChangeAccount(who, facts(who, facts), action))
        .isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  // ---- Proxies chosen by the patient --------------------------------------------------------

  /** What widens access (unmask, unblock, designate a GP, emergency on, research) and exports. */
  @ParameterizedTest(name = "{0} {1} | {2} -> {3} {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor   | rule    | facts                | outcome | layer          | reason
          PATIENT   | WIDEN   | OPEN OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | WIDEN   | OPEN CHILD           | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT   | WIDEN   | OPEN PROXY_MANAGE    | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | WIDEN   | OPEN PROXY_READ      | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | WIDEN   | OPEN PROXY_EXPIRED   | DENY    | REPRESENTATION | PROXY_EXPIRED
          PATIENT   | WIDEN   | OPEN                 | DENY    | IDENTITY       | NOT_OWN_RECORD
          AGENT     | WIDEN   | OPEN                 | DENY    | ROLE           | ROLE_NOT_ALLOWED
          PATIENT   | EXPORT  | OPEN OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | EXPORT  | OPEN PROTECTED_ADULT | PERMIT  | REPRESENTATION | REPRESENTATIVE
          PATIENT   | EXPORT  | OPEN PROXY_MANAGE    | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | HISTORY | OPEN OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | HISTORY | OPEN PROXY_READ      | PERMIT  | REPRESENTATION | PROXY
          PATIENT   | HISTORY | OPEN PROXY_REVOKED   | DENY    | REPRESENTATION | PROXY_REVOKED
          PATIENT   | HISTORY | OPEN PROXY_EXPIRED   | DENY    | REPRESENTATION | PROXY_EXPIRED
          PATIENT   | HISTORY | OPEN                 | DENY    | IDENTITY       | NOT_OWN_RECORD
          GP        | HISTORY | OPEN NORMAL          | DENY    | ROLE           | ROLE_NOT_ALLOWED
          """)
  void wideningExportingAndReadingTheHistory(
      String actor, String rule, String facts, String outcome, Layer layer, String reason) {
    Actor who = ACTORS.get(actor);
    AccessFacts f = facts(who, facts);
    Decision decision =
        switch (rule) {
          case "WIDEN" -> POLICY.mayWidenAccess(who, f);
          case "EXPORT" -> POLICY.mayExport(who, f);
          default -> POLICY.mayReadHistory(who, f);
        };
    assertThat(decision).isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  /**
   * Designating a proxy, listing them, ending one: the person alone designates (of age, record
   * open); the person revokes, the proxy gives up only their own.
   */
  @ParameterizedTest(name = "{0} {1} | {2} -> {3} {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor   | rule      | facts                  | outcome | layer          | reason
          PATIENT   | DESIGNATE | OPEN OWNER             | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | DESIGNATE | OPEN OWNER OF_AGE_TODAY | PERMIT | ROLE           | OWN_RECORD
          PATIENT   | DESIGNATE | OPEN OWNER MINOR       | DENY    | REPRESENTATION | MINOR_CANNOT_DESIGNATE_PROXY
          PATIENT   | DESIGNATE | PENDING OWNER          | DENY    | RECORD_STATE   | RECORD_NOT_AVAILABLE
          PATIENT   | DESIGNATE | OPEN CHILD             | DENY    | REPRESENTATION | RESERVED_TO_PATIENT
          PATIENT   | DESIGNATE | OPEN PROTECTED_ADULT   | DENY    | REPRESENTATION | RESERVED_TO_PATIENT
          PATIENT   | DESIGNATE | OPEN PROXY_MANAGE      | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | DESIGNATE | OPEN PROXY_EXPIRED     | DENY    | REPRESENTATION | PROXY_EXPIRED
          PATIENT   | DESIGNATE | OPEN                   | DENY    | IDENTITY       | NOT_OWN_RECORD
          AGENT     | DESIGNATE | OPEN                   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          ADMIN     | DESIGNATE | OPEN                   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          GP        | DESIGNATE | OPEN NORMAL            | DENY    | ROLE           | ROLE_NOT_ALLOWED
          PATIENT   | LIST      | OPEN OWNER             | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | LIST      | OPEN PROXY_MANAGE      | DENY    | REPRESENTATION | PROXY_RESERVED_TO_PATIENT
          PATIENT   | LIST      | OPEN CHILD             | DENY    | REPRESENTATION | RESERVED_TO_PATIENT
          AGENT     | LIST      | OPEN                   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          PATIENT   | END       | OPEN OWNER             | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | END       | CLOSED OWNER           | PERMIT  | ROLE           | OWN_RECORD
          PATIENT   | END_OWN   | OPEN PROXY_READ        | PERMIT  | REPRESENTATION | PROXY_RENOUNCE
          PATIENT   | END_OWN   | OPEN PROXY_EXPIRED     | PERMIT  | REPRESENTATION | PROXY_RENOUNCE
          PATIENT   | END_OWN   | OPEN PROXY_REVOKED     | DENY    | REPRESENTATION | PROXY_REVOKED
          PATIENT   | END       | OPEN PROXY_MANAGE      | DENY    | REPRESENTATION | NOT_OWN_PROXY
          PATIENT   | END       | OPEN CHILD             | DENY    | REPRESENTATION | RESERVED_TO_PATIENT
          PATIENT   | END       | OPEN                   | DENY    | IDENTITY       | NOT_OWN_RECORD
          AGENT     | END       | OPEN                   | DENY    | ROLE           | ROLE_NOT_ALLOWED
          """)
  void designatingListingAndEndingProxies(
      String actor, String rule, String facts, String outcome, Layer layer, String reason) {
    Actor who = ACTORS.get(actor);
    AccessFacts f = facts(who, facts);
    Decision decision =
        switch (rule) {
          case "DESIGNATE" -> POLICY.mayDesignateProxy(who, f);
          case "LIST" -> POLICY.mayManageProxies(who, f);
          case "END_OWN" -> POLICY.mayEndProxy(who, f, PROXY_ID);
          default -> POLICY.mayEndProxy(who, f, java.util.UUID.randomUUID());
        };
    assertThat(decision).isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  @Test
  void theHistoryTellsAProxysActsApartFromThePatients() {
    assertThat(AccessPolicy.isProxyReason("PROXY")).isTrue();
    assertThat(AccessPolicy.isProxyReason("PROXY_MANAGE")).isTrue();
    assertThat(AccessPolicy.isProxyReason("PROXY_EXPIRED")).isTrue();
    assertThat(AccessPolicy.isProxyReason("OWN_RECORD")).isFalse();
    assertThat(AccessPolicy.isProxyReason("REPRESENTATIVE")).isFalse();
    // The patient's own refused designations are the patient's acts.
    assertThat(AccessPolicy.isProxyReason("DESIGNATION_NOT_IDENTIFIED")).isFalse();
  }

  /** Four eyes: who may approve or reject what a staff member asked. */
  @ParameterizedTest(name = "{0} on a request of {1} -> {2} {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # actor   | requested by | shaped | outcome | layer    | reason
          AGENT     | agent-2      | false  | PERMIT  | ROLE     | SECOND_STAFF_MEMBER
          AGENT     | admin-1      | false  | PERMIT  | ROLE     | SECOND_STAFF_MEMBER
          ADMIN     | agent-1      | false  | PERMIT  | ROLE     | SECOND_STAFF_MEMBER
          AGENT     | admin-1      | true   | DENY    | ROLE     | ACCOUNT_SHAPED_BY_REQUESTER
          ADMIN     | admin-2      | true   | DENY    | ROLE     | ACCOUNT_SHAPED_BY_REQUESTER
          AGENT     | agent-1      | false  | DENY    | ROLE     | SAME_STAFF_MEMBER
          ADMIN     | admin-1      | false  | DENY    | ROLE     | SAME_STAFF_MEMBER
          AUDITOR   | agent-2      | false  | DENY    | ROLE     | ROLE_NOT_ALLOWED
          PATIENT   | agent-2      | true   | DENY    | ROLE     | ROLE_NOT_ALLOWED
          GP        | agent-2      | false  | DENY    | ROLE     | ROLE_NOT_ALLOWED
          """)
  void decidingWhatAnotherStaffMemberAsked(
      String actor,
      String requestedBy,
      boolean shaped,
      String outcome,
      Layer layer,
      String reason) {
    assertThat(POLICY.mayDecideStaffRequest(ACTORS.get(actor), requestedBy, shaped))
        .isEqualTo(new Decision(outcome.equals("PERMIT"), layer, reason, null));
  }

  @Test
  void theSameStaffMemberInAnotherRoleIsStillTheSame() {
    // One console account holding both roles: as an administrator, they still asked as an agent.
    assertThat(
            POLICY
                .mayDecideStaffRequest(Actor.staff("agent-1", Role.ADMIN), "agent-1", false)
                .reason())
        .isEqualTo("SAME_STAFF_MEMBER");
  }

  @Test
  void noProfessionalReadsOrFeedsARecordThatIsNotOpen() {
    Actor gp = ACTORS.get("GP");
    for (RecordState state : RecordState.values()) {
      if (state == RecordState.OPEN) {
        continue;
      }
      AccessFacts facts = facts(gp, state + " NORMAL DESIGNATED_GP");
      assertThat(POLICY.visibility(gp, facts).decision().permitted()).as(state.name()).isFalse();
      assertThat(POLICY.mayPublish(gp, facts, "LAB").permitted()).as(state.name()).isFalse();
      assertThat(POLICY.mayGrant(gp, facts, AccessMode.BREAK_GLASS).permitted())
          .as(state.name())
          .isFalse();
    }
  }

  // ---- Invariants over every combination -----------------------------------------------------

  @Test
  void invariantsHoldForEveryCombinationOfFacts() {
    List<String> words =
        List.of(
            "NORMAL",
            "BREAK_GLASS",
            "DESIGNATED_GP",
            "BLOCKED",
            "NO_EMERGENCY",
            "LAB_CLASS_MASKED",
            "ORG_BLOCKED");
    List<String> relationships =
        List.of(
            "",
            "OWNER",
            "CHILD",
            "EIGHTEEN_TODAY",
            "PROXY_READ",
            "PROXY_MANAGE",
            "PROXY_EXPIRED",
            "PROXY_REVOKED");
    List<String> documents = new ArrayList<>();
    for (String base : List.of("LAB", "OBSTETRICS", "OCCUPATIONAL", "PATIENT_UPLOAD")) {
      for (String flags :
          List.of("", "OWN", "MASKED", "WITHHELD", "HIDDEN_REP", "WITHDRAWN", "MASKED OWN")) {
        documents.add((base + " " + flags).trim());
      }
    }
    int checked = 0;
    for (String state : List.of("OPEN", "PENDING")) {
      for (int mask = 0; mask < 1 << words.size(); mask++) {
        for (String relationship : relationships) {
          StringBuilder spec = new StringBuilder(state + " " + relationship);
          for (int bit = 0; bit < words.size(); bit++) {
            if ((mask & 1 << bit) != 0) {
              spec.append(' ').append(words.get(bit));
            }
          }
          for (Map.Entry<String, Actor> entry : ACTORS.entrySet()) {
            Actor actor = entry.getValue();
            AccessFacts facts = facts(actor, spec.toString());
            for (String document : documents) {
              DocumentFacts doc = document(actor, document);
              Decision read = POLICY.mayRead(actor, facts, doc);
              assertInvariants(entry.getKey(), actor, facts, doc, read);
              checked++;
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(80_000);
  }

  private static void assertInvariants(
      String name, Actor actor, AccessFacts facts, DocumentFacts doc, Decision read) {
    String context = name + " " + facts + " " + doc + " -> " + read;
    if (!actor.is(Role.PROFESSIONAL) && !actor.is(Role.PATIENT)) {
      assertThat(read.permitted()).as("staff never read: " + context).isFalse();
    }
    if (doc.status() == DocumentStatus.WITHDRAWN) {
      assertThat(read.permitted()).as("nobody reads a withdrawn document: " + context).isFalse();
    }
    if (actor.is(Role.PROFESSIONAL) && read.permitted()) {
      assertThat(facts.blocked()).as("a blocked professional sees nothing: " + context).isFalse();
      assertThat(facts.organisationBlocked())
          .as("nor anyone acting for a blocked organisation: " + context)
          .isFalse();
      assertThat(facts.state().isAvailable()).as("open records only: " + context).isTrue();
      assertThat(actor.specialty())
          .as("write-only never reads")
          .isNotEqualTo("occupational-health");
      boolean author = actor.rpps().equals(doc.authorRpps());
      if (!author) {
        assertThat(facts.grant() != null || facts.designatedGp())
            .as("an agreement first: " + context)
            .isTrue();
        assertThat(facts.matrix().on(doc.classCode()).mayRead())
            .as("then the matrix: " + context)
            .isTrue();
        assertThat(!doc.masked() || facts.designatedGp())
            .as("then masks, but for the GP: " + context)
            .isTrue();
        assertThat(!facts.maskedClasses().contains(doc.classCode()) || facts.designatedGp())
            .as("then masked classes, but for the GP: " + context)
            .isTrue();
        assertThat(facts.grant() == null || !facts.grant().isEmergency() || facts.emergencyAccess())
            .as("emergency modes only if the patient allows them: " + context)
            .isTrue();
      }
    }
    if (actor.is(Role.PATIENT) && read.permitted()) {
      assertThat(facts.relationship()).isNotEqualTo(Relationship.NONE);
      assertThat(doc.withheldFromPatient()).as("withheld: " + context).isFalse();
      if (facts.relationship() == Relationship.REPRESENTATIVE
          || facts.relationship() == Relationship.PROXY) {
        assertThat(doc.hiddenFromRepresentatives()).as("a minor's secret: " + context).isFalse();
      }
      if (facts.relationship() == Relationship.PROXY) {
        assertThat(facts.proxy().revoked()).as("a revoked proxy: " + context).isFalse();
        assertThat(facts.today())
            .as("an expired proxy: " + context)
            .isBeforeOrEqualTo(facts.proxy().endsOn());
        assertThat(facts.state().isAvailable())
            .as("a proxy, open records only: " + context)
            .isTrue();
      }
    }
    if (actor.is(Role.PATIENT) && facts.relationship() == Relationship.PROXY) {
      // What widens access, designates proxies or exports is never a proxy's.
      assertThat(POLICY.mayWidenAccess(actor, facts).permitted()).as(context).isFalse();
      assertThat(POLICY.mayDesignateProxy(actor, facts).permitted()).as(context).isFalse();
      assertThat(POLICY.mayExport(actor, facts).permitted()).as(context).isFalse();
      for (LifecycleAction action : LifecycleAction.values()) {
        if (action != LifecycleAction.READ_ACCOUNT) {
          assertThat(POLICY.mayChangeAccount(actor, facts, action).permitted())
              .as(action + " " + context)
              .isFalse();
        }
      }
      if (POLICY.mayManageControls(actor, facts).permitted()) {
        assertThat(facts.proxy().scope()).as(context).isEqualTo(ProxyScope.READ_AND_MANAGE);
      }
    }
    // Whatever a search would show is what a read permits, and the other way round.
    Visibility visibility = POLICY.visibility(actor, facts);
    boolean shownBySearch =
        visibility.decision().permitted()
            && doc.status() != DocumentStatus.WITHDRAWN
            && ((visibility.authorRpps() != null
                    && visibility.authorRpps().equals(doc.authorRpps()))
                || (visibility.classVisible(doc.classCode())
                    && !visibility.classMasked(doc.classCode())
                    && (!visibility.honourMasks() || !doc.masked())))
            && !(visibility.hideWithheld() && doc.withheldFromPatient())
            && !(visibility.hideFromRepresentatives() && doc.hiddenFromRepresentatives());
    if (shownBySearch) {
      assertThat(read.permitted())
          .as("a search never shows what a read refuses: " + context)
          .isTrue();
    }
    if (read.permitted() && visibility.decision().permitted()) {
      assertThat(shownBySearch).as("a search shows what a read permits: " + context).isTrue();
    }
  }

  // ---- Fixtures ------------------------------------------------------------------------------

  private static AccessFacts facts(Actor actor, String spec) {
    Set<String> words = Set.of(spec.trim().split("\\s+"));
    Relationship relationship = Relationship.NONE;
    Representation representation = null;
    if (words.contains("OWNER")) {
      relationship = Relationship.OWNER;
    } else if (words.contains("CHILD")) {
      relationship = Relationship.REPRESENTATIVE;
      representation = new Representation(Representation.Kind.MINOR, LocalDate.of(2015, 3, 1));
    } else if (words.contains("EIGHTEEN_TODAY")) {
      relationship = Relationship.REPRESENTATIVE;
      representation = new Representation(Representation.Kind.MINOR, TODAY.minusYears(18));
    } else if (words.contains("EIGHTEEN_TOMORROW")) {
      relationship = Relationship.REPRESENTATIVE;
      representation =
          new Representation(Representation.Kind.MINOR, TODAY.minusYears(18).plusDays(1));
    } else if (words.contains("PROTECTED_ADULT")) {
      relationship = Relationship.REPRESENTATIVE;
      representation =
          new Representation(Representation.Kind.PROTECTED_ADULT, LocalDate.of(1950, 1, 1));
    }
    ProxyStanding proxy = null;
    if (words.contains("PROXY_READ")) {
      proxy = new ProxyStanding(PROXY_ID, ProxyScope.READ, TODAY.plusDays(30), false);
    } else if (words.contains("PROXY_MANAGE")) {
      proxy = new ProxyStanding(PROXY_ID, ProxyScope.READ_AND_MANAGE, TODAY.plusDays(30), false);
    } else if (words.contains("PROXY_ENDS_TODAY")) {
      proxy = new ProxyStanding(PROXY_ID, ProxyScope.READ_AND_MANAGE, TODAY, false);
    } else if (words.contains("PROXY_EXPIRED")) {
      proxy = new ProxyStanding(PROXY_ID, ProxyScope.READ_AND_MANAGE, TODAY.minusDays(1), false);
    } else if (words.contains("PROXY_REVOKED")) {
      proxy = new ProxyStanding(PROXY_ID, ProxyScope.READ_AND_MANAGE, TODAY.plusDays(30), true);
    }
    if (proxy != null) {
      relationship = Relationship.PROXY;
    }
    // The record's person: an adult, a minor, or one who came of age today.
    LocalDate personBirthDate =
        words.contains("MINOR")
            ? TODAY.minusYears(18).plusDays(1)
            : words.contains("OF_AGE_TODAY") ? TODAY.minusYears(18) : LocalDate.of(1985, 5, 12);
    AccessMode grant = null;
    for (AccessMode mode : AccessMode.values()) {
      if (words.contains(mode.name())) {
        grant = mode;
      }
    }
    // A standing agreement the patient gave loads as the NORMAL grant it is (SqlRecordStandings):
    // the word says which rows speak of one.
    if (words.contains("STANDING")) {
      grant = AccessMode.NORMAL;
    }
    return new AccessFacts(
        java.util.Arrays.stream(RecordState.values())
            .filter(state -> words.contains(state.name()))
            .findFirst()
            .orElse(RecordState.OPEN),
        relationship,
        representation,
        TODAY,
        !words.contains("NO_EMERGENCY"),
        grant,
        words.contains("BLOCKED"),
        words.contains("DESIGNATED_GP"),
        matrixOf(actor),
        words.contains("LAB_CLASS_MASKED") ? Set.of("LAB") : Set.of(),
        words.contains("ORG_BLOCKED"),
        proxy,
        personBirthDate,
        words.contains("CALLER_CONFIRMED")
            ? CallerConfirmation.TRAITS_AND_CODE
            : words.contains("CALLER_TRAITS")
                ? CallerConfirmation.TRAITS
                : CallerConfirmation.NONE);
  }

  private static MatrixRow matrixOf(Actor actor) {
    if (!actor.is(Role.PROFESSIONAL) || actor.profession() == null) {
      return MatrixRow.EMPTY;
    }
    MatrixRow specialty = ROWS.get(actor.profession() + "/" + actor.specialty());
    return specialty != null ? specialty : ROWS.getOrDefault(actor.profession(), MatrixRow.EMPTY);
  }

  private static DocumentFacts document(Actor actor, String spec) {
    Set<String> words = Set.of(spec.trim().split("\\s+"));
    boolean upload = words.contains("PATIENT_UPLOAD");
    String classCode = upload ? "PATIENT" : spec.trim().split("\\s+")[0];
    String author =
        upload
            ? null
            : words.contains("OWN") && actor.rpps() != null ? actor.rpps() : "10999999999";
    DocumentStatus status =
        words.contains("WITHDRAWN")
            ? DocumentStatus.WITHDRAWN
            : words.contains("SUPERSEDED") ? DocumentStatus.SUPERSEDED : DocumentStatus.CURRENT;
    return new DocumentFacts(
        classCode,
        upload ? Author.Kind.PATIENT : Author.Kind.PROFESSIONAL,
        author,
        words.contains("WITHHELD"),
        words.contains("HIDDEN_REP"),
        words.contains("MASKED"),
        status);
  }

  /** A matrix row: cells named "CLASS" get {@code rights}, "R:CLASS" get read only. */
  private static MatrixRow row(String rights, String... classes) {
    Map<String, Rights> row = new HashMap<>();
    for (String cell : classes) {
      if (cell.startsWith("R:")) {
        row.put(cell.substring(2), Rights.READ);
      } else {
        row.put(cell, Rights.ofCell(rights));
      }
    }
    return new MatrixRow(row);
  }
}
