package fr.carnet.shared;

/**
 * The stable, machine-readable codes of every refusal Carnet gives. Integrators code against these
 * names for years: add codes, never rename or reuse one.
 */
public enum ErrorCode {
  VALIDATION_FAILED(400, "The request is not valid"),
  MESSAGE_SECRET_UNSUPPORTED(
      400,
      "A conversation cannot be kept from a minor's representatives: file a document hidden from"
          + " them instead"),
  MALFORMED_JSON(400, "The request body is not valid JSON"),
  INS_INVALID_FORMAT(400, "The INS number is not well formed"),
  INS_INVALID_KEY(400, "The INS key does not match the number"),
  INS_UNKNOWN_OID(400, "The INS OID is neither the NIR nor the NIA OID"),
  INS_IN_URL(400, "An INS never goes in a URL: send it in the request body"),
  TRAITS_INVALID(400, "The identity traits are not valid"),
  DOCUMENT_TYPE_UNKNOWN(400, "The document type maps to no known class"),
  PROFILE_CATEGORY_UNKNOWN(400, "Unknown kind of profile entry"),
  CURSOR_INVALID(400, "The paging cursor is not valid"),
  MULTIPART_INVALID(
      400, "A multipart push has exactly one part metadata (JSON) and one part content (bytes)"),
  TREE_SIZE_INVALID(
      400, "Tree sizes and trace ids are positive whole numbers, from no more than to"),
  PROXY_END_DATE_INVALID(
      400, "A proxy's end date is from today to the longest duration Carnet allows, at most"),
  COURT_DECISION_REQUIRED(
      400, "The guardian of an adult is registered with the court's decision: court, date, number"),
  ACTIVATION_CODE_INVALID(403, "The provisional code is not valid for this record"),
  ACTIVATION_CODE_EXPIRED(403, "The provisional code has expired; an agent can issue a new one"),
  UNAUTHENTICATED(401, "Authentication is required"),
  TOKEN_INVALID(401, "The bearer token is invalid or expired"),
  TOKEN_AZP_MISSING(
      401, "The patient token names no client (azp), which this server requires (issue 21)"),
  FORBIDDEN(403, "This action is not allowed for the caller"),
  DENIED_BY_MATRIX(403, "The authorisation matrix does not allow this"),
  NO_AGREEMENT(403, "No agreement of the patient is declared for this professional"),
  EMERGENCY_ACCESS_DISABLED(403, "The patient switched emergency access off"),
  REPRESENTATION_ENDED(403, "The representation has ended"),
  SAME_STAFF_MEMBER(403, "A second staff member, not the one who asked, must approve this"),
  REPRESENTATIVE_OF_MINOR(403, "A minor's representative cannot delete the minor's record"),
  PROXY_EXPIRED(403, "The proxy's end date has passed"),
  PROXY_REVOKED(403, "The proxy was revoked or given up"),
  PROXY_READ_ONLY(403, "The patient gave this proxy the right to read only"),
  RESERVED_TO_PATIENT(403, "Only the patient may do this"),
  MINOR_CANNOT_DESIGNATE_PROXY(403, "A minor designates no proxy: their legal representatives act"),
  NOT_FOUND(404, "No such resource"),
  PROXY_NOT_FOUND(404, "No such proxy"),
  RECORD_NOT_FOUND(404, "No record for this identity"),
  DOCUMENT_NOT_FOUND(404, "No such document"),
  CONVERSATION_NOT_FOUND(404, "No such conversation"),
  MESSAGE_QUOTA_REACHED(
      429, "Too many messages in this conversation today: write again tomorrow, or call"),
  MESSAGING_NOT_ALLOWED(
      403,
      "A patient writes first only to a professional who already wrote to them, never to another"
          + " patient"),
  PHARMACY_NOT_VISITED(
      403,
      "A patient writes to a pharmacy only if one of its pharmacists already filed a document in,"
          + " or wrote to, their record"),
  PHARMACY_BLOCKED(403, "The patient blocked this organisation: lift the block to write to it"),
  PRESCRIPTION_REQUIRED(
      400,
      "A message to a pharmacy carries a prescription: a prescription of the record"
          + " (prescription.documentId) or an attachment"),
  APPOINTMENT_NOT_FOUND(404, "No such appointment"),
  PREVENTION_RULE_NOT_FOUND(404, "No such rule in the prevention calendar"),
  GRANT_NOT_FOUND(404, "No such grant"),
  // The catalogue and connected apps (issue 21).
  APP_NOT_FOUND(404, "No such app in the catalogue"),
  APP_CONNECTION_NOT_FOUND(404, "No such connected app"),
  APP_NOT_REFERENCED(403, "This app is not referenced in the catalogue"),
  APP_SUSPENDED(403, "This app is suspended from the catalogue"),
  APP_NOT_CONNECTED(403, "The patient has not connected this app, or revoked it"),
  APP_GRANT_EXPIRED(403, "The patient's grant to this app has expired"),
  APP_SCOPE_NOT_GRANTED(403, "The patient did not grant this app that scope"),
  APP_SCOPE_INVALID(400, "Unknown scope, or one the app was not referenced for"),
  APP_CRITERIA_INCOMPLETE(
      400, "An app is referenced only with every criterion of its checklist reviewed and met"),
  APP_CLIENT_ID_TAKEN(409, "Another app of the catalogue has this client id"),
  APP_GRANT_DURATION_INVALID(
      400, "A grant lasts from an hour to the longest Carnet allows (ISO-8601, as P90D)"),
  APP_STATE_CONFLICT(409, "The app's standing does not allow this"),
  REPRESENTATIVE_NOT_FOUND(404, "No such representative"),
  DELETION_REQUEST_NOT_FOUND(404, "No such deletion request"),
  NOT_IN_TREE(404, "The trace or the tree size is not in the audit tree yet"),
  TREE_NOT_SIGNED(503, "No tree head can be signed: no signing key is configured"),
  PROFESSION_UNKNOWN(400, "Unknown profession code"),
  DOCUMENT_CLASS_UNKNOWN(400, "Unknown document class"),
  METHOD_NOT_ALLOWED(405, "Method not allowed on this resource"),
  NOT_ACCEPTABLE(406, "None of the accepted media types can be produced"),
  APPOINTMENT_CONFLICT(
      409,
      "This source and external id name one of your appointments for another patient: use other"
          + " ids"),
  PREVENTION_RULE_EXISTS(409, "The prevention calendar already has a rule with this code"),
  AGENDA_PUSHER_LIMIT(
      409,
      "You have as many appointments to come in this patient's agenda as Carnet allows: move or"
          + " cancel one of them"),
  RECORD_ALREADY_EXISTS(409, "A record already exists for this INS"),
  INS_TRAITS_MISMATCH(409, "The identity traits do not match the record of this INS"),
  RECORD_NOT_AVAILABLE(409, "The record is not open"),
  DOCUMENT_CONFLICT(409, "This unique id was already used for a different document"),
  DOCUMENT_NOT_CURRENT(409, "The document was already replaced or withdrawn"),
  REPRESENTATIVE_ALREADY_REGISTERED(409, "This person already represents the patient"),
  REPRESENTATION_NOT_APPLICABLE(409, "This representation does not apply to this person"),
  PROXY_NOT_IDENTIFIED(409, "No person known to Carnet has this INS with these traits"),
  PROXY_NOT_APPLICABLE(409, "This person cannot be designated as a proxy"),
  PROXY_ALREADY_DESIGNATED(409, "This person already is a current proxy of the patient"),
  PROXY_LIMIT_REACHED(409, "The record has as many current proxies as Carnet allows"),
  STAFF_ACCOUNT_EXISTS(409, "A console account already has this name"),
  LIFECYCLE_TRANSITION_INVALID(409, "The record's state does not allow this"),
  ENROLMENTS_AT_ONCE(
      409,
      "As many enrolments run at once as the audit trail's reorder window covers: start this one"
          + " when one of them has ended"),
  CONTACT_MISSING(409, "The record has no email, phone nor postal address to send to"),
  CALLER_NOT_CONFIRMED(
      403, "The agent must first confirm the caller's identity (INS, traits, one-time code)"),
  CALLER_CODE_REQUIRED(
      403,
      "Widening access by phone needs the one-time code at the person's contact: the INS and"
          + " traits alone do not prove the caller is the person"),
  CONFIRMATION_CODE_INVALID(403, "The one-time code is wrong, expired or already used"),
  CONFIRMATION_LOCKED(429, "Too many wrong codes: send the caller a new one"),
  CONFIRMATION_CODES_EXHAUSTED(
      429, "Too many codes sent to this person lately: try again later, or write to them"),
  CONFIRMATION_NOT_SENT(503, "The one-time code could not be sent: try again"),
  POSTAL_ADDRESS_MISSING(409, "The record has no postal address to send a letter to"),
  APPROVAL_EXPIRED(409, "The request waited too long for a second staff member: ask again"),
  ALREADY_DECIDED(409, "The request was already approved or rejected"),
  STAFF_ACCOUNT_NOT_FOUND(404, "No console account has this name"),
  LAST_ADMIN(409, "The last enabled administrator cannot be disabled or lose the role"),
  EXPORT_IN_PROGRESS(409, "An export of this record is already running: try again once it ends"),
  CONTENT_STORE_UNAVAILABLE(503, "The content store is unavailable: nothing was filed, try again"),
  EXPORTS_BUSY(503, "Too many exports are running on this server: try again later"),
  EXPORT_NOT_SIGNED(503, "No export can be signed: no signing key is configured"),
  ACTIVATION_LOCKED(423, "Too many wrong codes: activation is locked until an agent unlocks it"),
  DOCUMENT_TOO_LARGE(413, "The document is larger than allowed"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  UNSUPPORTED_CONTENT(415, "The content type is not accepted or the content does not match it"),
  DATABASE_UNAVAILABLE(
      503, "The database is unavailable for a moment: try again (pushes are idempotent)"),
  INTERNAL_ERROR(500, "Internal error");

  private final int status;
  private final String title;

  ErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
