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
 * @param pusherUpcoming for a new push: how many appointments to come (cancelled ones included) the
 *     pusher already has in the record; 0 otherwise
 * @param pusherCap the most appointments to come one pusher may have in one record ({@code
 *     carnet.agenda.max-upcoming-per-pusher}); {@link Integer#MAX_VALUE} where none applies
 */
public record AppointmentFacts(
    boolean exists, boolean ownedByActor, boolean sameRecord, int pusherUpcoming, int pusherCap) {

  /** An appointment not yet known. */
  public static final AppointmentFacts NEW = new AppointmentFacts(false, true, true);

  /** Facts that no cap applies to: the patient side's own, a move or a cancellation. */
  public AppointmentFacts(boolean exists, boolean ownedByActor, boolean sameRecord) {
    this(exists, ownedByActor, sameRecord, 0, Integer.MAX_VALUE);
  }

  /** A known appointment, as it stands to the actor. */
  public static AppointmentFacts existing(boolean ownedByActor, boolean sameRecord) {
    return new AppointmentFacts(true, ownedByActor, sameRecord);
  }

  /** The same facts, with the pusher's appointments to come in the record and the cap on them. */
  public AppointmentFacts withPusherLoad(int upcoming, int cap) {
    return new AppointmentFacts(exists, ownedByActor, sameRecord, upcoming, cap);
  }

  /**
   * Whether a push would add one more appointment than the cap allows: a new one only (moving or
   * cancelling one the pusher has never adds).
   */
  public boolean beyondPusherCap() {
    return !exists && pusherUpcoming >= pusherCap;
  }
}
