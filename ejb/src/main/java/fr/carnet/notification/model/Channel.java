package fr.carnet.notification.model;

/** How a patient is told: the channels they choose in their record's settings. */
public enum Channel {
  EMAIL,
  SMS
}
