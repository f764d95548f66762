package fr.carnet.devserver;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Carnet on a real Payara Server with a real PostgreSQL, for development ({@code ./mvnw -Prun}) and
 * for the end-to-end tests: the database, the dev key pair, a Payara domain and the EAR.
 */
public final class DevServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DevServer.class.getName());

  private final DevDatabase database;
  private final DevKeys keys;
  private final PayaraDomain domain;
  private final Path witness;

  private DevServer(DevDatabase database, DevKeys keys, PayaraDomain domain, Path witness) {
    this.database = database;
    this.keys = keys;
    this.domain = domain;
    this.witness = witness;
  }

  /**
   * Starts everything and deploys {@code ear}.
   *
   * @param devFolder keys and (when {@code keepData}) database files
   * @param keepData whether the database lives on in {@code devFolder} between runs
   * @param settings more variables for the server, such as {@code CARNET_ADMIN_PASSWORD}
   * @param freshDomain whether to delete a domain of that name left by an earlier run
   */
  public static DevServer start(
      Path payaraHome,
      String domainName,
      Path ear,
      Path devFolder,
      int httpPort,
      int databasePort,
      boolean keepData,
      Map<String, String> settings,
      boolean freshDomain) {
    DevDatabase database =
        DevDatabase.start(keepData ? devFolder.resolve("pgdata") : null, databasePort);
    try {
      DevKeys keys = DevKeys.in(devFolder.resolve("keys"));
      Map<String, String> environment = environment(database, keys, devFolder, keepData, settings);
      PayaraDomain domain = new PayaraDomain(payaraHome, domainName, httpPort, environment);
      if (freshDomain) {
        domain.delete();
      }
      domain.createIfAbsent();
      domain.start();
      DevServer server =
          new DevServer(
              database, keys, domain, Path.of(environment.get("CARNET_AUDIT_TREE_WITNESS_FILE")));
      try {
        domain.deploy(ear);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * The server JVM's variables: the database's, the dev keys', the witness file's, then {@code
   * settings}. Shared by the run command and the cluster command, whose instances get the same.
   */
  static Map<String, String> environment(
      DevDatabase database,
      DevKeys keys,
      Path devFolder,
      boolean keepData,
      Map<String, String> settings) {
    Map<String, String> environment = new LinkedHashMap<>(database.environment());
    environment.putAll(settings);
    // glibc gives each thread that allocates natively an arena of its own (up to 8 per core), whose
    // freed pages stay resident: two arenas hold the server's native allocations in less memory
    // (README, "Server memory"). Inherited by the server JVM from asadmin.
    if (System.getenv("MALLOC_ARENA_MAX") == null) {
      environment.putIfAbsent("MALLOC_ARENA_MAX", "2");
    }
    if (System.getenv("CARNET_LIFECYCLE_CODE_SECRET") == null) {
      environment.putIfAbsent("CARNET_LIFECYCLE_CODE_SECRET", keys.codeSecret());
    }
    if (System.getenv("CARNET_CONTENT_MASTER_KEY") == null) {
      environment.putIfAbsent("CARNET_CONTENT_MASTER_KEY", keys.contentMasterKey());
    }
    if (System.getenv("MP_JWT_VERIFY_PUBLICKEY_LOCATION") == null) {
      environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKeyFile().toUri().toString());
    }
    if (System.getenv("CARNET_AUDIT_TREE_SIGNING_KEY") == null) {
      environment.putIfAbsent(
          "CARNET_AUDIT_TREE_SIGNING_KEY", keys.treeSigningKeyFile().toString());
    }
    // The witness of a throwaway database is new with it: heads of an earlier one would
    // contradict it.
    Path witness =
        Optional.ofNullable(System.getenv("CARNET_AUDIT_TREE_WITNESS_FILE"))
            .map(Path::of)
            .orElseGet(
                () ->
                    devFolder
                        .toAbsolutePath()
                        .resolve("witness")
                        .resolve(
                            keepData
                                ? "tree-heads.jsonl"
                                : "tree-heads-" + System.currentTimeMillis() + ".jsonl"));
    environment.putIfAbsent("CARNET_AUDIT_TREE_WITNESS_FILE", witness.toString());
    return environment;
  }

  public String baseUrl() {
    return domain.baseUrl();
  }

  /** The witness of the audit tree's signed heads (one JSON line per head). */
  public Path treeWitnessFile() {
    return witness;
  }

  public DevKeys keys() {
    return keys;
  }

  public DevDatabase database() {
    return database;
  }

  /** Kills the server JVM with SIGKILL, then starts it again (crash tests). */
  public void crashAndRestart() {
    domain.killHard();
    domain.restart();
  }

  public Path serverLog() {
    return domain.serverLog();
  }

  /** Stops the domain, then the database; each is attempted even if the other fails. */
  @Override
  public void close() {
    try {
      domain.stop();
    } catch (RuntimeException e) {
      // After Ctrl-C the server may already be going down on its own.
      LOG.warning("Stopping the Payara domain: " + e.getMessage());
    }
    try {
      database.close();
    } catch (RuntimeException e) {
      LOG.warning("Stopping the database: " + e.getMessage());
    }
  }

  /** {@code ./mvnw -Prun}: starts Carnet, prints where it answers, stops cleanly on Ctrl-C. */
  public static void main(String[] args) throws InterruptedException {
    Instant begin = Instant.now();
    DevSettings settings = DevSettings.fromEnvironment();
    Path payaraHome = Path.of(System.getProperty("payara.home"));
    Path ear = Path.of(System.getProperty("carnet.ear"));
    // Notifications go to a local mail catcher unless the operator names an SMTP server.
    int mailPort = settings.httpPort() + 25;
    DevMailCatcher mail =
        System.getenv("CARNET_NOTIFICATION_MAIL_HOST") == null
            ? DevMailCatcher.start(mailPort)
            : null;
    Map<String, String> variables =
        new java.util.LinkedHashMap<>(mail == null ? Map.of() : DevMailCatcher.settings(mailPort));
    // The first admin's random password, if Carnet draws one, goes beside the dev keys.
    Path adminPasswordFile =
        Path.of(
            Optional.ofNullable(System.getenv("CARNET_ADMIN_PASSWORD_FILE"))
                .orElse(
                    settings.devFolder().resolve("admin-password").toAbsolutePath().toString()));
    variables.put("CARNET_ADMIN_PASSWORD_FILE", adminPasswordFile.toString());
    DevServer server =
        start(
            payaraHome,
            // One domain per port: a domain's ports are fixed when it is created.
            "carnet-" + settings.httpPort(),
            ear,
            settings.devFolder(),
            settings.httpPort(),
            settings.databasePort(),
            true,
            variables,
            false);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Stopping Carnet: Payara domain, then the database");
                  server.close();
                  if (mail != null) {
                    mail.close();
                  }
                  stopped.countDown();
                }));
    String base = server.baseUrl();
    LOG.info(
        String.join(
            "\n",
            "",
            "Carnet is running (started in "
                + Duration.between(begin, Instant.now()).toSeconds()
                + " s)",
            "  API       " + base + "/api/v1",
            "  OpenAPI   " + base + "/openapi",
            "  Health    " + base + "/health",
            "  Console   "
                + base
                + "/console/ (first start: user admin, password in "
                + adminPasswordFile
                + ", to be changed at the first login)",
            "  Database  " + server.database().url(),
            "  Mail      "
                + (mail == null
                    ? "notifications to the SMTP server of CARNET_NOTIFICATION_MAIL_HOST"
                    : "notifications caught on 127.0.0.1:" + mailPort + " and logged here"),
            "  Data and dev keys in " + settings.devFolder(),
            "  Server log " + server.serverLog(),
            "Press Ctrl-C to stop."));
    stopped.await();
  }
}
