package fr.carnet.access;

import fr.carnet.shared.ErrorCode;
import java.util.Optional;

/**
 * The reasons of the policy's refusals that callers are told in a code of their own, each with that
 * code and whether the thing refused must look absent: a refusal about one document, or about a
 * record the caller may not know of, makes it not exist for them, since its mere existence can be a
 * secret (a masked document, an obstetrics report for a dentist, the record of a patient who
 * blocked them). The trace keeps the true reason. Reasons not listed take the code the gate is
 * given for the action.
 */
public enum Refusal {
  ROLE_NOT_ALLOWED(ErrorCode.FORBIDDEN),
  PROFESSIONAL_IDENTITY_INCOMPLETE(ErrorCode.FORBIDDEN),
  WRITE_ONLY_PROFESSION(ErrorCode.FORBIDDEN),
  NOT_A_REGULATION_DOCTOR(ErrorCode.FORBIDDEN),
  RECORD_NOT_AVAILABLE(ErrorCode.RECORD_NOT_AVAILABLE),
  NO_AGREEMENT(ErrorCode.NO_AGREEMENT),
  EMERGENCY_ACCESS_DISABLED(ErrorCode.EMERGENCY_ACCESS_DISABLED),
  DENIED_BY_MATRIX(ErrorCode.DENIED_BY_MATRIX),
  // A restriction is never visible to the professional it restricts: the record is absent.
  BLOCKED_BY_PATIENT(ErrorCode.RECORD_NOT_FOUND),
  ORGANISATION_BLOCKED_BY_PATIENT(ErrorCode.RECORD_NOT_FOUND),
  REPRESENTED_PERSON_OF_AGE(ErrorCode.REPRESENTATION_ENDED),
  SAME_STAFF_MEMBER(ErrorCode.SAME_STAFF_MEMBER),
  ACCOUNT_SHAPED_BY_REQUESTER(ErrorCode.SAME_STAFF_MEMBER),
  REPRESENTATIVE_OF_MINOR(ErrorCode.REPRESENTATIVE_OF_MINOR),
  NOT_OWN_RECORD(ErrorCode.RECORD_NOT_FOUND),
  IDENTITY_HIDDEN_FROM_BLOCKED(ErrorCode.RECORD_NOT_FOUND),
  NOT_AUTHOR(ErrorCode.DOCUMENT_NOT_FOUND),
  NOT_CURRENT(ErrorCode.DOCUMENT_NOT_CURRENT),
  INS_TRAITS_MISMATCH(ErrorCode.INS_TRAITS_MISMATCH),
  RECORD_NOT_FOUND(ErrorCode.RECORD_NOT_FOUND),
  PROXY_EXPIRED(ErrorCode.PROXY_EXPIRED),
  PROXY_REVOKED(ErrorCode.PROXY_REVOKED),
  PROXY_READ_ONLY(ErrorCode.PROXY_READ_ONLY),
  PROXY_RESERVED_TO_PATIENT(ErrorCode.RESERVED_TO_PATIENT),
  RESERVED_TO_PATIENT(ErrorCode.RESERVED_TO_PATIENT),
  MINOR_CANNOT_DESIGNATE_PROXY(ErrorCode.MINOR_CANNOT_DESIGNATE_PROXY),
  NOT_OWN_PROXY(ErrorCode.PROXY_NOT_FOUND),
  CALLER_NOT_CONFIRMED(ErrorCode.CALLER_NOT_CONFIRMED),
  CALLER_CODE_REQUIRED(ErrorCode.CALLER_CODE_REQUIRED),
  // Messaging (issue 21): a conversation one is not party to does not exist for them.
  NOT_A_PARTICIPANT(ErrorCode.CONVERSATION_NOT_FOUND),
  PROFESSIONAL_NEVER_WROTE(ErrorCode.MESSAGING_NOT_ALLOWED),
  NOT_A_PROFESSIONAL_COUNTERPART(ErrorCode.MESSAGING_NOT_ALLOWED),
  CONVERSATION_HIDDEN_FROM_REPRESENTATIVES(ErrorCode.CONVERSATION_NOT_FOUND),
  // The pharmacy case: the patient is told why (they chose the pharmacy and the prescription),
  // except of a document they may not know of; a pharmacy's conversation is not another
  // professional's of its FINESS.
  PHARMACY_NOT_VISITED(ErrorCode.PHARMACY_NOT_VISITED),
  PHARMACY_BLOCKED_BY_PATIENT(ErrorCode.PHARMACY_BLOCKED),
  PRESCRIPTION_REQUIRED(ErrorCode.PRESCRIPTION_REQUIRED),
  NOT_A_PRESCRIPTION(ErrorCode.PRESCRIPTION_REQUIRED),
  PRESCRIPTION_CONTENT_ELSEWHERE(ErrorCode.PRESCRIPTION_REQUIRED),
  PRESCRIPTION_NOT_FOUND(ErrorCode.DOCUMENT_NOT_FOUND),
  PRESCRIPTION_HIDDEN_FROM_REPRESENTATIVES(ErrorCode.MESSAGE_SECRET_UNSUPPORTED),
  NOT_A_PHARMACIST(ErrorCode.CONVERSATION_NOT_FOUND),
  // Connected apps (issue 21): an app is told why, in its own code, but never of a record that is
  // not its patient's (NOT_OWN_RECORD above) nor of a document it may not know of.
  APP_NOT_REFERENCED(ErrorCode.APP_NOT_REFERENCED),
  APP_SUSPENDED(ErrorCode.APP_SUSPENDED),
  APP_NOT_CONNECTED(ErrorCode.APP_NOT_CONNECTED),
  APP_GRANT_EXPIRED(ErrorCode.APP_GRANT_EXPIRED),
  APP_SCOPE_NOT_GRANTED(ErrorCode.APP_SCOPE_NOT_GRANTED),
  APP_CLASS_NOT_GRANTED(ErrorCode.APP_SCOPE_NOT_GRANTED),
  // Agenda (issue 21): a platform id is another's; a patient changes only their own.
  APPOINTMENT_OF_ANOTHER_SOURCE(ErrorCode.APPOINTMENT_CONFLICT),
  NOT_OWN_APPOINTMENT(ErrorCode.APPOINTMENT_NOT_FOUND),
  // A pusher's new appointment beyond its cap of appointments to come in the record.
  AGENDA_PUSHER_LIMIT(ErrorCode.AGENDA_PUSHER_LIMIT);

  private final ErrorCode code;

  Refusal(ErrorCode code) {
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  /** Whether the caller must be answered as if the thing did not exist. */
  public boolean looksAbsent() {
    return code == ErrorCode.DOCUMENT_NOT_FOUND
        || code == ErrorCode.RECORD_NOT_FOUND
        || code == ErrorCode.CONVERSATION_NOT_FOUND
        || code == ErrorCode.APPOINTMENT_NOT_FOUND;
  }

  /** The refusal of this reason, when it has a code of its own. */
  public static Optional<Refusal> of(String reason) {
    for (Refusal refusal : values()) {
      if (refusal.name().equals(reason)) {
        return Optional.of(refusal);
      }
    }
    return Optional.empty();
  }
}
