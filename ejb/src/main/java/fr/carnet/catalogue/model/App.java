package fr.carnet.catalogue.model;

import fr.carnet.access.AppStanding;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An app of the catalogue, as reviewed.
 *
 * @param clientId its client id at the identity provider: the {@code azp} of its tokens
 * @param exchangesData whether it exchanges data with the record, which calls for the reinforced
 *     criteria
 * @param scopes the scopes it was referenced for; a patient grants it a subset
 * @param criteria the criteria of the checklist the reviewer found met
 */
public record App(
    UUID id,
    String clientId,
    String name,
    String publisher,
    boolean exchangesData,
    Set<String> scopes,
    AppStanding.Status status,
    Set<String> criteria,
    Instant changedAt,
    String suspensionReason) {

  public App {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(status, "status");
    scopes = Set.copyOf(scopes);
    criteria = Set.copyOf(criteria);
  }
}
