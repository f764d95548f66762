package fr.carnet.catalogue.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The apps patients connected to their records. */
public interface Connections {

  /** The live connection of the app to the record, locked for the transaction. */
  Optional<Connection> liveForUpdate(UUID recordId, UUID appId);

  Optional<Connection> one(UUID recordId, UUID connectionId);

  void insert(Connection connection);

  /** Revokes a live connection; false if it was not live. */
  boolean revoke(UUID connectionId, Instant at, String by, String byRole);

  /** The record's connections neither revoked nor expired at {@code now}, newest first. */
  List<Connection> live(UUID recordId, Instant now, int limit);
}
