package fr.carnet.devserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Payara Server domain of Carnet's own, driven with {@code asadmin}: created once with ports
 * derived from the HTTP port, logging as JSON, started with the database and key settings in its
 * environment, and given the EAR.
 */
public final class PayaraDomain {

  private static final Logger LOG = Logger.getLogger(PayaraDomain.class.getName());
  private static final String APPLICATION = "carnet";
  private static final Pattern TIME_MILLIS = Pattern.compile("\"TimeMillis\":\"(\\d+)\"");

  private final Path payaraHome;
  private final Path domainsFolder;
  private final String name;
  private final int httpPort;
  private final Map<String, String> environment;

  /**
   * @param payaraHome the unpacked distribution ({@code payara6})
   * @param name the domain's name, one per use (the dev run, the end-to-end tests)
   * @param httpPort Carnet's HTTP port; the other ports follow it (admin = HTTP - 32)
   * @param environment variables for the server JVM (database, JWT key, admin password)
   */
  public PayaraDomain(Path payaraHome, String name, int httpPort, Map<String, String> environment) {
    this.payaraHome = payaraHome;
    this.name = name;
    this.domainsFolder = payaraHome.resolve("glassfish/domains");
    this.httpPort = httpPort;
    this.environment = environment;
  }

  public int adminPort() {
    return portBase() + 48;
  }

  // asadmin's port base puts HTTP at base + 80 and the admin listener at base + 48.
  private int portBase() {
    return httpPort - 80;
  }

  public Path serverLog() {
    return domainsFolder.resolve(name).resolve("logs/server.log");
  }

  /**
   * How the heap is kept beside Payara's {@code -Xmx512m} (issue 17, README "Server memory"): the
   * serial collector grows the heap only as far as the live set and the free ratios ask, and gives
   * it back at a full collection, where G1 keeps all of its maximum resident under load with its
   * own structures beside it; on two cores it also leaves the requests the CPU that G1's concurrent
   * threads took. The initial heap is near the start-up's live set, so that a start (and a restart
   * after a crash, which loads the application at boot) does not pay a full collection at each step
   * of the heap's growth.
   */
  static final String MEMORY_OPTIONS =
      "        <jvm-options>-XX:+UseSerialGC</jvm-options>\n"
          + "        <jvm-options>-Xms256m</jvm-options>\n"
          // Young collections stay cheap (request garbage dies young); a bounded young generation
          // keeps what each cycle touches, all of it resident, small.
          + "        <jvm-options>-Xmn64m</jvm-options>\n"
          + "        <jvm-options>-XX:MinHeapFreeRatio=20</jvm-options>\n"
          + "        <jvm-options>-XX:MaxHeapFreeRatio=40</jvm-options>\n"
          // glibc keeps what the JIT's arenas freed; give it back every 5 s.
          + "        <jvm-options>-XX:TrimNativeHeapInterval=5000</jvm-options>\n";

  /** Creates the domain on first use; a domain kept from an earlier run is reused as it is. */
  public void createIfAbsent() {
    if (Files.isDirectory(domainsFolder.resolve(name))) {
      return;
    }
    asadmin(
        "create-domain",
        "--nopassword=true",
        "--portbase",
        String.valueOf(portBase()),
        "--domaindir",
        domainsFolder.toString(),
        name);
    Path config = domainsFolder.resolve(name).resolve("config");
    Path logging = config.resolve("logging.properties");
    Path domain = config.resolve("domain.xml");
    // More options for the server JVM, for a benchmark that asks (JFR's stack depth, say).
    StringBuilder extra = new StringBuilder();
    for (String option :
        System.getProperty("carnet.devserver.jvm-options", "").strip().split("\\s+")) {
      if (!option.isEmpty()) {
        extra.append("\n        <jvm-options>").append(option).append("</jvm-options>");
      }
    }
    try {
      // Tell no one which server and version answer. Written before the first boot: changing a
      // listener of a running server restarts it under the deployment's feet.
      Files.writeString(
          domain,
          Files.readString(domain)
              .replace(
                  "default-virtual-server=\"server\"",
                  "xpowered-by=\"false\" server-header=\"false\" default-virtual-server=\"server\"")
              // Payara's JWT parser asks JSON-P for its provider on every request: naming it
              // spares a class path scan each time (a tenth of a push's CPU when measured).
              .replace(
                  "<jvm-options>-Xmx512m</jvm-options>",
                  "<jvm-options>-Xmx512m</jvm-options>\n"
                      + MEMORY_OPTIONS
                      + "        <jvm-options>-Djakarta.json.provider="
                      + "org.eclipse.parsson.JsonProviderImpl</jvm-options>"
                      + extra)
              // Enough request threads for the JDBC pool; the default of 5 queues callers.
              .replace(
                  "<thread-pool name=\"http-thread-pool\"></thread-pool>",
                  "<thread-pool name=\"http-thread-pool\" min-thread-pool-size=\"16\""
                      + " max-thread-pool-size=\"16\"></thread-pool>"));
      // Structured logs: one JSON object a line, for the log pipeline of the hosting centre.
      String properties =
          Files.readString(logging)
              .replace(
                  "GFFileHandler.formatter=com.sun.enterprise.server.logging.ODLLogFormatter",
                  "GFFileHandler.formatter=fish.payara.enterprise.server.logging.JSONLogFormatter");
      Files.writeString(logging, properties);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void start() {
    asadmin("start-domain", "--domaindir", domainsFolder.toString(), name);
  }

  /**
   * Deploys the EAR and waits until Carnet answers UP on /health. A copy kept from an earlier run
   * is undeployed first: Payara fails to redeploy over an application it loaded at boot.
   */
  public void deploy(Path ear) {
    String admin = String.valueOf(adminPort());
    if (asadmin("--port", admin, "list-applications").contains(APPLICATION + " ")) {
      asadmin("--port", admin, "undeploy", APPLICATION);
    }
    long logSizeBefore = logSize();
    long deployStart = System.currentTimeMillis();
    asadmin("--port", admin, "deploy", "--name", APPLICATION, ear.toString());
    // Payara logs a failed deployment and keeps running: look at the log and the health check.
    // Only this deployment's lines count: the log is written asynchronously, and a copy left by
    // a killed run fails to load at boot, on the boot threads, while it is being replaced.
    String severe =
        logSince(logSizeBefore)
            .lines()
            .filter(line -> line.contains("\"Level\":\"SEVERE\""))
            .filter(line -> loggedAt(line) >= deployStart)
            .filter(line -> !line.contains("\"ThreadName\":\"RunLevelControllerThread"))
            .collect(Collectors.joining("\n"));
    if (!severe.isEmpty()) {
      throw new IllegalStateException(
          "Deployment logged SEVERE errors; see " + serverLog() + "\n" + tail(severe, 4000));
    }
    awaitHealthy(Duration.ofSeconds(90));
  }

  /**
   * Kills the server JVM at once, as a power cut would (for crash tests). The application stays
   * deployed: the next start boots with it.
   */
  public void killHard() {
    ProcessHandle.allProcesses()
        .filter(
            process ->
                process
                    .info()
                    .commandLine()
                    .map(line -> line.contains("ASMain") && line.contains("/domains/" + name + "/"))
                    .orElse(false))
        .forEach(
            process -> {
              process.destroyForcibly();
              process.onExit().join();
            });
  }

  /** Starts the domain again after a crash and waits until Carnet is back. */
  public void restart() {
    start();
    awaitHealthy(Duration.ofSeconds(120));
  }

  /** Undeploys Carnet, so that the domain never boots with a stale copy, then stops. */
  public void stop() {
    try {
      asadmin("--port", String.valueOf(adminPort()), "undeploy", APPLICATION);
    } catch (IllegalStateException e) {
      LOG.fine("Nothing to undeploy: " + e.getMessage());
    }
    asadmin("stop-domain", "--domaindir", domainsFolder.toString(), name);
  }

  /** Removes the domain, for a run that must start from nothing (the end-to-end tests). */
  public void delete() {
    if (Files.isDirectory(domainsFolder.resolve(name))) {
      asadmin("delete-domain", "--domaindir", domainsFolder.toString(), name);
    }
  }

  public String baseUrl() {
    return "http://localhost:" + httpPort;
  }

  private void awaitHealthy(Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        // Carnet's own database check must be there: an undeployed Carnet leaves Payara UP too.
        if (response.statusCode() == 200 && response.body().contains("\"database\"")) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(500);
    }
    throw new IllegalStateException("Carnet did not become healthy: " + last);
  }

  private static long loggedAt(String jsonLine) {
    Matcher time = TIME_MILLIS.matcher(jsonLine);
    return time.find() ? Long.parseLong(time.group(1)) : Long.MAX_VALUE;
  }

  private long logSize() {
    try {
      return Files.exists(serverLog()) ? Files.size(serverLog()) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private String logSince(long offset) {
    try {
      byte[] all = Files.readAllBytes(serverLog());
      return offset < all.length ? new String(all, (int) offset, all.length - (int) offset) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static String tail(String text, int length) {
    return text.length() <= length ? text : text.substring(text.length() - length);
  }

  private String asadmin(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(payaraHome.resolve("bin/asadmin").toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("asadmin " + arguments[0] + " failed:\n" + output);
      }
      LOG.fine(output);
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
