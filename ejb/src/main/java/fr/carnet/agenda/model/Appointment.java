package fr.carnet.agenda.model;

import java.time.Instant;
import java.util.UUID;

/**
 * An appointment of a record: pushed by a platform (its {@code source} and {@code externalId}) or
 * added by the patient ({@code patientOwn}); {@code owner} is who may change it (a FINESS, an RPPS,
 * or the patient side).
 */
public record Appointment(
    UUID id,
    UUID recordId,
    String source,
    String externalId,
    String owner,
    boolean patientOwn,
    String professionalRpps,
    String professionalName,
    String whoText,
    String finess,
    String locationLabel,
    Instant startsAt,
    Instant endsAt,
    AppointmentStatus status,
    Instant createdAt,
    Instant updatedAt) {

  /** The same appointment with what a new push or the patient's change says. */
  public Appointment changedTo(Appointment next, Instant at) {
    return new Appointment(
        id,
        recordId,
        source,
        externalId,
        owner,
        patientOwn,
        next.professionalRpps,
        next.professionalName,
        next.whoText,
        next.finess,
        next.locationLabel,
        next.startsAt,
        next.endsAt,
        next.status,
        createdAt,
        at);
  }
}
