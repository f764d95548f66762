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
 * @param pusherUpcoming for a push that adds one to come (a new one, or one of the pusher's moved
 *     from the past to come): how many appointments to come (cancelled ones included) the pusher
 *     already has in the record; 0 otherwise
 * @param pusherCap the most appointments to come one pusher may have in one record ({@code
 *     carnet.agenda.max-upcoming-per-pusher}); {@link Integer#MAX_VALUE} where none applies
 * @param comingBack whether a known appointment of the pusher's, now in the past, is moved to come:
 *     it adds one to come as a new one would (else a pusher at its cap moves its appointments to
 *     the past, pushes new ones, and moves the old ones back, without bound)
 */
public record AppointmentFacts(
    boolean exists,
    boolean ownedByActor,
    boolean sameRecord,
    int pusherUpcoming,
    int pusherCap,
    boolean comingBack) {

  /** An appointment not yet known. */
  public static final AppointmentFacts NEW = new AppointmentFacts(false, true, true);

  /** Facts that no cap applies to: the patient side's own, a move or a cancellation. */
  public AppointmentFacts(boolean exists, boolean ownedByActor, boolean sameRecord) {
    this(exists, ownedByActor, sameRecord, 0, Integer.MAX_VALUE, false);
  }

  /** A known appointment, as it stands to the actor. */
  public static AppointmentFacts existing(boolean ownedByActor, boolean sameRecord) {
    return new AppointmentFacts(true, ownedByActor, sameRecord);
  }

  /** The same facts, with the pusher's appointments to come in the record and the cap on them. */
  public AppointmentFacts withPusherLoad(int upcoming, int cap) {
    return new AppointmentFacts(exists, ownedByActor, sameRecord, upcoming, cap, comingBack);
  }

  /** The same known appointment, moved from the past to come by this push. */
  public AppointmentFacts movedBackToCome() {
    return new AppointmentFacts(exists, ownedByActor, sameRecord, pusherUpcoming, pusherCap, true);
  }

  /**
   * Whether a push would add one more appointment to come than the cap allows: a new one, or one
   * moved back from the past (moving one still to come, or cancelling one, never adds).
   */
  public boolean beyondPusherCap() {
    return (!exists || comingBack) && pusherUpcoming >= pusherCap;
  }
}
