package fr.carnet.audit.model;

/** Who reads a record's traces, which decides what of them they are shown. */
public enum HistoryViewer {
  /** The person the record belongs to (a minor included), in their own history. */
  PATIENT,
  /** A legal representative acting for the person, in the person's history. */
  REPRESENTATIVE,
  /** A controller: the whole trail, secrets included, since proving who saw what is their task. */
  AUDITOR
}
