package fr.carnet.access;

/** What a patient-side caller is to the record they address. */
public enum Relationship {
  /** The person the record belongs to. */
  OWNER,
  /** A registered legal representative (parent, guardian) of that person. */
  REPRESENTATIVE,
  /**
   * A proxy the patient chose (an adult they trust), for a while and a scope ({@link
   * ProxyStanding}).
   */
  PROXY,
  /** Nobody to this record. */
  NONE
}
