package fr.carnet.access;

/**
 * What the policy needs to know of an appointment of the health agenda (issue 21), beside the
 * record's {@link AccessFacts}, for one actor.
 *
 * @param exists whether an appointment already has this platform id (a push then changes it) or
 *     this id (the patient's change or deletion)
 * @param ownedByActor whether that appointment was pushed by the actor's organisation (or by the
 *     actor, with no organisation), or, on the patient side, is the patient's own; true for a new
 *     one
 * @param sameRecord whether that appointment belongs to the record named; true for a new one
 */
public record AppointmentFacts(boolean exists, boolean ownedByActor, boolean sameRecord) {

  /** An appointment not yet known. */
  public static final AppointmentFacts NEW = new AppointmentFacts(false, true, true);

  /** A known appointment, as it stands to the actor. */
  public static AppointmentFacts existing(boolean ownedByActor, boolean sameRecord) {
    return new AppointmentFacts(true, ownedByActor, sameRecord);
  }
}
