package fr.carnet.access;

/** Actions on records as accounts, before any clinical content is involved. */
public enum AccountAction {
  /** Enrol one person, or migrate a legacy record. */
  CREATE_RECORD,
  /** Find a record's id and availability from an INS and its traits. */
  LOOKUP_RECORD,
  /** A patient reading the id and state of their own record. */
  READ_OWN_RECORD
}
