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
  /** Take one away: access widens again. */
  LIFT
}
