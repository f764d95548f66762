package fr.carnet.access;

/** How a professional came to access a record: the mode every trace of the access carries. */
public enum AccessMode {
  /** The professional attested the patient's agreement (a care relationship). */
  NORMAL,
  /** Emergency access without prior agreement, with a stated reason (bris de glace). */
  BREAK_GLASS,
  /** The regulating doctor of an emergency call centre (SAMU, centre 15). */
  REGULATION;

  /** Whether this mode depends on the patient's emergency-access setting. */
  public boolean isEmergency() {
    return this != NORMAL;
  }
}
