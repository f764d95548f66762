package fr.carnet.devserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Carnet as several identical instances ({@code ./mvnw -Pcluster}): one PostgreSQL, two Payara
 * Server domains of the same EAR on that database, and Debian's HAProxy in front of them, round
 * robin for the API and FHIR, sticky (by cookie) for the console, checking each instance's {@code
 * /health}. Users call HAProxy's port only.
 *
 * <p>Ports, from the front port {@code P}: the database {@code P + 1} unless given, the mail
 * catcher {@code P + 2}, instance {@code a} on HTTP {@code P + 100} and instance {@code b} on
 * {@code P + 190} (each domain takes 87 ports from its HTTP port - 80, the admin port being HTTP -
 * 32).
 */
public final class DevCluster implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DevCluster.class.getName());

  /** The instances' names, which they send back in {@code X-Carnet-Instance}. */
  public static final List<String> INSTANCES = List.of("a", "b");

  private static final int[] OFFSETS = {100, 190};

  private final DevDatabase database;
  private final DevKeys keys;
  private final List<PayaraDomain> domains;
  private final int frontPort;
  private final Path haproxyConfig;
  private Process haproxy;

  private DevCluster(
      DevDatabase database,
      DevKeys keys,
      List<PayaraDomain> domains,
      int frontPort,
      Path haproxyConfig) {
    this.database = database;
    this.keys = keys;
    this.domains = domains;
    this.frontPort = frontPort;
    this.haproxyConfig = haproxyConfig;
  }

  /** The HTTP port of instance {@code index} (0 or 1) for a front port. */
  public static int instancePort(int frontPort, int index) {
    return frontPort + OFFSETS[index];
  }

  /**
   * Starts the database, both instances (one after the other: the first applies the migrations) and
   * HAProxy.
   *
   * @param domainPrefix the domains are named {@code prefix-a} and {@code prefix-b}
   * @param workFolder where HAProxy's generated configuration and log go
   * @param settings more variables for both servers
   * @param freshDomains whether to delete domains of those names left by an earlier run
   */
  public static DevCluster start(
      Path payaraHome,
      String domainPrefix,
      Path ear,
      Path devFolder,
      Path workFolder,
      int frontPort,
      int databasePort,
      boolean keepData,
      Map<String, String> settings,
      boolean freshDomains) {
    String haproxyBinary = haproxyBinary();
    DevDatabase database =
        DevDatabase.start(keepData ? devFolder.resolve("pgdata") : null, databasePort);
    DevCluster cluster = null;
    try {
      DevKeys keys = DevKeys.in(devFolder.resolve("keys"));
      Map<String, String> shared = new LinkedHashMap<>(settings);
      // HAProxy, on the loopback, adds the client's address in X-Forwarded-For.
      shared.putIfAbsent("CARNET_CONSOLE_TRUSTED_PROXIES", "127.0.0.1,0:0:0:0:0:0:0:1,::1");
      Map<String, String> common =
          DevServer.environment(database, keys, devFolder, keepData, shared);
      List<PayaraDomain> domains = new ArrayList<>();
      for (int i = 0; i < INSTANCES.size(); i++) {
        Map<String, String> environment = new LinkedHashMap<>(common);
        environment.put("CARNET_INSTANCE_NAME", INSTANCES.get(i));
        domains.add(
            new PayaraDomain(
                payaraHome,
                domainPrefix + "-" + INSTANCES.get(i),
                instancePort(frontPort, i),
                environment));
      }
      Files.createDirectories(workFolder);
      cluster =
          new DevCluster(database, keys, domains, frontPort, workFolder.resolve("haproxy.cfg"));
      for (PayaraDomain domain : domains) {
        if (freshDomains) {
          domain.delete();
        }
        domain.createIfAbsent();
        domain.start();
        domain.deploy(ear);
      }
      cluster.startHaproxy(haproxyBinary, workFolder.resolve("haproxy.log"));
      return cluster;
    } catch (IOException e) {
      closeQuietly(cluster, database);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeQuietly(cluster, database);
      throw e;
    }
  }

  private static void closeQuietly(DevCluster cluster, DevDatabase database) {
    if (cluster != null) {
      cluster.close();
    } else {
      database.close();
    }
  }

  private static String haproxyBinary() {
    for (String candidate : List.of("/usr/sbin/haproxy", "/usr/bin/haproxy")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "HAProxy is missing: install Debian's package (sudo apt-get install -y haproxy); the"
            + " cluster command does it itself as root (e2e/ensure-haproxy.sh)");
  }

  /** HAProxy's configuration: the routes, the checks, the sticky cookie of the console. */
  String haproxyConfiguration() {
    StringBuilder servers = new StringBuilder();
    StringBuilder stickyServers = new StringBuilder();
    for (int i = 0; i < domains.size(); i++) {
      String name = INSTANCES.get(i);
      String address = "127.0.0.1:" + instancePort(frontPort, i);
      servers.append("    server " + name + " " + address + " check inter 1s fall 3 rise 2\n");
      stickyServers.append(
          "    server "
              + name
              + " "
              + address
              + " check inter 1s fall 3 rise 2 cookie "
              + name
              + "\n");
    }
    return String.join(
        "\n",
        "# Generated by fr.carnet.devserver.DevCluster (./mvnw -Pcluster); rewritten at each start.",
        "global",
        "    maxconn 4096",
        "",
        "defaults",
        "    mode http",
        "    option forwardfor",
        // Each request balanced on its own: a kept-alive client would otherwise stay on one.
        "    option http-server-close",
        "    timeout check 5s",
        "    option redispatch",
        "    retries 2",
        "    timeout connect 2s",
        "    timeout client 5m",
        "    timeout server 5m",
        "    timeout http-request 30s",
        "",
        "frontend carnet",
        "    bind :" + frontPort,
        // A client's h2c upgrade (Java's HttpClient asks by default) would turn the connection into
        // a tunnel to one instance: requests stay HTTP/1.1 and each is balanced.
        "    http-request del-header Upgrade if { req.hdr(upgrade) -i h2c }",
        "    http-request del-header HTTP2-Settings",
        "    use_backend console if { path_beg /console }",
        "    default_backend api",
        "",
        "# The API, FHIR, health and OpenAPI: any instance, in turn.",
        "backend api",
        "    balance roundrobin",
        "    option httpchk GET /health",
        "    http-check expect status 200",
        servers.toString(),
        "# The console keeps its session on one instance: HAProxy's cookie names it.",
        "backend console",
        "    balance roundrobin",
        "    cookie CARNET_INSTANCE insert indirect nocache httponly",
        "    option httpchk GET /health",
        "    http-check expect status 200",
        stickyServers.toString());
  }

  private void startHaproxy(String binary, Path log) throws IOException {
    Files.writeString(haproxyConfig, haproxyConfiguration());
    haproxy =
        new ProcessBuilder(binary, "-db", "-f", haproxyConfig.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      if (!haproxy.isAlive()) {
        throw new IllegalStateException(
            "HAProxy exited (" + haproxy.exitValue() + "): " + Files.readString(log));
      }
      try (Socket socket = new Socket("127.0.0.1", frontPort)) {
        break;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("HAProxy does not listen on " + frontPort);
        }
        sleep(200);
      }
    }
    // Both instances are UP already; wait for HAProxy's first checks to agree.
    sleep(2500);
  }

  /** The one URL users call: HAProxy. */
  public String baseUrl() {
    return "http://localhost:" + frontPort;
  }

  /** Instance {@code index}'s own URL, bypassing HAProxy (tests, operators). */
  public String instanceUrl(int index) {
    return domains.get(index).baseUrl();
  }

  public Path serverLog(int index) {
    return domains.get(index).serverLog();
  }

  public Path haproxyConfig() {
    return haproxyConfig;
  }

  public DevKeys keys() {
    return keys;
  }

  public DevDatabase database() {
    return database;
  }

  /** Kills instance {@code index} with SIGKILL (crash tests); {@link #restart} brings it back. */
  public void kill(int index) {
    domains.get(index).killHard();
  }

  /** Restarts the one PostgreSQL under both instances (fast shutdown, then up again). */
  public java.time.Instant restartDatabase() {
    return database.restart();
  }

  public void restart(int index) {
    domains.get(index).restart();
  }

  /** Stops HAProxy, each instance, then the database; each is attempted if another fails. */
  @Override
  public synchronized void close() {
    if (haproxy != null && haproxy.isAlive()) {
      haproxy.destroy();
      try {
        if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
          haproxy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (PayaraDomain domain : domains) {
      try {
        domain.stop();
      } catch (RuntimeException e) {
        LOG.warning("Stopping a Payara domain: " + e.getMessage());
      }
    }
    try {
      database.close();
    } catch (RuntimeException e) {
      LOG.warning("Stopping the database: " + e.getMessage());
    }
  }

  /** {@code ./mvnw -Pcluster}: starts the cluster, prints its URL, stops cleanly on Ctrl-C. */
  public static void main(String[] args) throws InterruptedException {
    Instant begin = Instant.now();
    DevSettings settings = DevSettings.fromEnvironment();
    int front = settings.httpPort();
    int databasePort =
        Integer.parseInt(
            DevSettings.setting("carnet.db.port", "CARNET_DB_PORT", String.valueOf(front + 1)));
    int mailPort = front + 2;
    DevMailCatcher mail =
        System.getenv("CARNET_NOTIFICATION_MAIL_HOST") == null
            ? DevMailCatcher.start(mailPort)
            : null;
    Map<String, String> variables =
        new LinkedHashMap<>(mail == null ? Map.of() : DevMailCatcher.settings(mailPort));
    Path adminPasswordFile =
        Path.of(
            Optional.ofNullable(System.getenv("CARNET_ADMIN_PASSWORD_FILE"))
                .orElse(
                    settings.devFolder().resolve("admin-password").toAbsolutePath().toString()));
    variables.put("CARNET_ADMIN_PASSWORD_FILE", adminPasswordFile.toString());
    Path work =
        Path.of(System.getProperty("carnet.cluster.dir", "target/cluster")).toAbsolutePath();
    DevCluster cluster;
    try {
      cluster =
          start(
              Path.of(System.getProperty("payara.home")),
              "cluster-" + front,
              Path.of(System.getProperty("carnet.ear")),
              settings.devFolder(),
              work,
              front,
              databasePort,
              true,
              variables,
              false);
    } catch (RuntimeException e) {
      if (mail != null) {
        mail.close();
      }
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Stopping the Carnet cluster: HAProxy, both instances, the database");
                  cluster.close();
                  if (mail != null) {
                    mail.close();
                  }
                  stopped.countDown();
                }));
    String base = cluster.baseUrl();
    LOG.info(
        String.join(
            "\n",
            "",
            "Carnet cluster is running (started in "
                + Duration.between(begin, Instant.now()).toSeconds()
                + " s): call "
                + base,
            "  API       " + base + "/api/v1   (round robin over both instances)",
            "  Health    " + base + "/health",
            "  Console   "
                + base
                + "/console/ (sticky; first admin password in "
                + adminPasswordFile
                + ")",
            "  Instances a "
                + cluster.instanceUrl(0)
                + ", b "
                + cluster.instanceUrl(1)
                + " (X-Carnet-Instance names the one that answered)",
            "  HAProxy   " + cluster.haproxyConfig(),
            "  Database  " + cluster.database().url(),
            "  Mail      "
                + (mail == null
                    ? "notifications to the SMTP server of CARNET_NOTIFICATION_MAIL_HOST"
                    : "notifications caught on 127.0.0.1:" + mailPort + " and logged here"),
            "  Server logs " + cluster.serverLog(0) + ", " + cluster.serverLog(1),
            "Press Ctrl-C to stop."));
    stopped.await();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
