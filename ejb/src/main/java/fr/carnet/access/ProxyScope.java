package fr.carnet.access;

/** What a proxy chosen by the patient may do for them. */
public enum ProxyScope {
  /** Read the record as the patient does: documents, profile, history, account state. */
  READ,
  /**
   * Read, and manage the patient's controls in the direction that narrows access (mask, block,
   * switch emergency access off, revoke a professional's grant, choose notification channels). What
   * widens access or ends the record stays the patient's own ({@link AccessPolicy#mayWidenAccess}).
   */
  READ_AND_MANAGE
}
