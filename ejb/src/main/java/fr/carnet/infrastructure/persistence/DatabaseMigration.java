package fr.carnet.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

  @Inject
  @ConfigProperty(name = "carnet.production", defaultValue = "false")
  private boolean production;

  private boolean applicationUserOwnsTheTrail;

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
    checkLeastPrivilege();
    LOG.info(
        () ->
            "Database schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
  }

  /**
   * Whether the application's own database user owns the trail (and so the schema): it could then
   * alter, truncate or drop the traces it is only meant to append to. Happens when the operator
   * gives one database user and no {@code DB_MIGRATION_USER}. A warning at every start and in
   * {@code /health}; a refusal to start when {@code carnet.production=true}.
   */
  @Lock(LockType.READ)
  public boolean applicationUserOwnsTheTrail() {
    return applicationUserOwnsTheTrail;
  }

  /**
   * Whether the connection's user could rewrite the trail: it owns the trace table, is a superuser,
   * or was granted more on it than reading. Inserting counts too (V20): the application appends
   * only through {@code append_trace}, which refuses a trace dated other than now; a direct insert
   * could write one dated last month.
   */
  public static boolean ownsTheTrail(Connection connection) throws SQLException {
    try (Statement sql = connection.createStatement();
        ResultSet row =
            sql.executeQuery(
                "select pg_has_role(current_user, c.relowner, 'MEMBER')"
                    + " or (select rolsuper or rolbypassrls from pg_roles"
                    + "     where rolname = current_user)"
                    + " or has_table_privilege(current_user, c.oid,"
                    + "     'INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES')"
                    + " from pg_class c where c.oid = 'trace'::regclass")) {
      return row.next() && row.getBoolean(1);
    }
  }

  private void checkLeastPrivilege() {
    try (Connection connection = dataSource.getConnection()) {
      applicationUserOwnsTheTrail = ownsTheTrail(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot check the database user's privileges", e);
    }
    if (!applicationUserOwnsTheTrail) {
      return;
    }
    String warning =
        "Least privilege not in force: the application's database user ("
            + applicationUser
            + ") owns the schema or is a superuser, so it could rewrite or drop the audit trail."
            + " Set DB_MIGRATION_USER (and DB_MIGRATION_PASSWORD) to a separate schema owner.";
    if (production) {
      throw new IllegalStateException(warning + " Refusing to start: carnet.production=true");
    }
    LOG.warning(warning);
  }
}
