package fr.carnet.record.application;

import fr.carnet.access.Decision;
import fr.carnet.shared.AccessRefused;
import fr.carnet.shared.ErrorCode;
import java.util.Map;

/** Turns the policy's refusals into the stable codes callers are given. */
final class Refusals {

  /** A refusal's reason, as the stable code the caller is given. */
  private static final Map<String, ErrorCode> CODES =
      Map.of(
          "RECORD_NOT_AVAILABLE", ErrorCode.RECORD_NOT_AVAILABLE,
          "DENIED_BY_MATRIX", ErrorCode.DENIED_BY_MATRIX,
          "NOT_OWN_RECORD", ErrorCode.RECORD_NOT_FOUND,
          "NOT_AUTHOR", ErrorCode.DOCUMENT_NOT_FOUND,
          "NOT_CURRENT", ErrorCode.DOCUMENT_NOT_CURRENT);

  private Refusals() {}

  /**
   * Throws the refusal if the decision is one; {@code fallback} is the code of reasons that have
   * none of their own. Does not roll back: the refusal's trace must commit.
   */
  static void refuseUnless(Decision decision, ErrorCode fallback) {
    if (!decision.permitted()) {
      ErrorCode code = CODES.getOrDefault(decision.reason(), fallback);
      // What does not exist for the caller says nothing more; the trace keeps the reason.
      boolean hidden = code == ErrorCode.DOCUMENT_NOT_FOUND || code == ErrorCode.RECORD_NOT_FOUND;
      throw new AccessRefused(code, hidden ? code.title() : "Refused: " + decision.reason());
    }
  }
}
