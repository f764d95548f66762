package fr.carnet.access.application;

import fr.carnet.access.Decision;
import fr.carnet.shared.AccessRefused;
import fr.carnet.shared.ErrorCode;
import java.util.Map;

/**
 * Turns the policy's refusals into the stable codes callers are given. A refusal about the record
 * or the caller names its layer (NO_AGREEMENT, DENIED_BY_MATRIX, DENIED_BY_PATIENT…); a refusal
 * about one document makes it not exist for the caller, since its mere existence can be a secret (a
 * masked document, an obstetrics report for a dentist). The trace keeps the true reason.
 */
public final class Refusals {

  private static final Map<String, ErrorCode> CODES =
      Map.ofEntries(
          Map.entry("ROLE_NOT_ALLOWED", ErrorCode.FORBIDDEN),
          Map.entry("PROFESSIONAL_IDENTITY_INCOMPLETE", ErrorCode.FORBIDDEN),
          Map.entry("WRITE_ONLY_PROFESSION", ErrorCode.FORBIDDEN),
          Map.entry("NOT_A_REGULATION_DOCTOR", ErrorCode.FORBIDDEN),
          Map.entry("RECORD_NOT_AVAILABLE", ErrorCode.RECORD_NOT_AVAILABLE),
          Map.entry("NO_AGREEMENT", ErrorCode.NO_AGREEMENT),
          Map.entry("EMERGENCY_ACCESS_DISABLED", ErrorCode.EMERGENCY_ACCESS_DISABLED),
          Map.entry("DENIED_BY_MATRIX", ErrorCode.DENIED_BY_MATRIX),
          Map.entry("BLOCKED_BY_PATIENT", ErrorCode.DENIED_BY_PATIENT),
          Map.entry("REPRESENTED_PERSON_OF_AGE", ErrorCode.REPRESENTATION_ENDED),
          Map.entry("SAME_STAFF_MEMBER", ErrorCode.SAME_STAFF_MEMBER),
          Map.entry("REPRESENTATIVE_OF_MINOR", ErrorCode.REPRESENTATIVE_OF_MINOR),
          Map.entry("NOT_OWN_RECORD", ErrorCode.RECORD_NOT_FOUND),
          Map.entry("NOT_AUTHOR", ErrorCode.DOCUMENT_NOT_FOUND),
          Map.entry("NOT_CURRENT", ErrorCode.DOCUMENT_NOT_CURRENT));

  private Refusals() {}

  /**
   * Throws the refusal if the decision is one; {@code fallback} is the code of reasons that have
   * none of their own. Does not roll back: the refusal's trace must commit.
   */
  public static void refuseUnless(Decision decision, ErrorCode fallback) {
    if (!decision.permitted()) {
      ErrorCode code = CODES.getOrDefault(decision.reason(), fallback);
      // What does not exist for the caller says nothing more; the trace keeps the reason.
      boolean hidden = code == ErrorCode.DOCUMENT_NOT_FOUND || code == ErrorCode.RECORD_NOT_FOUND;
      throw hidden
          ? new AccessRefused(code, code.title())
          : new AccessRefused(
              code,
              "Refused by " + decision.layer() + ": " + decision.reason(),
              decision.layer().name(),
              decision.reason());
    }
  }
}
