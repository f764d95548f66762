package fr.carnet.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date at deployment, before anything else touches the database. Flyway
 * owns the schema; EclipseLink generates nothing.
 *
 * <p>In production the migrations run as a schema owner ({@code db.migration.user}) while the
 * application connects as a user that may only read and write rows; both default to the same user
 * for a single-user setup.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigration {

  private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Inject
  @ConfigProperty(name = "db.url")
  private String url;

  @Inject
  @ConfigProperty(name = "db.user")
  private String applicationUser;

  @Inject
  @ConfigProperty(name = "db.migration.user")
  private Optional<String> migrationUser;

  @Inject
  @ConfigProperty(name = "db.migration.password")
  private Optional<String> migrationPassword;

  @PostConstruct
  void migrate() {
    var configuration =
        Flyway.configure(DatabaseMigration.class.getClassLoader())
            .locations("classpath:db/migration")
            .placeholders(Map.of("applicationUser", applicationUser));
    Flyway flyway =
        migrationUser.filter(user -> !user.isBlank()).isPresent()
            ? configuration
                .dataSource(url, migrationUser.get(), migrationPassword.orElse(""))
                .load()
            : configuration.dataSource(dataSource).load();
    MigrateResult result = flyway.migrate();
    LOG.info(
        () ->
            "Database schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
  }
}
