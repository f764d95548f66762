package fr.carnet.access;

/**
 * What the policy needs to know of a conversation of the secure messaging (issue 21), beside the
 * record's {@link AccessFacts}, for one actor.
 *
 * @param participant whether the actor is a party to the conversation: its professional, or the
 *     patient side of its record (the person, a representative)
 * @param professionalWroteBefore for a patient starting a conversation: whether that professional
 *     already wrote to this record (only a professional starts a first exchange)
 * @param counterpartIsProfessional whether the other party is a professional: never patient to
 *     patient
 * @param hiddenFromRepresentatives whether the professional kept the conversation from the minor's
 *     representatives (a minor's secret stays whole)
 * @param addressedToOrganisation whether the conversation's counterpart is an organisation (a
 *     pharmacy, by FINESS) rather than one professional: its professionals read it only if they are
 *     pharmacists
 */
public record MessageFacts(
    boolean participant,
    boolean professionalWroteBefore,
    boolean counterpartIsProfessional,
    boolean hiddenFromRepresentatives,
    boolean addressedToOrganisation) {

  /** A conversation with one professional (RPPS). */
  public MessageFacts(
      boolean participant,
      boolean professionalWroteBefore,
      boolean counterpartIsProfessional,
      boolean hiddenFromRepresentatives) {
    this(
        participant,
        professionalWroteBefore,
        counterpartIsProfessional,
        hiddenFromRepresentatives,
        false);
  }

  /** A new conversation a professional starts. */
  public static MessageFacts newFromProfessional(boolean hiddenFromRepresentatives) {
    return new MessageFacts(true, true, true, hiddenFromRepresentatives);
  }

  /** A new conversation the patient side starts with a professional. */
  public static MessageFacts newFromPatient(boolean professionalWroteBefore) {
    return new MessageFacts(true, professionalWroteBefore, true, false);
  }
}
