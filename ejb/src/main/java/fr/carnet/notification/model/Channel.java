package fr.carnet.notification.model;

/** How a patient is told: the channels they choose in their record's settings. */
public enum Channel {
  EMAIL,
  SMS,
  /**
   * A letter, for a person with neither email nor phone: a PDF in the print-shop folder, at the
   * postal address of the record's contact (migration V30 says what goes by post).
   */
  POST
}
