package fr.carnet.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.devserver.DevDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The start-up check of least privilege, on a real PostgreSQL: the schema owner (what the
 * application's user becomes when the operator gives no DB_MIGRATION_USER) owns the trail; the
 * application's own user does not.
 */
class LeastPrivilegeCheckTest {

  private static DevDatabase database;
  private static Map<String, String> settings;

  @BeforeAll
  static void aDatabaseWithItsTwoUsers() throws Exception {
    database = DevDatabase.start(null, 0);
    settings = database.environment();
    try (Connection owner = connect("DB_MIGRATION_USER", "DB_MIGRATION_PASSWORD");
        Statement sql = owner.createStatement()) {
      sql.execute("create table trace (position bigint)");
      // As V20 leaves it: the application reads traces and appends only through append_trace.
      sql.execute("grant select on trace to " + settings.get("DB_USER"));
    }
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  private static Connection connect(String user, String password) throws Exception {
    return DriverManager.getConnection(
        settings.get("DB_URL"), settings.get(user), settings.get(password));
  }

  @Test
  void theSchemaOwnerOwnsTheTrail() throws Exception {
    try (Connection owner = connect("DB_MIGRATION_USER", "DB_MIGRATION_PASSWORD")) {
      assertThat(DatabaseMigration.ownsTheTrail(owner)).isTrue();
    }
  }

  @Test
  void theApplicationsUserDoesNot() throws Exception {
    try (Connection application = connect("DB_USER", "DB_PASSWORD")) {
      assertThat(DatabaseMigration.ownsTheTrail(application)).isFalse();
    }
  }

  @Test
  void anApplicationUserGrantedMoreThanAppendingDoes() throws Exception {
    // An operator's "grant all" on the trail, taken back afterwards for the other tests.
    try (Connection owner = connect("DB_MIGRATION_USER", "DB_MIGRATION_PASSWORD");
        Statement sql = owner.createStatement()) {
      sql.execute("grant all on trace to " + settings.get("DB_USER"));
    }
    try (Connection application = connect("DB_USER", "DB_PASSWORD")) {
      assertThat(DatabaseMigration.ownsTheTrail(application)).isTrue();
    } finally {
      try (Connection owner = connect("DB_MIGRATION_USER", "DB_MIGRATION_PASSWORD");
          Statement sql = owner.createStatement()) {
        sql.execute(
            "revoke insert, update, delete, truncate, trigger, references on trace from "
                + settings.get("DB_USER"));
      }
    }
  }

  @Test
  void anApplicationUserThatMayInsertTracesDirectlyDoes() throws Exception {
    // A direct insert bypasses append_trace's refusal of a trace dated other than now.
    try (Connection owner = connect("DB_MIGRATION_USER", "DB_MIGRATION_PASSWORD");
        Statement sql = owner.createStatement()) {
      sql.execute("grant insert on trace to " + settings.get("DB_USER"));
    }
    try (Connection application = connect("DB_USER", "DB_PASSWORD")) {
      assertThat(DatabaseMigration.ownsTheTrail(application)).isTrue();
    } finally {
      try (Connection owner = connect("DB_MIGRATION_USER", "DB_MIGRATION_PASSWORD");
          Statement sql = owner.createStatement()) {
        sql.execute("revoke insert on trace from " + settings.get("DB_USER"));
      }
    }
  }

  @Test
  void aSuperuserDoes() throws Exception {
    try (Connection superuser = database.superuserConnection()) {
      assertThat(DatabaseMigration.ownsTheTrail(superuser)).isTrue();
    }
  }
}
