package fr.carnet.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Carnet is ready only while its database answers: without it, nothing can be served or traced. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

  private static final int TIMEOUT_SECONDS = 2;

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @EJB private DatabaseMigration migration;

  @Override
  public HealthCheckResponse call() {
    try (Connection connection = dataSource.getConnection()) {
      HealthCheckResponseBuilder health =
          HealthCheckResponse.named("database").status(connection.isValid(TIMEOUT_SECONDS));
      if (migration.applicationUserOwnsTheTrail()) {
        // Up, but said at every look: an operator must not be able to miss it.
        health.withData(
            "leastPrivilege",
            "NOT IN FORCE: the application's database user owns the schema; set"
                + " DB_MIGRATION_USER");
      }
      return health.build();
    } catch (SQLException e) {
      // The SQL state only: the message may name hosts or users.
      return HealthCheckResponse.named("database")
          .down()
          .withData("sqlState", String.valueOf(e.getSQLState()))
          .build();
    }
  }
}
