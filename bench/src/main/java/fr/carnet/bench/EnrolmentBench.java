package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Bulk enrolment at scale: a file of 1,000,000 insured persons (one in five with an email address,
 * so that information messages are queued too) posted to the EAR on Payara Server, the Jakarta
 * Batch job followed to its end. Reports the rate, the server's peak memory, and the time the whole
 * country (65 million) would take at that rate.
 *
 * <p>{@code ./mvnw -Pbench -Dbench.main=fr.carnet.bench.EnrolmentBench}; {@code -Dbench.persons=…}.
 */
public final class EnrolmentBench {

  private static final Logger LOG = Logger.getLogger(EnrolmentBench.class.getName());
  private static final int PORT = BenchRun.PORT;
  private static final int PERSONS = Integer.getInteger("bench.persons", 1_000_000);
  private static final long COUNTRY = 65_000_000L;

  /** Lines per chunk, one transaction each ({@code -Dbench.enrolment-chunk}). */
  private static final int CHUNK = Integer.getInteger("bench.enrolment-chunk", 2000);

  /** Lanes the file is cut into, written at once ({@code -Dbench.enrolment-lanes}). */
  private static final int LANES = Integer.getInteger("bench.enrolment-lanes", 2);

  /** Persons of the unmeasured file enrolled first ({@code -Dbench.enrolment-warmup}). */
  private static final int WARM_UP = Integer.getInteger("bench.enrolment-warmup", 20_000);

  /** With {@code -Dbench.enrolment-profile=true}, the job's samples under JFR (a few % slower). */
  private static final boolean PROFILE = Boolean.getBoolean("bench.enrolment-profile");

  /** The batch runtime's chunk loop: everything the job does per chunk is under it. */
  private static final java.util.Set<String> JOB =
      java.util.Set.of("com.ibm.jbatch.container.impl.ChunkStepControllerImpl.invokeChunk");

  private EnrolmentBench() {}

  public static void main(String[] args) throws Exception {
    Path work = BenchRun.work();
    Files.createDirectories(work);
    Path csv = work.resolve("enrolment-" + PERSONS + ".csv");
    write(csv, PERSONS, "75");
    // A smaller file first, of other persons (born elsewhere), so that the server's code is
    // compiled and its pools filled before the measured file, as in a long import.
    Path warmUp = work.resolve("enrolment-warm-up-" + WARM_UP + ".csv");
    write(warmUp, WARM_UP, "92");
    // pg_stat_statements, for the database's side of each statement (nested ones too).
    System.setProperty("carnet.devdb.shared-preload-libraries", "pg_stat_statements");
    try (DevServer server =
        BenchRun
            .startServer( // The notifications stay queued: delivering them is not what is measured
                // here.
                Map.of(
                    "CARNET_NOTIFICATION_DELIVERY_ENABLED",
                    "false",
                    "CARNET_ENROLMENT_CHUNK",
                    String.valueOf(CHUNK),
                    "CARNET_ENROLMENT_LANES",
                    String.valueOf(LANES)))) {
      DevTokens tokens = new DevTokens(server.keys().privateKey());
      String admin = tokens.mint("admin", Map.of(), 240);
      String base = server.baseUrl() + "/api/v1";
      ProcessHandle jvm =
          ServerProcess.server(PORT).orElseThrow(() -> new IllegalStateException("No server JVM"));
      ProcessHandle postmaster;
      try (Connection superuser = server.database().superuserConnection()) {
        postmaster = ServerProcess.postmaster(superuser);
      }
      if (WARM_UP > 0) {
        enrol(base, admin, warmUp);
      }
      try (Connection superuser = server.database().superuserConnection();
          Statement sql = superuser.createStatement()) {
        sql.execute("create extension if not exists pg_stat_statements");
        sql.execute("alter system set pg_stat_statements.track = 'all'");
        sql.execute("select pg_reload_conf()");
        sql.execute("select pg_stat_statements_reset()");
      }
      Map<String, Long> threadsBefore = ServerProcess.threadGroupsCpuNanos(jvm.pid());
      long serverCpuBefore = ServerProcess.cpuNanos(jvm.pid());
      long databaseCpuBefore = ServerProcess.treeCpuNanos(postmaster);
      ServerProcess.Recording recording =
          PROFILE ? ServerProcess.Recording.start(jvm, "enrolment") : null;
      Enrolled run = enrol(base, admin, csv);
      Profile profile = null;
      if (recording != null) {
        profile = Profile.read(recording.stop(work.resolve("enrolment.jfr")), JOB);
      }
      Map<String, Long> threadsAfter = ServerProcess.threadGroupsCpuNanos(jvm.pid());
      Cpu cpu =
          new Cpu(
              (ServerProcess.cpuNanos(jvm.pid()) - serverCpuBefore) / 1e9,
              (ServerProcess.treeCpuNanos(postmaster) - databaseCpuBefore) / 1e9,
              threadsAfter.entrySet().stream()
                  .map(
                      e ->
                          Map.entry(
                              e.getKey(),
                              (e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)) / 1e9))
                  .filter(e -> e.getValue() >= 0.05)
                  .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                  .limit(10)
                  .toList());
      long created = Long.parseLong(field(run.progress(), "created"));
      long rss = ServerMemory.peakRss(PORT).orElse(-1L);
      List<String[]> statements;
      long lag;
      String durability;
      try (Connection superuser = server.database().superuserConnection();
          Statement sql = superuser.createStatement()) {
        statements = statements(sql);
        try (ResultSet row =
            sql.executeQuery(
                "select 'fsync ' || current_setting('fsync') || ', synchronous_commit '"
                    + " || current_setting('synchronous_commit') || ', shared_buffers '"
                    + " || current_setting('shared_buffers')")) {
          row.next();
          durability = row.getString(1);
        }
        try (ResultSet row =
            sql.executeQuery(
                "select (select count(*) from trace) - (select count(*) from trace_leaf)")) {
          row.next();
          lag = row.getLong(1);
        }
      }
      report(run, created, rss, cpu, lag, durability, statements, profile);
    }
  }

  /** One file enrolled: the final progress document, the times, the progress on the way. */
  private record Enrolled(
      String progress, double seconds, double uploadSeconds, List<String> samples) {}

  /** Posts the file and follows the job to its end. */
  private static Enrolled enrol(String base, String admin, Path csv) throws Exception {
    long begin = System.nanoTime();
    HttpResponse<String> started =
        Load.send(
            Load.to(base + "/enrolments", admin)
                .header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofFile(csv))
                .build());
    if (started.statusCode() != 202) {
      throw new IllegalStateException("Enrolment refused: " + started.body());
    }
    double uploadSeconds = (System.nanoTime() - begin) / 1e9;
    URI location = URI.create(started.headers().firstValue("Location").orElseThrow());
    List<String> samples = new ArrayList<>();
    String progress;
    long lastLog = 0;
    while (true) {
      progress = Load.send(Load.to(location.toString(), admin).GET().build()).body();
      if (progress.contains("\"status\":\"COMPLETED\"") || progress.contains("\"FAILED\"")) {
        break;
      }
      long now = System.nanoTime();
      if (now - lastLog > 10_000_000_000L) {
        lastLog = now;
        samples.add(
            field(progress, "done") + " lines after " + (now - begin) / 1_000_000_000 + " s");
        LOG.info("Enrolment: " + samples.get(samples.size() - 1));
      }
      Thread.sleep(250);
    }
    if (progress.contains("\"FAILED\"")) {
      throw new IllegalStateException("Enrolment failed: " + progress);
    }
    return new Enrolled(progress, (System.nanoTime() - begin) / 1e9, uploadSeconds, samples);
  }

  private static void write(Path csv, int persons, String department) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("insNumber,insOid,birthName,firstNames,birthDate,sex,birthPlace,email,phone\n");
      for (int i = 0; i < persons; i++) {
        // Men and women born in 1950-1999, in Paris, each with their own order number.
        int sex = 1 + i % 2;
        int year = 50 + (i / 2) % 50;
        // The last six digits are the person's number: unique up to a million per file.
        String thirteen =
            String.format("%d%02d%02d%s%06d", sex, year, 1 + i % 12, department, i % 1_000_000);
        String nir = BenchRun.nir(thirteen);
        out.write(nir);
        out.write(",1.2.250.1.213.1.4.8,MARTIN,");
        out.write(sex == 1 ? "PIERRE" : "MARIE");
        out.write(
            String.format(",19%02d-%02d-15,%s,75056,", year, 1 + i % 12, sex == 1 ? "M" : "F"));
        if (i % 5 == 0) {
          out.write("person" + i + "@example.org");
        }
        out.write(",\n");
      }
    }
  }

  /** CPU seconds spent during the enrolment by the server JVM, its scheduler, and PostgreSQL. */
  private record Cpu(double server, double database, List<Map.Entry<String, Double>> threads) {}

  /** The ten statements of the server's that took the database the most time. */
  private static List<String[]> statements(Statement sql) throws SQLException {
    List<String[]> statements = new ArrayList<>();
    try (ResultSet rows =
        sql.executeQuery(
            "select calls, rows, round(total_exec_time::numeric / 1000, 1),"
                + " left(regexp_replace(query, '\\s+', ' ', 'g'), 160) from pg_stat_statements"
                + " where userid <> (select oid from pg_roles where rolname = current_user)"
                + " order by total_exec_time desc limit 12")) {
      while (rows.next()) {
        statements.add(
            new String[] {
              rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)
            });
      }
    }
    return statements;
  }

  private static String field(String json, String name) {
    return json.replaceAll(".*\"" + name + "\":([0-9.]+).*", "$1");
  }

  private static void report(
      Enrolled run,
      long created,
      long rssMiB,
      Cpu cpu,
      long lag,
      String durability,
      List<String[]> statements,
      Profile profile)
      throws IOException {
    double seconds = run.seconds();
    double rate = created / seconds;
    double countryHours = COUNTRY / rate / 3600;
    StringBuilder md = new StringBuilder();
    md.append("# Enrolment benchmark, ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
        .append("\n\n");
    md.append("Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, shared by the server, PostgreSQL and this client; Java ")
        .append(System.getProperty("java.version"))
        .append(". Payara Server 6, PostgreSQL 15 (embedded, ")
        .append(durability)
        .append("), fresh database, ")
        .append(String.format("%,d persons enrolled first to warm up. ", WARM_UP))
        .append("Chunks of ")
        .append(CHUNK)
        .append(" lines, one transaction each, in ")
        .append(LANES)
        .append(" lanes written at once: records, identities, a trace per")
        .append(" record in the hash chains, the information message queued (one person in five")
        .append(" has an email address).\n\n");
    md.append(
        "| persons | created | seconds (upload included) | upload s | records/s | server peak RSS | 65 million at this rate |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    md.append(
        String.format(
            "| %,d | %,d | %.0f | %.1f | %,.0f | %s | %.1f h |%n",
            PERSONS,
            created,
            seconds,
            run.uploadSeconds(),
            rate,
            rssMiB < 0 ? "unknown" : rssMiB + " MiB",
            countryHours));
    md.append(
        String.format(
            "%nCPU during the enrolment: server JVM %.1f s, PostgreSQL %.1f s, over %.1f s of"
                + " wall time on %d cores; per record: server %.0f µs, PostgreSQL %.0f µs."
                + " Traces not yet in the Merkle tree at the end: %,d.%n%n",
            cpu.server(),
            cpu.database(),
            seconds,
            Runtime.getRuntime().availableProcessors(),
            cpu.server() * 1e6 / Math.max(1, created),
            cpu.database() * 1e6 / Math.max(1, created),
            lag));
    md.append("The server JVM's threads by name (CPU seconds):\n\n| threads | s |\n|---|---|\n");
    cpu.threads()
        .forEach(
            e ->
                md.append("| `")
                    .append(e.getKey())
                    .append("` | ")
                    .append(String.format("%.1f", e.getValue()))
                    .append(" |\n"));
    md.append(
        "\nThe server's statements by the database's time (pg_stat_statements, nested"
            + " ones too):\n\n| calls | rows | seconds | statement |\n|---|---|---|---|\n");
    for (String[] statement : statements) {
      md.append("| ")
          .append(statement[0])
          .append(" | ")
          .append(statement[1])
          .append(" | ")
          .append(statement[2])
          .append(" | `")
          .append(statement[3].replace("|", "\\|").replace("`", "'"))
          .append("` |\n");
    }
    if (profile != null) {
      md.append(
          String.format(
              "%nJFR (`settings=profile`): %,d samples of the server JVM, %.0f %% under the job's"
                  + " chunk loop.%n%n",
              profile.samples(), 100 * profile.share()));
      md.append(profile.table("innermost frame", profile.innermostFrames())).append('\n');
      md.append(profile.table("innermost Carnet frame", profile.carnetFrames())).append('\n');
      md.append(profile.table("layer", profile.layers()));
    }
    md.append("\nProgress: ").append(String.join("; ", run.samples())).append("\n");
    md.append("\nFinal progress document: `")
        .append(run.progress().replaceAll("\"rejected\":\\[.*?\\],", ""))
        .append("`\n");
    BenchRun.report("enrolment", md);
  }
}
