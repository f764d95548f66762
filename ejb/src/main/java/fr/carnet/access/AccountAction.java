package fr.carnet.access;

/** Actions on records as accounts and on the policy itself, before any clinical content. */
public enum AccountAction {
  /** Enrol one person, or migrate a legacy record. */
  CREATE_RECORD,
  /** Find a record's id and availability from an INS and its traits. */
  LOOKUP_RECORD,
  /** A patient reading the id and state of their own record. */
  READ_OWN_RECORD,
  /** Register or end a legal representative (by phone or at a desk). */
  MANAGE_REPRESENTATIVES,
  /**
   * Approve or reject what another staff member asked (a representative, a deletion at once): the
   * second pair of eyes.
   */
  APPROVE_STAFF_REQUEST,
  /**
   * Read the reference lists every caller's software needs (the document classes, the professions):
   * codes and labels, nothing about anyone, so that a professional's or a patient's permitted read
   * is not traced (a refusal is, and a staff member's read: {@code AccessGate.consult}).
   */
  READ_REFERENCE,
  /** Read the policy: the authorisation matrix, the type mapping, the durations, their history. */
  READ_MATRIX,
  /** Change a cell of the authorisation matrix. */
  EDIT_MATRIX,
  /** Search and export the audit trail. */
  AUDIT_TRACES,
  /** Enrol persons in bulk from a file, and follow the import. */
  ENROL_IN_BULK,
  /** Create and manage console accounts. */
  MANAGE_STAFF,
  /** Find persons by name and birth date, for a caller who does not have their INS at hand. */
  FIND_PERSON,
  /** Change the mapping of document types to classes, or a policy duration. */
  EDIT_REFERENCE,
  /**
   * List the letters by post that could not be produced (no postal address): the record and what
   * was to be told, for an agent to reach the person.
   */
  LIST_IMPOSSIBLE_LETTERS,
  /** Reference, suspend and reinstate apps of the catalogue (issue 21). */
  MANAGE_CATALOGUE,
  /** Read the list of referenced apps, to connect one. */
  READ_CATALOGUE,
  /**
   * Read the history of the prevention calendar's changes (who changed which rule, before and
   * after): the administrators who keep it and the auditors who check them (issue 21).
   */
  READ_PREVENTION_HISTORY,
  /**
   * Call {@code /fhir} at all (the services decide each interaction on the record's facts): every
   * role but an app, whose grant governs {@code /api} only.
   */
  USE_FHIR
}
