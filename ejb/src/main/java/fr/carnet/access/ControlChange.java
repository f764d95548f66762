package fr.carnet.access;

/**
 * A change of the patient's controls that the call centre may make on the phone (issue 19), and
 * whether it narrows or widens care access. The patient's side is asked what it always was ({@link
 * AccessPolicy#mayManageControls} to narrow, {@link AccessPolicy#mayWidenAccess} to widen); an
 * agent only once they confirmed the caller's identity.
 */
public enum ControlChange {
  /** See the settings, blocks and research choices (never a document's title). */
  READ(false),
  /** Emergency access off, or the settings saved unchanged: narrows, or changes nothing. */
  SETTINGS(false),
  /**
   * The notification channels: how the person learns who reads their record, a proxy's acts
   * included, so the patient's own choice and never a proxy's (a managing proxy could silence
   * them).
   */
  CHANNELS(true),
  /** Emergency access on: break-glass and regulation become possible again. */
  EMERGENCY_ACCESS_ON(true),
  /** A professional blocked by RPPS. */
  BLOCK(false),
  /** A professional's block lifted. */
  UNBLOCK(true),
  /** A designated GP: they see what the patient masked. */
  DESIGNATE_GP(true),
  /** The designated GP removed. */
  CLEAR_GP(false),
  /** The research choices (secondary use): the patient's own choice, widening either way. */
  RESEARCH(true);

  private final boolean widens;

  ControlChange(boolean widens) {
    this.widens = widens;
  }

  /** Whether the change widens access, so that a proxy may not make it. */
  public boolean widens() {
    return widens;
  }
}
