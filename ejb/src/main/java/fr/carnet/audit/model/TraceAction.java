package fr.carnet.audit.model;

/** What an access did. */
public enum TraceAction {
  RECORD_CREATE,
  RECORD_LOOKUP,
  RECORD_READ_OWN,
  DOCUMENT_PUBLISH,
  DOCUMENT_SEARCH,
  DOCUMENT_READ,
  CONTENT_READ,
  DOCUMENT_VERSION,
  DOCUMENT_WITHDRAW,
  DOCUMENT_RELEASE,
  PROFILE_READ,
  PROFILE_WRITE,
  /** The patient summary (IPS): the profile and result documents, read as one. */
  SUMMARY_READ,
  GRANT_CREATE,
  GRANT_LIST,
  GRANT_REVOKE,
  MASK_SET,
  MASK_CLEAR,
  BLOCK_SET,
  BLOCK_CLEAR,
  CONTROLS_READ,
  DESIGNATED_GP_SET,
  DESIGNATED_GP_CLEAR,
  SETTINGS_CHANGE,
  RESEARCH_PREFERENCES_READ,
  RESEARCH_PREFERENCES_CHANGE,
  REPRESENTATIVE_REGISTER,
  REPRESENTATIVE_END,
  REPRESENTATIVE_LIST,
  REPRESENTATIVE_APPROVE,
  REPRESENTATIVE_REJECT,
  STAFF_REQUESTS_LIST,
  DELETION_REQUEST,
  DELETION_APPROVE,
  DELETION_REJECT,
  ACCESS_PREVIEW,
  /**
   * A read of a reference list: traced when refused, and for staff (a professional's or a patient's
   * permitted read is not: it is about no one).
   */
  REFERENCE_READ,
  MATRIX_READ,
  MATRIX_CHANGE,
  ACCESS_HISTORY_READ,
  AUDIT_SEARCH,
  AUDIT_EXPORT,
  AUDIT_INTEGRITY,
  AUDIT_ANOMALIES,
  AUDIT_TREE_HEAD,
  AUDIT_PROOF,
  AUDIT_RETENTION,
  ACCOUNT_READ,
  RECORD_ACTIVATE,
  RECORD_OPEN_AT_WINDOW_END,
  RECORD_OPPOSE,
  RECORD_OPPOSITION_WITHDRAW,
  RECORD_CLOSE,
  RECORD_REOPEN,
  RECORD_DEATH,
  RECORD_PURGE,
  CODE_REISSUE,
  ACTIVATION_UNLOCK,
  ENROLMENT_START,
  ENROLMENT_READ,
  ENROLMENT_RESTART,
  STAFF_CREATE,
  STAFF_LIST,
  STAFF_CHANGE,
  STAFF_LOGIN,
  STAFF_LOGIN_FAILED,
  STAFF_LOCKED_OUT,
  STAFF_LOGOUT,
  STAFF_PASSWORD_CHANGE,
  RECORD_SEARCH,
  TYPE_MAPPING_CHANGE,
  DURATION_CHANGE,
  CLASS_MASK_SET,
  CLASS_MASK_CLEAR,
  ORGANISATION_BLOCK_SET,
  ORGANISATION_BLOCK_CLEAR,
  PROXY_CREATE,
  PROXY_LIST,
  PROXY_REVOKE,
  PROXY_RENOUNCE,
  PROXIED_LIST,
  RECORD_EXPORT,
  RECORD_EXPORT_SENDING,
  /** A letter was written to the print-shop folder (by Carnet, the letters job). */
  LETTER_PRODUCED,
  /** An agent listed the letters that could not be produced (no postal address). */
  LETTERS_IMPOSSIBLE_LIST,
  /**
   * A one-time code sent to the caller's registered contact, for an agent to confirm them (issue
   * 19).
   */
  CALLER_CODE_SEND,
  /** An agent confirmed the caller is the person: INS and traits, and the code when sent. */
  CALLER_CONFIRM,
  /** The access history asked to be sent to the person's registered contact. */
  HISTORY_SENDING,
  /** A message written in a conversation, or a conversation started (issue 21). */
  MESSAGE_SEND,
  /** A conversation and its messages read (issue 21). */
  MESSAGE_READ,
  /** An attachment of a message filed by the patient into their record (issue 21). */
  ATTACHMENT_FILE,
  /** An administrator asked to reference an app, or to reinstate a suspended one (issue 21). */
  CATALOGUE_REQUEST,
  /** A second administrator approved a catalogue request. */
  CATALOGUE_APPROVE,
  /** A second administrator rejected a catalogue request. */
  CATALOGUE_REJECT,
  /** An administrator suspended an app: every grant to it stops at once. */
  CATALOGUE_SUSPEND,
  /** The catalogue, or its pending requests, read. */
  CATALOGUE_READ,
  /** The patient connected an app to their record, granting it scopes for a while. */
  APP_CONNECT,
  /** The apps connected to the record listed (the patient, or an agent for a confirmed caller). */
  APP_LIST,
  /** A connected app revoked (the patient, or an agent at the caller's request). */
  APP_REVOKE,
  /** What a connected app can see of the record, asked (nothing is accessed). */
  APP_PREVIEW,
  /** An appointment pushed by a platform or care software: new, moved or cancelled (issue 21). */
  APPOINTMENT_PUSH,
  /** The record's agenda read: its appointments or its prevention reminders (issue 21). */
  AGENDA_READ,
  /** The patient side added, changed or deleted an appointment of their own (issue 21). */
  APPOINTMENT_WRITE,
  /** The patient side switched a prevention reminder off or on (issue 21). */
  REMINDER_SWITCH,
  /** Carnet sent a prevention reminder (the reminder job, issue 21). */
  REMINDER_SENT,
  /** An administrator read the prevention calendar (issue 21). */
  PREVENTION_CALENDAR_READ,
  /** An administrator added, changed or retired a rule of the prevention calendar (issue 21). */
  PREVENTION_CALENDAR_CHANGE
}
