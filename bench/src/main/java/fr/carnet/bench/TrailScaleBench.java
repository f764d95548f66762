package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.LongFunction;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verifiable trail at scale: {@code bench.traces} traces (10,000,000 by default) loaded as
 * {@link TraceBench} loads them while the tree's work is held off, then the tree built over them by
 * the server's own sequencer (timed, its CPU measured, its first minute under JFR), one head
 * signed, then inclusion and consistency proofs through the API (size, path length, latency over
 * {@code bench.proofs} random ones) and the full integrity check. Writes {@code trail-scale-*.md}.
 *
 * <p>{@code ./mvnw -Pbench -Dbench.main=fr.carnet.bench.TrailScaleBench -Dbench.port=29680}; {@code
 * -Dbench.traces=100000} for a run of a couple of minutes.
 */
public final class TrailScaleBench {

  private static final Logger LOG = Logger.getLogger(TrailScaleBench.class.getName());
  private static final int PORT = BenchRun.PORT;
  private static final int PATIENTS = Integer.getInteger("bench.patients", 100);
  private static final int PROOFS = Integer.getInteger("bench.proofs", 300);
  private static final int PROFILE_SECONDS = Integer.getInteger("bench.trail-profile-seconds", 60);
  private static final Pattern HEX = Pattern.compile("\"[0-9a-f]{64}\"");
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** One sample of the sequencer's progress. */
  record Progress(double seconds, long size) {}

  /** A proof's answers: sizes and latencies. */
  record Proofs(String name, long[] latenciesNanos, int[] bytes, int[] pathLengths) {
    String row() {
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      int[] paths = pathLengths.clone();
      Arrays.sort(paths);
      int[] sizes = bytes.clone();
      Arrays.sort(sizes);
      return String.format(
          Locale.ROOT,
          "| %s | %d | %d–%d (median %d) | %d (%d–%d) | %d | %.1f | %.1f | %.1f |",
          name,
          sorted.length,
          paths[0],
          paths[paths.length - 1],
          paths[paths.length / 2],
          paths[paths.length / 2] * 32,
          paths[0] * 32,
          paths[paths.length - 1] * 32,
          sizes[sizes.length / 2],
          percentile(sorted, 50),
          percentile(sorted, 99),
          sorted[sorted.length - 1] / 1e6);
    }
  }

  private TrailScaleBench() {}

  public static void main(String[] args) throws Exception {
    // Payara's stacks are deeper than JFR's default 64 frames: whole stacks, to find the tree's.
    System.setProperty("carnet.devserver.jvm-options", "-XX:FlightRecorderOptions=stackdepth=1024");
    try (DevServer server = BenchRun.startServer(Map.of());
        TreeSwitch tree = new TreeSwitch(server.database().superuserConnection())) {
      // Held from the start: the loaded traces are months old, and a head signed before they are
      // all in the tree would make every one of them look backdated to the checks.
      tree.off();
      long witnessedBefore = lines(server.treeWitnessFile());
      DevTokens tokens = new DevTokens(server.keys().privateKey());
      String base = server.baseUrl() + "/api/v1";
      String admin = tokens.mint("admin");
      String auditor = tokens.mint("auditor", Map.of(), 240);
      List<String> recordIds = new ArrayList<>();
      for (int i = 0; i < PATIENTS; i++) {
        var created =
            Load.send(
                Load.to(base + "/records", admin)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            BenchRun.openRecord(
                                BenchRun.nir(String.format("2850575%06d", 300_000 + i)), null)))
                    .build());
        if (created.statusCode() != 201) {
          throw new IllegalStateException("Cannot create records: " + created.body());
        }
        recordIds.add(created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
      }
      YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
      Instant start =
          thisMonth
              .minusMonths(TraceBench.MONTHS)
              .atDay(1)
              .atStartOfDay()
              .toInstant(ZoneOffset.UTC);
      long loadSeconds = TraceBench.load(server, recordIds, start);
      long traces;
      try (Connection superuser = server.database().superuserConnection();
          Statement sql = superuser.createStatement()) {
        sql.execute("analyze trace");
        traces = TraceBench.single(sql, "select count(*) from trace");
      }
      LOG.info(() -> "Loaded; the sequencer starts on " + traces + " traces");

      // The sequencer over the whole backlog, the head signer still held.
      ProcessHandle jvm =
          ServerProcess.server(PORT).orElseThrow(() -> new IllegalStateException("No server JVM"));
      ProcessHandle postmaster;
      try (Connection superuser = server.database().superuserConnection()) {
        postmaster = ServerProcess.postmaster(superuser);
      }
      Path recording = BenchRun.work().resolve("trail-scale.jfr").toAbsolutePath();
      Files.createDirectories(recording.getParent());
      Files.deleteIfExists(recording);
      long server0 = ServerProcess.cpuNanos(jvm.pid());
      long database0 = ServerProcess.treeCpuNanos(postmaster);
      long begin = System.nanoTime();
      ServerProcess.Recording jfr = ServerProcess.Recording.start(jvm, "trail-scale");
      tree.sequencerOn();
      List<Progress> progress = new ArrayList<>();
      long profiledServerCpu = -1;
      long profiledSize = -1;
      long lastSample = 0;
      while (true) {
        long size = tree.size();
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (jfr != null && seconds >= PROFILE_SECONDS) {
          jfr.stop(recording);
          jfr = null;
          profiledServerCpu = ServerProcess.cpuNanos(jvm.pid()) - server0;
          profiledSize = size;
        }
        if (size >= traces) {
          progress.add(new Progress(seconds, size));
          break;
        }
        if (seconds - lastSample >= 10) {
          progress.add(new Progress(seconds, size));
          lastSample = (long) seconds;
          LOG.info(
              String.format(Locale.ROOT, "Tree: %,d of %,d after %.0f s", size, traces, seconds));
        }
        Thread.sleep(200);
      }
      double sequenceSeconds = (System.nanoTime() - begin) / 1e9;
      long serverCpu = ServerProcess.cpuNanos(jvm.pid()) - server0;
      long databaseCpu = ServerProcess.treeCpuNanos(postmaster) - database0;
      if (jfr != null) {
        // The backlog took less than the profile's time: the recording covers all of it.
        jfr.stop(recording);
        profiledServerCpu = serverCpu;
        profiledSize = traces;
      }
      Profile profile = Profile.read(recording, TrailCostBench.SEQUENCER);

      // One signed head over all of it, through the API.
      tree.headsOn();
      long signBegin = System.nanoTime();
      HttpResponse<String> head =
          send(
              Load.to(base + "/audit/tree-heads", auditor)
                  .timeout(Duration.ofMinutes(10))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      double signMillis = (System.nanoTime() - signBegin) / 1e6;
      if (head.statusCode() != 200) {
        throw new IllegalStateException("No head signed: " + head.body());
      }
      long size = Long.parseLong(head.body().replaceAll("(?s).*\"size\":(\\d+).*", "$1"));

      Random random = new Random(16);
      long[] positions = random.longs(PROOFS, 0, size).toArray();
      long[] traceIds = new long[PROOFS];
      try (Connection superuser = server.database().superuserConnection();
          PreparedStatement query =
              superuser.prepareStatement("select trace_id from trace_leaf where position = ?")) {
        for (int i = 0; i < PROOFS; i++) {
          query.setLong(1, positions[i]);
          try (ResultSet row = query.executeQuery()) {
            row.next();
            traceIds[i] = row.getLong(1);
          }
        }
      }
      long[] froms = random.longs(PROOFS, 1, size).toArray();
      Proofs inclusion =
          proofs(
              "inclusion (`GET /audit/proofs/inclusion?trace=…`, size of the latest head)",
              "\"proof\":\\[([^\\]]*)\\]",
              i -> Load.to(base + "/audit/proofs/inclusion?trace=" + traceIds[(int) i], auditor));
      Proofs consistency =
          proofs(
              "consistency (`GET /audit/proofs/consistency?from=…&to=" + size + "`)",
              "\"proof\":\\[([^\\]]*)\\]",
              i ->
                  Load.to(
                      base + "/audit/proofs/consistency?from=" + froms[(int) i] + "&to=" + size,
                      auditor));

      // The chains alone (the first check ever walks every chain whole), then the full check.
      long chainsBegin = System.nanoTime();
      HttpResponse<String> chains = send(integrity(base, auditor, false));
      double chainsSeconds = (System.nanoTime() - chainsBegin) / 1e9;
      long fullBegin = System.nanoTime();
      HttpResponse<String> full = send(integrity(base, auditor, true));
      double fullSeconds = (System.nanoTime() - fullBegin) / 1e9;
      long treeMiB;
      try (Connection superuser = server.database().superuserConnection();
          Statement sql = superuser.createStatement()) {
        treeMiB =
            TraceBench.single(
                sql,
                "select (pg_total_relation_size('trace_leaf')"
                    + " + pg_total_relation_size('trace_tree_node')) / 1048576");
      }
      report(
          new Figures(
              traces,
              loadSeconds,
              witnessedBefore,
              sequenceSeconds,
              serverCpu,
              databaseCpu,
              progress,
              profile,
              profiledServerCpu,
              profiledSize,
              treeMiB,
              size,
              signMillis,
              inclusion,
              consistency,
              chainsSeconds,
              chains.statusCode() + " " + chains.body(),
              fullSeconds,
              full.statusCode() + " " + full.body()));
    }
  }

  private static HttpRequest integrity(String base, String auditor, boolean full) {
    return Load.to(base + "/audit/integrity" + (full ? "?full=true" : ""), auditor)
        .timeout(Duration.ofHours(2))
        .GET()
        .build();
  }

  /** Twenty unmeasured requests, then {@code PROOFS} one after the other. */
  private static Proofs proofs(
      String name, String pathPattern, LongFunction<HttpRequest.Builder> request) {
    Pattern path = Pattern.compile(pathPattern);
    for (int i = 0; i < 20; i++) {
      send(request.apply(i % PROOFS).GET().build());
    }
    long[] latencies = new long[PROOFS];
    int[] bytes = new int[PROOFS];
    int[] lengths = new int[PROOFS];
    for (int i = 0; i < PROOFS; i++) {
      HttpRequest built = request.apply(i).GET().build();
      long begin = System.nanoTime();
      HttpResponse<String> response = send(built);
      latencies[i] = System.nanoTime() - begin;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(name + ": " + response.statusCode() + response.body());
      }
      bytes[i] = response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      Matcher found = path.matcher(response.body());
      lengths[i] = found.find() ? (int) HEX.matcher(found.group(1)).results().count() : -1;
    }
    return new Proofs(name, latencies, bytes, lengths);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long lines(Path file) throws java.io.IOException {
    return Files.exists(file)
        ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count()
        : 0;
  }

  static double percentile(long[] sorted, double percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  record Figures(
      long traces,
      long loadSeconds,
      long witnessedBefore,
      double sequenceSeconds,
      long serverCpu,
      long databaseCpu,
      List<Progress> progress,
      Profile profile,
      long profiledServerCpu,
      long profiledSize,
      long treeMiB,
      long size,
      double signMillis,
      Proofs inclusion,
      Proofs consistency,
      double chainsSeconds,
      String chains,
      double fullSeconds,
      String full) {}

  private static void report(Figures f) throws Exception {
    StringBuilder md = new StringBuilder();
    md.append("# The trail at scale, ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
        .append("\n\n");
    md.append("Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, shared by the server, PostgreSQL, this client and whatever else runs on")
        .append(" the machine; Java ")
        .append(System.getProperty("java.version"))
        .append(". Payara Server 6, PostgreSQL 15 (embedded).\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%,d traces (as `TraceBench` loads them: twelve months, 64 valid hash chains, loaded"
                + " in %d s by a database function while the tree's work was held off; %d heads"
                + " witnessed before), then the tree built by the server's own sequencer"
                + " (`carnet.audit.tree.batch` 5,000 a transaction) while the bench did nothing else.\n\n",
            f.traces(),
            f.loadSeconds(),
            f.witnessedBefore()));
    double rate = f.traces() / f.sequenceSeconds();
    md.append("| append (the sequencer over the backlog) | figure |\n|---|---|\n");
    md.append(
        String.format(
            Locale.ROOT,
            "| time for %,d traces | %.0f s |\n| rate | **%,.0f traces/s** (%.1f µs per trace,"
                + " wall) |\n| server JVM CPU | %.1f µs per trace |\n| PostgreSQL CPU | %.1f µs per"
                + " trace |\n| tree tables (`trace_leaf`, `trace_tree_node`, with indexes) | %,d"
                + " MiB |\n\n",
            f.traces(),
            f.sequenceSeconds(),
            rate,
            1e6 / rate,
            f.serverCpu() / 1e3 / f.traces(),
            f.databaseCpu() / 1e3 / f.traces(),
            f.treeMiB()));
    md.append("Progress (leaves in the tree; the rate over each interval):\n\n");
    md.append("| after s | leaves | traces/s since the sample before |\n|---|---|---|\n");
    Progress previous = new Progress(0, 0);
    int every = Math.max(1, f.progress().size() / 12);
    for (int i = 0; i < f.progress().size(); i++) {
      Progress p = f.progress().get(i);
      if (i % every != 0 && i != f.progress().size() - 1) {
        continue;
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| %.0f | %,d | %,.0f |\n",
              p.seconds(),
              p.size(),
              (p.size() - previous.size()) / Math.max(0.001, p.seconds() - previous.seconds())));
      previous = p;
    }
    Profile profile = f.profile();
    md.append(
        String.format(
            Locale.ROOT,
            "\nThe first %d s under JFR (`settings=profile`): %,d leaves appended, %,d execution"
                + " samples (%,d stacks truncated), %.1f %% of them under `TreeService.sequence`:"
                + " %.1f µs of server CPU per trace by the profile.\n\n",
            PROFILE_SECONDS,
            f.profiledSize(),
            profile.samples(),
            profile.truncated(),
            100 * profile.share(),
            profile.share() * f.profiledServerCpu() / 1e3 / Math.max(1, f.profiledSize())));
    md.append(profile.table("code of the innermost frame", profile.layers()));
    md.append("\n");
    md.append(profile.table("innermost frame", profile.innermostFrames()));
    md.append("\n");
    md.append(profile.table("innermost Carnet frame", profile.carnetFrames()));
    md.append(
        String.format(
            Locale.ROOT,
            "\nA head signed over all %,d leaves (`POST /audit/tree-heads`, after the backlog):"
                + " %.0f ms.\n\n",
            f.size(),
            f.signMillis()));
    md.append(
        "Proofs through the API, one client, one request after the other after twenty unmeasured,"
            + " random positions; latency measured by the client over HTTP, the auditor's request"
            + " traced:\n\n");
    md.append(
        "| proof | requests | path length | path bytes (raw hashes) | JSON bytes (median)"
            + " | p50 ms | p99 ms | max ms |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    md.append(f.inclusion().row()).append('\n');
    md.append(f.consistency().row()).append('\n');
    md.append(
        String.format(
            Locale.ROOT,
            "\nIntegrity checks (`GET /audit/integrity`), the chains alone first (the first check"
                + " walks every chain whole): %.1f s. Then `?full=true` (every chain again, and"
                + " every leaf recomputed in Java against the witness file): %.1f s, so **the"
                + " tree's part about %.1f s** (%,.0f leaves/s).\n\n",
            f.chainsSeconds(),
            f.fullSeconds(),
            f.fullSeconds() - f.chainsSeconds(),
            f.size() / Math.max(0.001, f.fullSeconds() - f.chainsSeconds())));
    md.append("Answers: chains `").append(f.chains()).append("`; full `").append(f.full());
    md.append("`.\n");
    BenchRun.report("trail-scale", md);
  }
}
