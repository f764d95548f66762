package fr.carnet.it;

import fr.carnet.devserver.DevDatabase;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR that Arquillian deploys on Payara Micro: the real EJB jar (classes, persistence unit,
 * Flyway migrations, MicroProfile config) with the libraries the EAR carries, and a configuration
 * that points it at a real PostgreSQL started for the tests.
 */
final class ItDeployment {

  // A constant: this class is loaded twice, by the test JVM that writes the configuration and by
  // the container that runs the tests, and both must agree. It protects a throw-away database.
  static final String ADMIN_PASSWORD = "integration-tests-only";
  private static DevDatabase database;

  /** The sequencer's batch in the tests (5,000 in a deployment). */
  static final int TREE_BATCH = 100;

  private ItDeployment() {}

  static WebArchive create(Class<?>... testClasses) {
    Path itFolder = Path.of(System.getProperty("carnet.it.dir", "target/it"));
    JavaArchive ejb =
        ShrinkWrap.create(JavaArchive.class, "carnet-ejb.jar")
            .as(ExplodedImporter.class)
            .importDirectory(Path.of("..", "ejb", "target", "classes").toFile())
            .as(JavaArchive.class);
    File[] libraries =
        itFolder.resolve("lib").toFile().listFiles((dir, name) -> name.endsWith(".jar"));
    return ShrinkWrap.create(WebArchive.class, "carnet-it.war")
        .addAsLibrary(ejb)
        .addAsLibraries(libraries)
        .addClasses(testClasses)
        .addClass(ItDeployment.class)
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
        .addAsResource(new StringAsset(configuration()), "META-INF/microprofile-config.properties");
  }

  /** Overrides the EJB jar's defaults: the test database, and a known first admin password. */
  private static String configuration() {
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put("config_ordinal", "500");
    settings.put("carnet.admin.password", ADMIN_PASSWORD);
    // The tests play the delivery instances themselves.
    settings.put("carnet.notification.delivery.enabled", "false");
    settings.put("carnet.lifecycle.job.enabled", "false");
    // The tree's sequencer too, in batches small enough for a test to make a backlog of several.
    settings.put("carnet.audit.tree.enabled", "false");
    settings.put("carnet.audit.tree.batch", String.valueOf(TREE_BATCH));
    settings.put("carnet.lifecycle.code-secret", "integration-tests-only-code-secret");
    environment().forEach((variable, value) -> settings.put(property(variable), value));
    return settings.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n"));
  }

  /** The embedded PostgreSQL, started once per test JVM, unless DB_URL names another. */
  private static synchronized Map<String, String> environment() {
    if (database == null) {
      database = DevDatabase.start(null, 0);
      Runtime.getRuntime().addShutdownHook(new Thread(database::close));
    }
    return database.environment();
  }

  /** DB_MIGRATION_USER becomes db.migration.user. */
  private static String property(String variable) {
    return variable.toLowerCase().replace('_', '.');
  }
}
