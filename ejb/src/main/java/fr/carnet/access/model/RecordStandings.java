package fr.carnet.access.model;

import fr.carnet.security.Actor;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Reads how a record stands for an actor. */
public interface RecordStandings {

  /** The record's standing for the actor at {@code now}, or empty if there is no such record. */
  Optional<RecordStanding> of(Actor actor, UUID recordId, Instant now);
}
