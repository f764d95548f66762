package fr.carnet.catalogue.infrastructure;

import fr.carnet.access.AppStanding;
import fr.carnet.access.model.AppStandings;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * An app's facts for the access policy, in one statement: its status in the catalogue and the
 * patient's latest connection of it to the record (live, expired or revoked), from the indexes of
 * V35. Facts only: {@link fr.carnet.access.AccessPolicy} decides.
 */
@ApplicationScoped
public class JdbcAppStandings implements AppStandings {

  private static final String STANDING =
      "select a.status, c.scopes, c.revoked_at is not null, c.expires_at <= ?"
          + " from catalogue_app a left join lateral (select x.scopes, x.revoked_at, x.expires_at"
          + "   from app_connection x where x.app_id = a.id and x.record_id = ?"
          + "   order by x.revoked_at is null desc, x.granted_at desc limit 1) c on true"
          + " where a.client_id = ?";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public AppStanding of(String clientId, UUID recordId, Instant now) {
    return Jdbc.query(
            dataSource,
            STANDING,
            row -> {
              AppStanding.Status status = AppStanding.Status.valueOf(row.getString(1));
              String scopes = row.getString(2);
              if (scopes == null) {
                return new AppStanding(status, AppStanding.Connection.NONE, Set.of());
              }
              AppStanding.Connection connection =
                  row.getBoolean(3)
                      ? AppStanding.Connection.REVOKED
                      : row.getBoolean(4)
                          ? AppStanding.Connection.EXPIRED
                          : AppStanding.Connection.LIVE;
              return new AppStanding(
                  status,
                  connection,
                  connection == AppStanding.Connection.LIVE ? Jdbc.scopes(scopes) : Set.of());
            },
            now,
            recordId,
            clientId)
        .stream()
        .findFirst()
        .orElse(AppStanding.NONE);
  }
}
