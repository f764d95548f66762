package fr.carnet.notification.model;

/** What a patient is told about. */
public enum NotificationKind {
  /** A professional read the record for the first time. */
  FIRST_ACCESS,
  /** A professional opened emergency access (break-glass or regulation). */
  BREAK_GLASS,
  /** A document the patient may see was filed in the record. */
  DOCUMENT_ARRIVED,
  /** The record changed state (created, opened…). */
  ACCOUNT_STATE
}
