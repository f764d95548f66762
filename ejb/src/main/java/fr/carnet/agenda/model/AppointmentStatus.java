package fr.carnet.agenda.model;

/** Where an appointment stands, as its platform says (or the patient, for their own). */
public enum AppointmentStatus {
  BOOKED,
  MOVED,
  CANCELLED
}
