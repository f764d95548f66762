package fr.carnet.agenda.model;

import fr.carnet.shared.ClinicalRead;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where appointments are kept, on the caller's transaction. */
public interface Appointments {

  /** Adds it unless one with its owner, source and external id exists; true if added. */
  boolean addIfAbsent(Appointment appointment);

  /** The owner's appointment of that platform id: each organisation has its own ids. */
  Optional<Appointment> bySourceId(String owner, String source, String externalId);

  Optional<Appointment> find(UUID recordId, UUID id);

  void update(Appointment appointment);

  /** Deletes the patient's own appointment; false if there was none such. */
  boolean deleteOwn(UUID recordId, UUID id);

  /** The record's appointments: those to come (soonest first), then the past (newest first). */
  @ClinicalRead
  List<Appointment> ofRecord(UUID recordId, Instant now, int limit);

  /** As {@link #ofRecord}, the patient side's own appointments only (none pushed). */
  @ClinicalRead
  List<Appointment> ownOfRecord(UUID recordId, Instant now, int limit);
}
