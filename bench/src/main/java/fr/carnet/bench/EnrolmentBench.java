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

  private EnrolmentBench() {}

  public static void main(String[] args) throws Exception {
    Path work = BenchRun.work();
    Files.createDirectories(work);
    Path csv = work.resolve("enrolment-" + PERSONS + ".csv");
    write(csv);
    try (DevServer server =
        BenchRun
            .startServer( // The notifications stay queued: delivering them is not what is measured
                // here.
                Map.of("CARNET_NOTIFICATION_DELIVERY_ENABLED", "false"))) {
      DevTokens tokens = new DevTokens(server.keys().privateKey());
      String admin = tokens.mint("admin", Map.of(), 240);
      String base = server.baseUrl() + "/api/v1";
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
        Thread.sleep(1_000);
      }
      double seconds = (System.nanoTime() - begin) / 1e9;
      long created = Long.parseLong(field(progress, "created"));
      long rss = ServerMemory.peakRss(PORT).orElse(-1L);
      report(progress, created, seconds, uploadSeconds, rss, samples);
    }
  }

  private static void write(Path csv) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("insNumber,insOid,birthName,firstNames,birthDate,sex,birthPlace,email,phone\n");
      for (int i = 0; i < PERSONS; i++) {
        // Men and women born in 1950-1999, in Paris, each with their own order number.
        int sex = 1 + i % 2;
        int year = 50 + (i / 2) % 50;
        // The last six digits are the person's number: unique up to a million per file.
        String thirteen = String.format("%d%02d%02d75%06d", sex, year, 1 + i % 12, i % 1_000_000);
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

  private static String field(String json, String name) {
    return json.replaceAll(".*\"" + name + "\":([0-9.]+).*", "$1");
  }

  private static void report(
      String progress,
      long created,
      double seconds,
      double uploadSeconds,
      long rssMiB,
      List<String> samples)
      throws IOException {
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
        .append(". Payara Server 6, PostgreSQL 15 (embedded, fsync on), fresh database.")
        .append(" Chunks of 500 lines, one transaction each: records, identities, a trace per")
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
            uploadSeconds,
            rate,
            rssMiB < 0 ? "unknown" : rssMiB + " MiB",
            countryHours));
    md.append("\nProgress: ").append(String.join("; ", samples)).append("\n");
    md.append("\nFinal progress document: `")
        .append(progress.replaceAll("\"rejected\":\\[.*?\\],", ""))
        .append("`\n");
    BenchRun.report("enrolment", md);
  }
}
