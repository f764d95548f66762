package fr.carnet.devserver;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The database Carnet runs on in development and tests: an embedded PostgreSQL 15, or the external
 * server named by {@code DB_URL}, {@code DB_USER} and {@code DB_PASSWORD}.
 *
 * <p>The embedded one is set up as production should be: a schema owner ({@code carnet_owner}) runs
 * the migrations and the application connects as {@code carnet_app}, which may only read and write
 * rows.
 */
public final class DevDatabase implements AutoCloseable {

  static final String DATABASE = "carnet";
  static final String OWNER = "carnet_owner";
  static final String APPLICATION = "carnet_app";

  private static final Logger LOG = Logger.getLogger(DevDatabase.class.getName());
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private EmbeddedPostgres embedded;
  private final Path dataFolder;
  private final Map<String, String> environment;
  private final RoundTripRelay relay;
  private boolean closed;

  private DevDatabase(
      EmbeddedPostgres embedded,
      Path dataFolder,
      Map<String, String> environment,
      RoundTripRelay relay) {
    this.embedded = embedded;
    this.dataFolder = dataFolder;
    this.environment = environment;
    this.relay = relay;
  }

  /**
   * Starts the embedded database with its data in {@code dataFolder} (kept between runs; null for a
   * throw-away one) on {@code port} (0 for any free port), unless {@code DB_URL} names another.
   */
  public static DevDatabase start(Path dataFolder, int port) {
    String externalUrl = System.getenv("DB_URL");
    if (externalUrl != null && !externalUrl.isBlank()) {
      // The server gets DB_* from this process's environment unchanged.
      return new DevDatabase(null, null, Map.of(), null);
    }
    try {
      EmbeddedPostgres.Builder builder = builder(port);
      // Benchmarks that read pg_stat_statements load it this way (it must be preloaded).
      String preload = System.getProperty("carnet.devdb.shared-preload-libraries");
      if (preload != null && !preload.isBlank()) {
        builder.setServerConfig("shared_preload_libraries", preload);
      }
      // More settings, for a benchmark that compares them: name=value, comma-separated.
      extraSettings(System.getProperty("carnet.devdb.settings", ""))
          .forEach(builder::setServerConfig);
      // Always a folder of ours, so that close() can find the server's pid and make sure it ended.
      Path folder = dataFolder;
      if (folder == null) {
        folder = Files.createTempDirectory("carnet-pg-");
        builder.setCleanDataDirectory(true);
      } else {
        builder.setCleanDataDirectory(false);
      }
      EmbeddedPostgres postgres = builder.setDataDirectory(folder).start();
      // Tests and benchmarks that count round trips put a relay between Carnet and the database.
      String marker = System.getProperty("carnet.devdb.round-trip-marker");
      RoundTripRelay relay =
          marker == null || marker.isBlank()
              ? null
              : RoundTripRelay.start(postgres.getPort(), marker);
      return new DevDatabase(
          postgres,
          folder,
          prepare(postgres, relay == null ? postgres.getPort() : relay.port()),
          relay);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
    }
  }

  /** What no extra setting may change: durability, and where the server listens. */
  private static final java.util.Set<String> FIXED_SETTINGS =
      java.util.Set.of("fsync", "synchronous_commit", "full_page_writes", "listen_addresses");

  private static final java.util.regex.Pattern SETTING_NAME =
      java.util.regex.Pattern.compile("[a-z_][a-z0-9_.]*");

  // zonky hands the settings to pg_ctl as one option string, which a shell splits.
  private static final java.util.regex.Pattern SETTING_VALUE =
      java.util.regex.Pattern.compile("[A-Za-z0-9._:-]+");

  /**
   * The settings {@code carnet.devdb.settings} asks for ({@code name=value}, comma-separated), each
   * checked: a plain name and value, and never one of {@link #FIXED_SETTINGS}.
   */
  static Map<String, String> extraSettings(String asked) {
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    for (String setting : asked.strip().split("\\s*,\\s*")) {
      if (setting.isEmpty()) {
        continue;
      }
      int equals = setting.indexOf('=');
      String name = equals < 0 ? setting : setting.substring(0, equals).strip();
      String value = equals < 0 ? "" : setting.substring(equals + 1).strip();
      if (!SETTING_NAME.matcher(name).matches() || !SETTING_VALUE.matcher(value).matches()) {
        throw new IllegalArgumentException("Not a PostgreSQL setting name=value: " + setting);
      }
      if (FIXED_SETTINGS.contains(name)) {
        throw new IllegalArgumentException(name + " is not changed: durability stays on");
      }
      LOG.info("PostgreSQL setting from carnet.devdb.settings: " + name + "=" + value);
      settings.put(name, value);
    }
    return settings;
  }

  private static EmbeddedPostgres.Builder builder(int port) {
    return EmbeddedPostgres.builder()
        .setPort(port)
        .setServerConfig("listen_addresses", "localhost")
        .setServerConfig("max_connections", "100")
        // zonky starts PostgreSQL for throw-away test databases: fsync off (postgres -F)
        // and synchronous_commit off. Carnet's run command keeps patients' data, and an
        // acknowledged write must survive a power cut: both back on (a later -c wins).
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on");
  }

  /**
   * Restarts the server on the same folder and port, as an operator's restart or a failover does:
   * its connections are cut (fast shutdown), the data and the roles' passwords kept; answers when
   * it accepts connections again. The postmaster is started again with its own command line, read
   * from the running one: zonky keeps a file lock on the folder, so a second {@code
   * EmbeddedPostgres} cannot start on it in this JVM. As root, through {@code unshare -U}, as zonky
   * runs {@code pg_ctl}: PostgreSQL refuses to run as uid 0, and in a new user namespace it is not
   * (started without it, it never accepts connections, and the class's later tests find no
   * database). {@link #close} stops the new one as it does the first. ClusterE2EIT restarts it
   * under push load.
   */
  public synchronized java.time.Instant restart() {
    if (embedded == null || closed) {
      throw new IllegalStateException("Not an embedded database of ours, or closed");
    }
    ProcessHandle server =
        postmaster().orElseThrow(() -> new IllegalStateException("No postmaster.pid"));
    List<String> line = new java.util.ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      line.addAll(List.of("unshare", "-U"));
    }
    line.add(server.info().command().orElseThrow());
    line.addAll(List.of(server.info().arguments().orElse(new String[0])));
    endProcess(server);
    try {
      new ProcessBuilder(line)
          .redirectErrorStream(true)
          .redirectOutput(dataFolder.resolve("restarted.log").toFile())
          .start();
      for (int i = 0; i < 300; i++) {
        try (Connection connection = superuserConnection()) {
          return java.time.Instant.now();
        } catch (SQLException notYet) {
          Thread.sleep(100);
        }
      }
      throw new IllegalStateException("PostgreSQL did not accept connections within 30 s");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot restart the embedded PostgreSQL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates the roles and the database once, and gives the roles fresh random passwords. */
  private static Map<String, String> prepare(EmbeddedPostgres postgres, int port) {
    String ownerPassword = randomPassword();
    String applicationPassword = randomPassword();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement sql = connection.createStatement()) {
      ensureRole(sql, OWNER, ownerPassword);
      ensureRole(sql, APPLICATION, applicationPassword);
      var exists = sql.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
      if (!exists.next()) {
        sql.execute("create database " + DATABASE + " owner " + OWNER);
      }
      sql.execute("revoke all on database " + DATABASE + " from public");
      sql.execute("grant connect on database " + DATABASE + " to " + APPLICATION);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot prepare the embedded database", e);
    }
    String url = "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("DB_URL", url);
    environment.put("DB_USER", APPLICATION);
    environment.put("DB_PASSWORD", applicationPassword);
    environment.put("DB_MIGRATION_USER", OWNER);
    environment.put("DB_MIGRATION_PASSWORD", ownerPassword);
    return environment;
  }

  private static void ensureRole(Statement sql, String role, String password) throws SQLException {
    var exists = sql.executeQuery("select 1 from pg_roles where rolname = '" + role + "'");
    sql.execute(
        (exists.next() ? "alter" : "create")
            + " role "
            + role
            + " login nosuperuser nocreatedb nocreaterole password '"
            + password
            + "'");
  }

  private static String randomPassword() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The variables that point Carnet at this database (empty when DB_URL was given). */
  public Map<String, String> environment() {
    return environment;
  }

  public String url() {
    return environment.getOrDefault("DB_URL", System.getenv("DB_URL"));
  }

  /**
   * A connection as the embedded server's superuser, for tests that play an operator tampering with
   * the data behind Carnet's back.
   */
  public Connection superuserConnection() throws SQLException {
    if (embedded == null) {
      throw new IllegalStateException("Only the embedded database has a known superuser");
    }
    return embedded.getDatabase("postgres", DATABASE).getConnection();
  }

  /**
   * The relay that counts Carnet's round trips to this database, when {@code
   * carnet.devdb.round-trip-marker} asked for one.
   */
  public Optional<RoundTripRelay> roundTrips() {
    return Optional.ofNullable(relay);
  }

  /** Whether this is the embedded database (and not one named by DB_URL). */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /**
   * Stops the embedded database and waits until its server process has ended; a second call does
   * nothing. {@code pg_ctl stop} gives up after a few seconds (a client still connected, a signal
   * that reached the server first), and a PostgreSQL left running keeps its port and its folder: so
   * the postmaster named in {@code postmaster.pid} is then ended by signal, fast shutdown first.
   */
  @Override
  public synchronized void close() {
    if (embedded == null || closed) {
      return;
    }
    closed = true;
    if (relay != null) {
      try {
        relay.close();
      } catch (IOException e) {
        LOG.fine("Closing the round-trip relay: " + e);
      }
    }
    Optional<ProcessHandle> server = postmaster();
    try {
      embedded.close();
    } catch (IOException | RuntimeException e) {
      LOG.warning("pg_ctl stop failed, ending the server by signal: " + e);
    }
    server.filter(ProcessHandle::isAlive).ifPresent(DevDatabase::endProcess);
  }

  private Optional<ProcessHandle> postmaster() {
    try {
      List<String> lines = Files.readAllLines(dataFolder.resolve("postmaster.pid"));
      return lines.isEmpty()
          ? Optional.empty()
          : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void endProcess(ProcessHandle process) {
    // SIGTERM is PostgreSQL's smart shutdown, which waits for clients; SIGINT is its fast one.
    runQuietly("kill", "-INT", String.valueOf(process.pid()));
    try {
      process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warning("PostgreSQL " + process.pid() + " did not stop in time: killed");
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (ExecutionException e) {
      process.destroyForcibly();
    }
  }

  private static void runQuietly(String... command) {
    try {
      new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      LOG.fine("Cannot run " + command[0] + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
