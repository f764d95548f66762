package fr.carnet.notification.model;

/** What a patient is told about. */
public enum NotificationKind {
  /** A professional read the record for the first time. */
  FIRST_ACCESS,
  /** A professional opened emergency access (break-glass or regulation). */
  BREAK_GLASS,
  /** A document the patient may see was filed in the record. */
  DOCUMENT_ARRIVED,
  /** The record changed state (opened, opposed, closed…). */
  ACCOUNT_STATE,
  /**
   * The record was created and its opposition window runs: the information message, with the
   * provisional code, issued as the message is sent.
   */
  ENROLMENT,
  /**
   * A legal representative was asked for by staff, or approved by a second staff member: told to
   * the person and to their current representatives (detail: {@code REQUESTED}, {@code APPROVED},
   * with {@code _FOR_REPRESENTED} when the mailbox is a representative's).
   */
  REPRESENTATION,
  /** An agent asked for the record's deletion at once; a second staff member must approve it. */
  DELETION,
  /**
   * A proxy the patient chose acted on the record for the first time ({@code FIRST_ACT}), or gave
   * their designation up ({@code RENOUNCED}). Never who they are: the patient knows their proxies.
   */
  PROXY,
  /**
   * The record's portability export was asked to be sent to the person (by a call-centre agent,
   * usually): the message says where to download it, and never carries it.
   */
  EXPORT_OFFERED,
  /**
   * The person asked (usually by phone, to an agent) for their access history by post: the letter
   * lists the accesses as the history shows them to a representative (who, when, what kind of
   * access), never a document's title nor anything clinical. Queued on {@link Channel#POST} only.
   */
  HISTORY_BY_POST,
  /**
   * The person asked for their portability export by post: the export is health data and never goes
   * on paper; the letter tells how to get it (the space, or an agent). {@link Channel#POST} only.
   */
  EXPORT_BY_POST,
  /**
   * The record's access history was asked to be sent to the person (by a call-centre agent, who
   * never sees it): the message says where to read it, and never carries it (issue 19).
   */
  HISTORY_OFFERED,
  /**
   * A call-centre agent changed the person's controls on the phone (issue 19): the person is told
   * what, when, on every channel they have and whatever their settings, so that a change made for
   * someone who did not call is seen. The detail is the change in words, never a name or an RPPS.
   */
  AGENT_CHANGE,
  /**
   * A professional wrote to the patient in the secure messaging (issue 21): counted with the others
   * of the window, never with the message's words, its sender or its subject.
   */
  MESSAGE_ARRIVED,
  /**
   * A platform or care software put a new appointment in the patient's agenda (issue 21): counted
   * with the others of the window, never with who, where or when. Never a letter.
   */
  APPOINTMENT_ARRIVED,
  /**
   * A prevention reminder is due (issue 21): the message says a reminder waits in the agenda, never
   * which screening or vaccine (that says the person's age and sex and is read where it lands). By
   * the person's channels, or by post when that is how they are told.
   */
  PREVENTION_REMINDER;

  /** Whether this kind is asked for by post and goes only by post (V30's notification_channels). */
  public boolean byPostOnly() {
    return this == HISTORY_BY_POST || this == EXPORT_BY_POST;
  }
}
