package fr.carnet.access;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.record.model.Author;
import fr.carnet.record.model.DocumentStatus;
import fr.carnet.record.model.RecordState;
import fr.carnet.reference.model.Rights;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Documents, until the full access rules land: the tables of who may file and read what. */
class DocumentAccessPolicyTest {

  private final AccessPolicy policy = new AccessPolicy();

  private static final Actor GP =
      Actor.professional("psc-1", "10101010101", "10", null, "750712184");
  private static final Actor OTHER_GP =
      Actor.professional("psc-2", "10202020202", "10", null, "750712184");
  private static final Actor NO_RPPS = Actor.professional("psc-3", null, "10", null, null);
  private static final Actor PATIENT = Actor.patient("p-1", "285057505612338");
  private static final Actor AGENT = Actor.staff("agent-1", Role.AGENT);
  private static final Actor AUDITOR = Actor.staff("auditor-1", Role.AUDITOR);
  private static final Actor ADMIN = Actor.staff("admin-1", Role.ADMIN);

  private static final RecordFacts OPEN = new RecordFacts(RecordState.OPEN, false);
  private static final RecordFacts PENDING = new RecordFacts(RecordState.PENDING, false);
  private static final RecordFacts OWN_OPEN = new RecordFacts(RecordState.OPEN, true);
  private static final RecordFacts OWN_PENDING = new RecordFacts(RecordState.PENDING, true);

  static Stream<Arguments> publishing() {
    return Stream.of(
        // actor, record, class, rights, permitted, layer, reason
        Arguments.of(GP, OPEN, "LAB", Rights.READ_WRITE, true, Layer.MATRIX, "MATRIX_WRITE"),
        Arguments.of(GP, OPEN, "OCCUPATIONAL", Rights.WRITE, true, Layer.MATRIX, "MATRIX_WRITE"),
        Arguments.of(GP, OPEN, "SYNTHESIS", Rights.READ, false, Layer.MATRIX, "DENIED_BY_MATRIX"),
        Arguments.of(GP, OPEN, "OBSTETRICS", Rights.NONE, false, Layer.MATRIX, "DENIED_BY_MATRIX"),
        Arguments.of(
            GP,
            PENDING,
            "LAB",
            Rights.READ_WRITE,
            false,
            Layer.RECORD_STATE,
            "RECORD_NOT_AVAILABLE"),
        Arguments.of(
            NO_RPPS,
            OPEN,
            "LAB",
            Rights.READ_WRITE,
            false,
            Layer.IDENTITY,
            "PROFESSIONAL_IDENTITY_INCOMPLETE"),
        Arguments.of(PATIENT, OWN_OPEN, "PATIENT", Rights.NONE, true, Layer.ROLE, "PATIENT_UPLOAD"),
        Arguments.of(
            PATIENT,
            OWN_OPEN,
            "LAB",
            Rights.NONE,
            false,
            Layer.ROLE,
            "PATIENT_UPLOADS_ONLY_PATIENT_CLASS"),
        Arguments.of(
            PATIENT, OPEN, "PATIENT", Rights.NONE, false, Layer.IDENTITY, "NOT_OWN_RECORD"),
        Arguments.of(
            PATIENT,
            OWN_PENDING,
            "PATIENT",
            Rights.NONE,
            false,
            Layer.RECORD_STATE,
            "RECORD_NOT_AVAILABLE"),
        Arguments.of(AGENT, OPEN, "LAB", Rights.READ_WRITE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(
            AUDITOR, OPEN, "LAB", Rights.READ_WRITE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(ADMIN, OPEN, "LAB", Rights.READ_WRITE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"));
  }

  @ParameterizedTest(name = "{0} files {2} with {3} in {1} -> {4} ({6})")
  @MethodSource("publishing")
  void decidesWhoFilesWhat(
      Actor actor,
      RecordFacts record,
      String classCode,
      Rights rights,
      boolean permitted,
      Layer layer,
      String reason) {
    assertThat(policy.mayPublish(actor, record, classCode, rights))
        .isEqualTo(new Decision(permitted, layer, reason));
  }

  private static final DocumentFacts BY_GP =
      new DocumentFacts(Author.Kind.PROFESSIONAL, "10101010101", false, DocumentStatus.CURRENT);
  private static final DocumentFacts BY_GP_WITHHELD =
      new DocumentFacts(Author.Kind.PROFESSIONAL, "10101010101", true, DocumentStatus.CURRENT);
  private static final DocumentFacts BY_GP_OLD =
      new DocumentFacts(Author.Kind.PROFESSIONAL, "10101010101", false, DocumentStatus.SUPERSEDED);
  private static final DocumentFacts BY_GP_WITHDRAWN =
      new DocumentFacts(Author.Kind.PROFESSIONAL, "10101010101", false, DocumentStatus.WITHDRAWN);
  private static final DocumentFacts BY_PATIENT =
      new DocumentFacts(Author.Kind.PATIENT, null, false, DocumentStatus.CURRENT);

  static Stream<Arguments> reading() {
    return Stream.of(
        Arguments.of(GP, OPEN, BY_GP, true, Layer.AUTHORSHIP, "OWN_DOCUMENTS_ONLY"),
        Arguments.of(GP, OPEN, BY_GP_WITHHELD, true, Layer.AUTHORSHIP, "OWN_DOCUMENTS_ONLY"),
        Arguments.of(GP, OPEN, BY_GP_OLD, true, Layer.AUTHORSHIP, "OWN_DOCUMENTS_ONLY"),
        Arguments.of(GP, OPEN, BY_GP_WITHDRAWN, false, Layer.DOCUMENT_STATE, "WITHDRAWN"),
        Arguments.of(GP, PENDING, BY_GP, false, Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE"),
        Arguments.of(GP, OPEN, BY_PATIENT, false, Layer.AUTHORSHIP, "NOT_AUTHOR"),
        Arguments.of(OTHER_GP, OPEN, BY_GP, false, Layer.AUTHORSHIP, "NOT_AUTHOR"),
        Arguments.of(
            NO_RPPS, OPEN, BY_GP, false, Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE"),
        Arguments.of(PATIENT, OWN_OPEN, BY_GP, true, Layer.ROLE, "OWN_RECORD"),
        Arguments.of(PATIENT, OWN_PENDING, BY_PATIENT, true, Layer.ROLE, "OWN_RECORD"),
        Arguments.of(
            PATIENT,
            OWN_OPEN,
            BY_GP_WITHHELD,
            false,
            Layer.DOCUMENT_STATE,
            "WITHHELD_FROM_PATIENT"),
        Arguments.of(PATIENT, OWN_OPEN, BY_GP_WITHDRAWN, false, Layer.DOCUMENT_STATE, "WITHDRAWN"),
        Arguments.of(PATIENT, OPEN, BY_GP, false, Layer.IDENTITY, "NOT_OWN_RECORD"),
        Arguments.of(AGENT, OPEN, BY_GP, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(AUDITOR, OPEN, BY_GP, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(ADMIN, OPEN, BY_GP, false, Layer.ROLE, "ROLE_NOT_ALLOWED"));
  }

  @ParameterizedTest(name = "{0} reads {2} in {1} -> {3} ({5})")
  @MethodSource("reading")
  void decidesWhoReadsWhat(
      Actor actor,
      RecordFacts record,
      DocumentFacts document,
      boolean permitted,
      Layer layer,
      String reason) {
    assertThat(policy.mayRead(actor, record, document))
        .isEqualTo(new Decision(permitted, layer, reason));
  }

  static Stream<Arguments> profileWriting() {
    return Stream.of(
        Arguments.of(PATIENT, OWN_OPEN, Rights.NONE, true, Layer.ROLE, "SELF_DECLARED"),
        Arguments.of(
            PATIENT, OWN_PENDING, Rights.NONE, false, Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE"),
        Arguments.of(PATIENT, OPEN, Rights.NONE, false, Layer.IDENTITY, "NOT_OWN_RECORD"),
        Arguments.of(GP, OPEN, Rights.READ_WRITE, true, Layer.MATRIX, "MATRIX_WRITE"),
        Arguments.of(GP, OPEN, Rights.READ, false, Layer.MATRIX, "DENIED_BY_MATRIX"),
        Arguments.of(
            GP, PENDING, Rights.READ_WRITE, false, Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE"),
        Arguments.of(AGENT, OPEN, Rights.READ_WRITE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"),
        Arguments.of(ADMIN, OPEN, Rights.READ_WRITE, false, Layer.ROLE, "ROLE_NOT_ALLOWED"));
  }

  @ParameterizedTest(name = "{0} writes the profile of {1} with {2} -> {3} ({5})")
  @MethodSource("profileWriting")
  void decidesWhoWritesTheProfile(
      Actor actor,
      RecordFacts record,
      Rights rights,
      boolean permitted,
      Layer layer,
      String reason) {
    assertThat(policy.mayWriteProfile(actor, record, rights))
        .isEqualTo(new Decision(permitted, layer, reason));
  }

  @org.junit.jupiter.api.Test
  void searchesAreNarrowedToWhatEachMaySee() {
    assertThat(policy.visibility(GP, OPEN).onlyAuthorRpps()).isEqualTo("10101010101");
    assertThat(policy.visibility(GP, OPEN).hideWithheld()).isFalse();
    assertThat(policy.visibility(PATIENT, OWN_OPEN).onlyAuthorRpps()).isNull();
    assertThat(policy.visibility(PATIENT, OWN_OPEN).hideWithheld()).isTrue();
    assertThat(policy.visibility(AGENT, OPEN).decision().permitted()).isFalse();
  }
}
