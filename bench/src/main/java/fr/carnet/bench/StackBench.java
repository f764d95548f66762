package fr.carnet.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The stack's per-request cost, A/B: the same hot requests (the floor, a JSON push of a 10 KB PDF,
 * a search of a record's 20 newest, metadata, 10 KB content) sent by {@code wrk} (8 connections,
 * one thread: a C client light enough to leave the cores to the server) against each EAR given, in
 * turn, each on a fresh server and database; the server JVM's and PostgreSQL's CPU time per request
 * beside throughput and latency, which on a shared machine say more than throughput alone; and, if
 * asked, a JFR profile of each load given by framework ({@link StackProfile}).
 *
 * <p>{@code ./mvnw -Pbench -Dbench.main=fr.carnet.bench.StackBench -Dbench.ears=a.ear,b.ear
 * -Dbench.rounds=2 -Dbench.seconds=15 -Dbench.profile=true}; rounds alternate the order (a b, b a).
 */
public final class StackBench {

  private static final Logger LOG = Logger.getLogger(StackBench.class.getName());
  private static final int PORT = BenchRun.PORT;
  private static final int CONNECTIONS = Integer.getInteger("bench.clients", 8);
  private static final int PATIENTS = Integer.getInteger("bench.patients", 50);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final int WARM_SECONDS = Integer.getInteger("bench.warm-seconds", 5);
  private static final int WARM_UP = Integer.getInteger("bench.warmup", 2_000);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 1);
  private static final boolean PROFILE = Boolean.getBoolean("bench.profile");

  /** The request threads, as the kernel names them (15 characters): the JIT, GC and jobs apart. */
  private static final String REQUEST_THREADS = "http-thread-poo";

  private static final String LOADS =
      System.getProperty("bench.loads", "floor,push,search,metadata,content");

  /** One load's measure on one server. */
  record Row(
      String ear,
      int round,
      String load,
      long requests,
      long errors,
      double seconds,
      double p50,
      double p99,
      double serverMicros,
      double requestThreadMicros,
      double databaseMicros,
      String loadAverage) {

    double throughput() {
      return requests / seconds;
    }
  }

  private StackBench() {}

  public static void main(String[] args) throws Exception {
    List<Path> ears = new ArrayList<>();
    for (String ear :
        System.getProperty("bench.ears", System.getProperty("carnet.ear")).split(",")) {
      ears.add(Path.of(ear.strip()));
    }
    List<Row> rows = new ArrayList<>();
    Map<String, StackProfile> profiles = new LinkedHashMap<>();
    for (int round = 1; round <= ROUNDS; round++) {
      List<Path> order = new ArrayList<>(ears);
      if (round % 2 == 0) {
        java.util.Collections.reverse(order);
      }
      for (Path ear : order) {
        session(ear, round, rows, profiles);
        report(rows, profiles);
      }
    }
  }

  private static void session(
      Path ear, int round, List<Row> rows, Map<String, StackProfile> profiles) throws Exception {
    System.setProperty("carnet.ear", ear.toString());
    String label = ear.getFileName().toString().replaceFirst("\\.ear$", "");
    GreenMail mail = new GreenMail(new ServerSetup(PORT + 25, "127.0.0.1", "smtp"));
    mail.start();
    try (DevServer server =
        BenchRun.startServer(
            Map.of(
                "CARNET_NOTIFICATION_MAIL_HOST",
                "127.0.0.1",
                "CARNET_NOTIFICATION_MAIL_PORT",
                String.valueOf(PORT + 25),
                "CARNET_NOTIFICATION_MAIL_ALLOW_PLAIN",
                "true"))) {
      ProcessHandle jvm = ServerProcess.server(PORT).orElseThrow();
      ProcessHandle postmaster;
      try (Connection superuser = server.database().superuserConnection()) {
        postmaster = ServerProcess.postmaster(superuser);
      }
      DevTokens tokens = new DevTokens(server.keys().privateKey());
      String base = server.baseUrl() + "/api/v1";
      String admin = tokens.mint("admin");
      String gp = tokens.mint("professional", Map.of(), 240);
      String reader = tokens.mint("professional", Map.of("rpps", "10202020202"), 240);
      List<String> nirs = new ArrayList<>();
      List<String> recordIds = new ArrayList<>();
      for (int i = 0; i < PATIENTS; i++) {
        String nir = DocumentBench.nir(i);
        nirs.add(nir);
        var created =
            Load.send(
                Load.to(base + "/records", admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(DocumentBench.createBody(nir)))
                    .build());
        if (created.statusCode() != 201) {
          throw new IllegalStateException("Cannot create records: " + created.body());
        }
        String mine =
            Load.send(
                    Load.to(base + "/records/mine", tokens.mint("patient", Map.of("ins", nir), 240))
                        .GET()
                        .build())
                .body();
        String record = mine.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        recordIds.add(record);
        DocumentBench.agree(base, reader, record);
      }
      String content = Base64.getEncoder().encodeToString(DocumentBench.pdf(10 * 1024));
      Load.run(
          "warm-up",
          CONNECTIONS,
          WARM_UP,
          201,
          i -> DocumentBench.push(base, gp, "w-" + i, nirs.get(i % PATIENTS), content));
      List<String> documents = new ArrayList<>();
      for (String record : recordIds) {
        String page =
            Load.send(
                    Load.to(base + "/records/" + record + "/documents?limit=1", reader)
                        .GET()
                        .build())
                .body();
        documents.add(
            "/api/v1/records/"
                + record
                + "/documents/"
                + page.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1"));
      }
      Map<String, String> scripts = new LinkedHashMap<>();
      scripts.put("floor", gets(reader, List.of("/api/v1/reference/classes")));
      scripts.put("push", pushes(gp, nirs, content, label + "-" + round));
      scripts.put(
          "search",
          gets(
              reader,
              recordIds.stream()
                  .map(r -> "/api/v1/records/" + r + "/documents?limit=20")
                  .toList()));
      scripts.put("metadata", gets(reader, documents));
      scripts.put("content", gets(reader, documents.stream().map(d -> d + "/content").toList()));
      Path work = BenchRun.work().resolve("stack");
      Files.createDirectories(work);
      for (String load : LOADS.split(",")) {
        Path script = work.resolve(load + ".lua");
        Files.writeString(script, scripts.get(load).replace("@RUN@", "warm"));
        wrk(server.baseUrl(), script, WARM_SECONDS);
        Files.writeString(script, scripts.get(load).replace("@RUN@", "measured"));
        long server0 = ServerProcess.cpuNanos(jvm.pid());
        long threads0 = ServerProcess.threadsCpuNanos(jvm.pid(), REQUEST_THREADS);
        long database0 = ServerProcess.treeCpuNanos(postmaster);
        long[] result = wrk(server.baseUrl(), script, SECONDS);
        long serverCpu = ServerProcess.cpuNanos(jvm.pid()) - server0;
        long threadsCpu = ServerProcess.threadsCpuNanos(jvm.pid(), REQUEST_THREADS) - threads0;
        long databaseCpu = ServerProcess.treeCpuNanos(postmaster) - database0;
        long requests = Math.max(1, result[0]);
        Row row =
            new Row(
                label,
                round,
                load,
                result[0],
                result[2],
                result[1] / 1e6,
                result[3] / 1000.0,
                result[4] / 1000.0,
                serverCpu / 1000.0 / requests,
                threadsCpu / 1000.0 / requests,
                databaseCpu / 1000.0 / requests,
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        rows.add(row);
        LOG.info(
            String.format(
                Locale.ROOT,
                "%s %s: %.0f req/s, p99 %.1f ms, server %.0f µs (request threads %.0f), database %.0f µs a request",
                label,
                load,
                row.throughput(),
                row.p99(),
                row.serverMicros(),
                row.requestThreadMicros(),
                row.databaseMicros()));
        if (PROFILE) {
          Files.writeString(script, scripts.get(load).replace("@RUN@", "profiled"));
          ServerProcess.Recording recording = ServerProcess.Recording.start(jvm, "stack-" + load);
          wrk(server.baseUrl(), script, SECONDS);
          Path file = work.resolve(label + "-" + round + "-" + load + ".jfr");
          recording.stop(file);
          profiles.put(label + ", round " + round + ", " + load, StackProfile.read(file));
        }
      }
    } finally {
      mail.stop();
    }
  }

  /** A wrk script of GETs of these paths in turn, with this bearer token. */
  private static String gets(String token, List<String> paths) {
    StringBuilder lua = new StringBuilder("local paths = {\n");
    paths.forEach(p -> lua.append("  \"").append(p).append("\",\n"));
    lua.append("}\nlocal n = 0\n")
        .append("wrk.headers[\"Authorization\"] = \"Bearer ")
        .append(token)
        .append("\"\n")
        .append("request = function()\n  n = n + 1\n")
        .append("  return wrk.format(\"GET\", paths[(n % #paths) + 1])\nend\n")
        .append(DONE);
    return lua.toString();
  }

  /** A wrk script of JSON pushes of one 10 KB PDF, each with its own unique id. */
  private static String pushes(String token, List<String> nirs, String content, String run) {
    StringBuilder lua = new StringBuilder("local nirs = {\n");
    nirs.forEach(p -> lua.append("  \"").append(p).append("\",\n"));
    lua.append("}\nlocal n = 0\n")
        .append("wrk.method = \"POST\"\n")
        .append("wrk.headers[\"Authorization\"] = \"Bearer ")
        .append(token)
        .append("\"\n")
        .append("wrk.headers[\"Content-Type\"] = \"application/json\"\n")
        .append("local content = \"")
        .append(content)
        .append("\"\n")
        .append("request = function()\n  n = n + 1\n")
        .append("  local body = '{\"uniqueId\":\"stack-")
        .append(run)
        .append(
            "-@RUN@-' .. n .. '\",\"patient\":{\"ins\":{\"number\":\"' .. nirs[(n % #nirs) + 1]")
        .append(
            " .. '\",\"oid\":\"1.2.250.1.213.1.4.8\"},\"traits\":{\"birthName\":\"DUPONT\","
                + "\"firstNames\":\"MARIE\",\"birthDate\":\"1985-05-12\",\"sex\":\"F\","
                + "\"birthPlace\":\"75056\"}},\"type\":{\"system\":\"http://loinc.org\","
                + "\"code\":\"11502-2\"},\"title\":\"Compte rendu\","
                + "\"authoredAt\":\"2026-11-20T09:30:00Z\",\"contentType\":\"application/pdf\","
                + "\"content\":\"' .. content .. '\"}'\n")
        .append("  return wrk.format(nil, \"/api/v1/documents\", nil, body)\nend\n")
        .append(DONE);
    return lua.toString();
  }

  // wrk's standard output is its only channel back to this bench (one RESULT line: counts and
  // latencies, never a token, a NIR or a response body), as in carnet.lua.
  private static final String DONE =
      "done = function(summary, latency, requests)\n"
          + "  io.write(string.format(\"RESULT %d %d %d %d %d\\n\", summary.requests,"
          + " summary.duration, summary.errors.status + summary.errors.connect"
          + " + summary.errors.read + summary.errors.write + summary.errors.timeout,"
          + " latency:percentile(50), latency:percentile(99)))\n"
          + "end\n";

  /** Runs wrk; requests, duration µs, errors, p50 µs, p99 µs. */
  private static long[] wrk(String url, Path script, int seconds) throws Exception {
    Process wrk =
        new ProcessBuilder(
                "wrk",
                "-t1",
                "-c" + CONNECTIONS,
                "-d" + seconds + "s",
                "--timeout",
                "10s",
                "-s",
                script.toString(),
                url)
            .redirectErrorStream(true)
            .start();
    String output = new String(wrk.getInputStream().readAllBytes());
    if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
      wrk.destroyForcibly();
    }
    Optional<String> line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst();
    if (line.isEmpty()) {
      throw new IllegalStateException("wrk: " + output);
    }
    String[] f = line.get().split(" ");
    return new long[] {
      Long.parseLong(f[1]),
      Long.parseLong(f[2]),
      Long.parseLong(f[3]),
      Long.parseLong(f[4]),
      Long.parseLong(f[5])
    };
  }

  private static void report(List<Row> rows, Map<String, StackProfile> profiles)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Stack benchmark, ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
        .append("\n\nwrk -t1 -c")
        .append(CONNECTIONS)
        .append(", ")
        .append(SECONDS)
        .append(" s a load after ")
        .append(WARM_SECONDS)
        .append(" s unmeasured; ")
        .append(PATIENTS)
        .append(" records, ")
        .append(WARM_UP)
        .append(" warm-up pushes; CPU per request from /proc (server JVM; PostgreSQL with its")
        .append(" backends).\n\n")
        .append(
            "| EAR | round | load | requests | errors | req/s | p50 ms | p99 ms | server µs/req"
                + " | request threads µs/req | database µs/req | load avg |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %d | %d | %.0f | %.1f | %.1f | %.0f | %.0f | %.0f | %s |\n",
              row.ear(),
              row.round(),
              row.load(),
              row.requests(),
              row.errors(),
              row.throughput(),
              row.p50(),
              row.p99(),
              row.serverMicros(),
              row.requestThreadMicros(),
              row.databaseMicros(),
              row.loadAverage()));
    }
    md.append('\n');
    profiles.forEach((title, profile) -> md.append(profile.markdown(title)));
    BenchRun.report("stack", md);
  }
}
