package fr.carnet.access;

/**
 * What is done with the patient's restrictions that narrow care access as a whole (a masked class
 * of documents, a blocked organisation), which the call centre may take down on the phone.
 */
public enum RestrictionAction {
  /** See which are in place. */
  LIST,
  /** Put one in place: access narrows. */
  SET,
  /** Take a class mask away: access widens again; never an agent's. */
  LIFT,
  /**
   * Take an organisation's block away: access widens again; an agent may, on the phone, once the
   * caller is confirmed (issue 19).
   */
  UNBLOCK
}
