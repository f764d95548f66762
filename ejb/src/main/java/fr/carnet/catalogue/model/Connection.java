package fr.carnet.catalogue.model;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A patient's connection of a referenced app to their record: the scopes granted, until when. */
public record Connection(
    UUID id,
    UUID recordId,
    UUID appId,
    String clientId,
    String appName,
    Set<String> scopes,
    Instant grantedAt,
    Instant expiresAt,
    Instant revokedAt) {

  public Connection {
    scopes = Set.copyOf(scopes);
  }
}
