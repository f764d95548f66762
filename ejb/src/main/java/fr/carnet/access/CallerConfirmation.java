package fr.carnet.access;

/**
 * How far a call-centre agent has confirmed that the caller is the person (issue 19), as the access
 * facts carry it. The INS and traits alone are what a relative holding the carte Vitale also knows:
 * they let the agent narrow access or have something sent to the person's own address, never widen
 * access, which needs the one-time code the person received at their registered contact.
 */
public enum CallerConfirmation {
  /** No current confirmation by this agent for this record. */
  NONE,
  /** INS and traits, the record having no email or phone to send a code to. */
  TRAITS,
  /** INS and traits, then the one-time code read back from the registered contact. */
  TRAITS_AND_CODE;

  /** The strongest of a confirmation's methods as stored ({@code caller_confirmation.method}). */
  public static CallerConfirmation of(String method) {
    return method == null ? NONE : valueOf(method);
  }
}
