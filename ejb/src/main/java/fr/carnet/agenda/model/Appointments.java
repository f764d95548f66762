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

  /**
   * How many appointments to come (from {@code now}, cancelled ones included) the pusher has in the
   * record: the owner's, and for an app ({@code source} not null) that source's only. Takes a lock
   * of (record, pusher) held to the end of the transaction, so that a concurrent push of the same
   * pusher to the same record counts after this one commits.
   */
  int upcomingOfPusher(UUID recordId, String owner, String source, Instant now);

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
