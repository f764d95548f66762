package fr.carnet.access;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * The calling person's designation as a proxy of the record, as it stands: the current one if there
 * is one, else the latest, so that the policy can tell an ended proxy from a stranger.
 *
 * @param id the designation
 * @param scope what the patient let the proxy do
 * @param endsOn the last day (civil time) on which the proxy may act
 * @param revoked whether the patient revoked it or the proxy gave it up
 */
public record ProxyStanding(UUID id, ProxyScope scope, LocalDate endsOn, boolean revoked) {

  public ProxyStanding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(endsOn, "endsOn");
  }
}
