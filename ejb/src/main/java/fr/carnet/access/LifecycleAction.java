package fr.carnet.access;

/** What can be done to a record as an account, by whom {@link AccessPolicy} decides. */
public enum LifecycleAction {
  /** See the account's state, dates, code status: never its content. */
  READ_ACCOUNT,
  /** Open a pending record with its provisional code. */
  ACTIVATE,
  /** Oppose the record, at any time. */
  OPPOSE,
  /** Withdraw an opposition. */
  WITHDRAW_OPPOSITION,
  /** Close the record (archived, or deleted at once). */
  CLOSE,
  /**
   * Delete the record at once rather than archive it: the person, the guardian of a protected
   * adult, or an agent (then only once a second staff member approves); never a minor's
   * representative.
   */
  DELETE_NOW,
  /** Reopen a closed record during its archiving. */
  REOPEN,
  /** Issue a new provisional code (the old one dies). */
  REISSUE_CODE,
  /** Clear the lockout after too many wrong codes. */
  UNLOCK_ACTIVATION,
  /** Declare the person's death (an administrator, or a registry feed). */
  DECLARE_DEATH
}
