package fr.carnet.access.model;

import fr.carnet.access.AppStanding;
import java.time.Instant;
import java.util.UUID;

/**
 * Where an app stands in the catalogue and the patient's connection of it to a record, read in the
 * access's transaction for an app actor only (issue 21). Implemented by the catalogue.
 */
public interface AppStandings {

  /**
   * The standing of the app of this client id for this record, {@link AppStanding#NONE} if unknown.
   */
  AppStanding of(String clientId, UUID recordId, Instant now);
}
