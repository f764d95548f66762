package fr.carnet.access;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The account-level rules as a table: every role against every action, denials included. */
class AccessPolicyTest {

  private final AccessPolicy policy = new AccessPolicy(PolicySettings.DEFAULTS);

  private static final Actor GP =
      Actor.professional("psc-1", "10101010101", "10", null, "750712184");
  private static final Actor PATIENT = Actor.patient("p-1", "285057505612338");
  private static final Actor AGENT = Actor.staff("agent-1", Role.AGENT);
  private static final Actor AUDITOR = Actor.staff("auditor-1", Role.AUDITOR);
  private static final Actor ADMIN = Actor.staff("admin-1", Role.ADMIN);

  private static final Actor APP = Actor.app("p-1", "285057505612338", "app-diabete");

  static Stream<Arguments> table() {
    return Stream.concat(accountRules(), catalogueRules());
  }

  /**
   * The catalogue (issue 21): administrators manage it; patients, agents and administrators read
   * it. An app acting for a patient holds no account-level right at all: what it may do is decided
   * over the record's facts and the patient's grant ({@code CataloguePolicyTest}).
   */
  static Stream<Arguments> catalogueRules() {
    Stream<Arguments> manage =
        Stream.of(
            Arguments.of(ADMIN, AccountAction.MANAGE_CATALOGUE, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(
                AGENT, AccountAction.MANAGE_CATALOGUE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
            Arguments.of(
                AUDITOR, AccountAction.MANAGE_CATALOGUE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
            Arguments.of(GP, AccountAction.MANAGE_CATALOGUE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
            Arguments.of(
                PATIENT, AccountAction.MANAGE_CATALOGUE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
            Arguments.of(PATIENT, AccountAction.READ_CATALOGUE, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(AGENT, AccountAction.READ_CATALOGUE, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(ADMIN, AccountAction.READ_CATALOGUE, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(
                AUDITOR, AccountAction.READ_CATALOGUE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
            Arguments.of(GP, AccountAction.READ_CATALOGUE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
            // The reference lists: every person's role; an app has none (the APP rows below).
            Arguments.of(GP, AccountAction.READ_REFERENCE, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(PATIENT, AccountAction.READ_REFERENCE, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(AGENT, AccountAction.READ_REFERENCE, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(AUDITOR, AccountAction.READ_REFERENCE, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(ADMIN, AccountAction.READ_REFERENCE, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(
                Actor.professional("psc-2", null, "10", null, null),
                AccountAction.READ_REFERENCE,
                false,
                Layer.IDENTITY,
                "PROFESSIONAL_IDENTITY_INCOMPLETE"),
            // /fhir: everybody but an app (the APP rows below), which reads through /api alone.
            Arguments.of(GP, AccountAction.USE_FHIR, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(PATIENT, AccountAction.USE_FHIR, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(AGENT, AccountAction.USE_FHIR, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(AUDITOR, AccountAction.USE_FHIR, true, Layer.ROLE, "ROLE_ALLOWED"),
            Arguments.of(ADMIN, AccountAction.USE_FHIR, true, Layer.ROLE, "ROLE_ALLOWED"));
    Stream<Arguments> app =
        java.util.Arrays.stream(AccountAction.values())
            .map(action -> Arguments.of(APP, action, false, Layer.ROLE, "ROLE_NOT_ALLOWED"));
    return Stream.concat(manage, app);
  }

  /** Staff's every action is traced, even a permitted read about no one; nobody else's is. */
  @ParameterizedTest(name = "{0} -> every action traced: {1}")
  @MethodSource("everyActionTraced")
  void tracesEveryActionOfStaffOnly(Actor actor, boolean traced) {
    assertThat(policy.tracesEveryAction(actor)).isEqualTo(traced);
  }

  static Stream<Arguments> everyActionTraced() {
    return Stream.of(
        Arguments.of(AGENT, true),
        Arguments.of(AUDITOR, true),
        Arguments.of(ADMIN, true),
        Arguments.of(GP, false),
        Arguments.of(PATIENT, false),
        Arguments.of(APP, false));
  }

  static Stream<Arguments> accountRules() {
    return Stream.of(
        // actor, action, permitted, layer, reason
        Arguments.of(ADMIN, AccountAction.CREATE_RECORD, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(GP, AccountAction.CREATE_RECORD, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(PATIENT, AccountAction.CREATE_RECORD, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AGENT, AccountAction.CREATE_RECORD, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AUDITOR, AccountAction.CREATE_RECORD, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(GP, AccountAction.LOOKUP_RECORD, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(AGENT, AccountAction.LOOKUP_RECORD, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(PATIENT, AccountAction.LOOKUP_RECORD, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AUDITOR, AccountAction.LOOKUP_RECORD, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(ADMIN, AccountAction.LOOKUP_RECORD, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(PATIENT, AccountAction.READ_OWN_RECORD, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(GP, AccountAction.READ_OWN_RECORD, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AGENT, AccountAction.READ_OWN_RECORD, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AUDITOR, AccountAction.READ_OWN_RECORD, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(ADMIN, AccountAction.READ_OWN_RECORD, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AGENT, AccountAction.MANAGE_REPRESENTATIVES, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(ADMIN, AccountAction.MANAGE_REPRESENTATIVES, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(
            PATIENT, AccountAction.MANAGE_REPRESENTATIVES, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(
            GP, AccountAction.MANAGE_REPRESENTATIVES, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(
            AUDITOR, AccountAction.MANAGE_REPRESENTATIVES, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AGENT, AccountAction.APPROVE_STAFF_REQUEST, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(ADMIN, AccountAction.APPROVE_STAFF_REQUEST, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(
            PATIENT, AccountAction.APPROVE_STAFF_REQUEST, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(
            GP, AccountAction.APPROVE_STAFF_REQUEST, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(
            AUDITOR, AccountAction.APPROVE_STAFF_REQUEST, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(ADMIN, AccountAction.READ_MATRIX, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(ADMIN, AccountAction.EDIT_MATRIX, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(AGENT, AccountAction.EDIT_MATRIX, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AUDITOR, AccountAction.EDIT_MATRIX, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(GP, AccountAction.EDIT_MATRIX, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(PATIENT, AccountAction.READ_MATRIX, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(PATIENT, AccountAction.EDIT_MATRIX, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(GP, AccountAction.READ_MATRIX, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AGENT, AccountAction.READ_MATRIX, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AUDITOR, AccountAction.READ_MATRIX, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AUDITOR, AccountAction.AUDIT_TRACES, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(ADMIN, AccountAction.AUDIT_TRACES, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AGENT, AccountAction.AUDIT_TRACES, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(GP, AccountAction.AUDIT_TRACES, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(PATIENT, AccountAction.AUDIT_TRACES, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(ADMIN, AccountAction.ENROL_IN_BULK, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(AGENT, AccountAction.ENROL_IN_BULK, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AUDITOR, AccountAction.ENROL_IN_BULK, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(GP, AccountAction.ENROL_IN_BULK, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(PATIENT, AccountAction.ENROL_IN_BULK, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        // The prevention calendar's history of changes (issue 21): who keeps it and who checks.
        Arguments.of(
            ADMIN, AccountAction.READ_PREVENTION_HISTORY, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(
            AUDITOR, AccountAction.READ_PREVENTION_HISTORY, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(
            AGENT, AccountAction.READ_PREVENTION_HISTORY, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(
            GP, AccountAction.READ_PREVENTION_HISTORY, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(
            PATIENT, AccountAction.READ_PREVENTION_HISTORY, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(ADMIN, AccountAction.MANAGE_STAFF, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(AGENT, AccountAction.MANAGE_STAFF, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AUDITOR, AccountAction.MANAGE_STAFF, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(GP, AccountAction.MANAGE_STAFF, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(PATIENT, AccountAction.MANAGE_STAFF, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AGENT, AccountAction.FIND_PERSON, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(ADMIN, AccountAction.FIND_PERSON, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AUDITOR, AccountAction.FIND_PERSON, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(GP, AccountAction.FIND_PERSON, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(PATIENT, AccountAction.FIND_PERSON, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(
            AGENT, AccountAction.LIST_IMPOSSIBLE_LETTERS, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(
            ADMIN, AccountAction.LIST_IMPOSSIBLE_LETTERS, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(
            GP, AccountAction.LIST_IMPOSSIBLE_LETTERS, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(
            PATIENT, AccountAction.LIST_IMPOSSIBLE_LETTERS, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(
            AUDITOR, AccountAction.LIST_IMPOSSIBLE_LETTERS, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(ADMIN, AccountAction.EDIT_REFERENCE, true, Layer.ROLE, "ROLE_ALLOWED"),
        Arguments.of(AGENT, AccountAction.EDIT_REFERENCE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AUDITOR, AccountAction.EDIT_REFERENCE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(GP, AccountAction.EDIT_REFERENCE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(PATIENT, AccountAction.EDIT_REFERENCE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        // A professional without RPPS or profession cannot be traced or matched: refused.
        Arguments.of(
            Actor.professional("psc-2", null, "10", null, null),
            AccountAction.LOOKUP_RECORD,
            false,
            Layer.IDENTITY,
            "PROFESSIONAL_IDENTITY_INCOMPLETE"),
        Arguments.of(
            Actor.professional("psc-3", "10101010101", null, null, null),
            AccountAction.LOOKUP_RECORD,
            false,
            Layer.IDENTITY,
            "PROFESSIONAL_IDENTITY_INCOMPLETE"),
        // A patient token without its INS names nobody.
        Arguments.of(
            Actor.patient("p-2", null),
            AccountAction.READ_OWN_RECORD,
            false,
            Layer.IDENTITY,
            "PATIENT_INS_MISSING"));
  }

  @ParameterizedTest(name = "{0} {1} -> {2} ({4})")
  @MethodSource("table")
  void decides(Actor actor, AccountAction action, boolean permitted, Layer layer, String reason) {
    Decision decision = policy.decide(actor, action);
    assertThat(decision).isEqualTo(new Decision(permitted, layer, reason, null));
  }

  @org.junit.jupiter.api.Test
  void theTableCoversEveryRoleAndAction() {
    var covered =
        table()
            .map(a -> ((Actor) a.get()[0]).role() + "/" + a.get()[1])
            .collect(java.util.stream.Collectors.toSet());
    for (Role role : Role.values()) {
      for (AccountAction action : AccountAction.values()) {
        assertThat(covered).contains(role + "/" + action);
      }
    }
  }
}
