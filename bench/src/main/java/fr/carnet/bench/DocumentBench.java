package fr.carnet.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.logging.Logger;

/**
 * Pushes, searches and reads of documents against the EAR on Payara Server with PostgreSQL 15, as
 * hospital software would send them: 8 concurrent clients, realistic sizes. Writes a Markdown
 * report to {@code bench/results/}.
 *
 * <p>{@code ./mvnw -Pbench -Dbench.main=fr.carnet.bench.DocumentBench} (the default is now {@link
 * PerformanceBench}, through wrk); sizes and counts with {@code -Dbench.pushes=…}, {@code
 * -Dbench.reads=…}, {@code -Dbench.clients=…}.
 */
public final class DocumentBench {

  private static final Logger LOG = Logger.getLogger(DocumentBench.class.getName());
  private static final int PORT = BenchRun.PORT;
  private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
  private static final int PATIENTS = 200;

  private DocumentBench() {}

  public static void main(String[] args) throws Exception {
    int pushes = Integer.getInteger("bench.pushes", 20_000);
    int largePushes = Integer.getInteger("bench.large", 400);
    int reads = Integer.getInteger("bench.reads", 20_000);
    int warmUp = Integer.getInteger("bench.warmup", 2_000);
    // Every record has an email address: each push queues a notification, and the delivery job
    // sends them (grouped per window) to this mail server, as in production.
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
      DevTokens tokens = new DevTokens(server.keys().privateKey());
      String base = server.baseUrl() + "/api/v1";
      String admin = tokens.mint("admin");
      String types = base + "/reference/types";
      String gp = tokens.mint("professional", Map.of(), 240);
      // Searches and reads are made by another GP with a declared agreement, so that the whole
      // policy runs (agreement, matrix, masks, blocks), not the author's shortcut.
      String reader = tokens.mint("professional", Map.of("rpps", "10202020202"), 240);
      List<String> nirs = new ArrayList<>();
      for (int i = 0; i < PATIENTS; i++) {
        String nir = nir(i);
        nirs.add(nir);
        var created =
            Load.send(
                Load.to(base + "/records", admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(createBody(nir)))
                    .build());
        if (created.statusCode() != 201) {
          throw new IllegalStateException("Cannot create records: " + created.body());
        }
      }
      List<String> recordIds = new ArrayList<>();
      for (String nir : nirs) {
        String mine =
            Load.send(
                    Load.to(base + "/records/mine", tokens.mint("patient", Map.of("ins", nir), 240))
                        .GET()
                        .build())
                .body();
        recordIds.add(mine.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
      }
      for (String record : recordIds) {
        agree(base, reader, record);
      }

      byte[] small = pdf(10 * 1024);
      byte[] large = pdf(1024 * 1024);
      String smallBase64 = Base64.getEncoder().encodeToString(small);
      String largeBase64 = Base64.getEncoder().encodeToString(large);
      // Warm up: the JIT, the pools and the caches, not measured.
      Load.run(
          "warm-up",
          CLIENTS,
          warmUp,
          201,
          i -> push(base, gp, "w-" + i, nirs.get(i % PATIENTS), smallBase64));
      List<Load.Result> rows = new ArrayList<>();
      // The server's own floor: the cheapest authenticated request (a reference list held in
      // memory, no trace), then a request refused for want of a token; what any call pays before
      // its own work starts: HTTP, authentication, JAX-RS, the role check.
      Load.run("warm-up floor", CLIENTS, reads, 200, i -> Load.to(types, admin).GET().build());
      rows.add(
          Load.run(
              "floor: reference types (admin, in memory)",
              CLIENTS,
              reads,
              200,
              i -> Load.to(types, admin).GET().build()));
      rows.add(
          Load.run(
              "no token (401)",
              CLIENTS,
              reads,
              401,
              i -> HttpRequest.newBuilder(java.net.URI.create(base + "/records/mine")).build()));
      rows.add(
          Load.run(
              "push 10 KB PDF",
              CLIENTS,
              pushes,
              201,
              i -> push(base, gp, "s-" + i, nirs.get(i % PATIENTS), smallBase64)));
      rows.add(
          Load.run(
              "push 10 KB PDF, multipart (bytes, no base64)",
              CLIENTS,
              pushes,
              201,
              i -> upload(base, gp, "m-" + i, nirs.get(i % PATIENTS), small)));
      String fhir = server.baseUrl() + "/fhir";
      String submission = FhirSubmission.template(small);
      rows.add(
          Load.run(
              "push 10 KB PDF, FHIR (ITI-65 transaction)",
              CLIENTS,
              pushes,
              200,
              i -> FhirSubmission.post(fhir, gp, submission, "f-" + i, nirs.get(i % PATIENTS))));
      rows.add(
          Load.run(
              "push 1 MB PDF",
              CLIENTS,
              largePushes,
              201,
              i -> push(base, gp, "l-" + i, nirs.get(i % PATIENTS), largeBase64)));
      List<String> documentIds = firstDocuments(base, reader, recordIds);
      IntFunction<String> document =
          i ->
              base
                  + "/records/"
                  + recordIds.get(i % PATIENTS)
                  + "/documents/"
                  + documentIds.get(i % PATIENTS);
      rows.add(
          Load.run(
              "search a record (20 newest)",
              CLIENTS,
              reads,
              200,
              i ->
                  Load.to(
                          base + "/records/" + recordIds.get(i % PATIENTS) + "/documents?limit=20",
                          reader)
                      .GET()
                      .build()));
      rows.add(
          Load.run(
              "search a record (20 newest), FHIR (ITI-67)",
              CLIENTS,
              reads,
              200,
              i ->
                  Load.to(
                          fhir
                              + "/DocumentReference?patient=Patient/"
                              + recordIds.get(i % PATIENTS)
                              + "&_count=20",
                          reader)
                      .GET()
                      .build()));
      rows.add(
          Load.run(
              "read metadata",
              CLIENTS,
              reads,
              200,
              i -> Load.to(document.apply(i), reader).GET().build()));
      rows.add(
          Load.run(
              "read 10 KB content",
              CLIENTS,
              reads,
              200,
              i -> Load.to(document.apply(i) + "/content", reader).GET().build()));
      // One record with 1,000 documents: 995 lab reports and 5 imaging reports.
      String bigNir = nir(PATIENTS);
      Load.send(
          Load.to(base + "/records", admin)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(createBody(bigNir)))
              .build());
      Load.run(
          "fill a 1,000-document record",
          CLIENTS,
          1_000,
          201,
          i -> push(base, gp, "big-" + i, bigNir, i % 200 == 0 ? IMAGING : LAB, smallBase64));
      String big =
          Load.send(
                  Load.to(
                          base + "/records/mine",
                          tokens.mint("patient", Map.of("ins", bigNir), 240))
                      .GET()
                      .build())
              .body()
              .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
      agree(base, reader, big);
      rows.add(
          Load.run(
              "search a 1,000-document record (20 newest)",
              CLIENTS,
              reads,
              200,
              i ->
                  Load.to(base + "/records/" + big + "/documents?limit=20", reader).GET().build()));
      rows.add(
          Load.run(
              "search a 1,000-document record (20 newest), FHIR (ITI-67)",
              CLIENTS,
              reads,
              200,
              i ->
                  Load.to(fhir + "/DocumentReference?patient=Patient/" + big + "&_count=20", reader)
                      .GET()
                      .build()));
      rows.add(
          Load.run(
              "search a 1,000-document record by class (5 match)",
              CLIENTS,
              reads,
              200,
              i ->
                  Load.to(base + "/records/" + big + "/documents?class=IMAGING", reader)
                      .GET()
                      .build()));
      report(rows, ServerMemory.peakRss(PORT), pushes, reads, mail.getReceivedMessages().length);
    } finally {
      mail.stop();
    }
  }

  static final String LAB = "11502-2";
  static final String IMAGING = "18748-4";

  static void agree(String base, String token, String record) {
    var agreed =
        Load.send(
            Load.to(base + "/records/" + record + "/agreements", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"NORMAL\"}"))
                .build());
    if (agreed.statusCode() != 201) {
      throw new IllegalStateException("Cannot declare an agreement: " + agreed.body());
    }
  }

  static HttpRequest push(String base, String token, String uniqueId, String nir, String content) {
    return push(base, token, uniqueId, nir, LAB, content);
  }

  private static final String BOUNDARY = "carnet-bench-8c1f0e2d";

  /** The same push as {@link #push}, its content as bytes in a multipart body. */
  static HttpRequest upload(String base, String token, String uniqueId, String nir, byte[] pdf) {
    return Load.to(base + "/documents", token)
        .header("Content-Type", MULTIPART)
        .POST(HttpRequest.BodyPublishers.ofByteArray(uploadBody(uniqueId, nir, pdf)))
        .build();
  }

  static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

  /** The multipart body of a push: the metadata as a JSON part, then the PDF's bytes. */
  static byte[] uploadBody(String uniqueId, String nir, byte[] pdf) {
    String metadata = metadata(uniqueId, nir, LAB);
    byte[] head =
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + metadata
                + "\r\n--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"cr.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail =
        ("\r\n--" + BOUNDARY + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + pdf.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(pdf, 0, body, head.length, pdf.length);
    System.arraycopy(tail, 0, body, head.length + pdf.length, tail.length);
    return body;
  }

  private static String metadata(String uniqueId, String nir, String loinc) {
    return "{\"uniqueId\":\"bench-"
        + uniqueId
        + "\",\"patient\":{\"ins\":{\"number\":\""
        + nir
        + "\",\"oid\":\"1.2.250.1.213.1.4.8\"},\"traits\":{\"birthName\":\"DUPONT\",\"firstNames\":\"MARIE\","
        + "\"birthDate\":\"1985-05-12\",\"sex\":\"F\",\"birthPlace\":\"75056\"}},"
        + "\"type\":{\"system\":\"http://loinc.org\",\"code\":\""
        + loinc
        + "\"},\"title\":\"Compte rendu\","
        + "\"authoredAt\":\"2026-11-20T09:30:00Z\",\"contentType\":\"application/pdf\"}";
  }

  static HttpRequest push(
      String base, String token, String uniqueId, String nir, String loinc, String content) {
    return Load.to(base + "/documents", token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(pushBody(uniqueId, nir, loinc, content)))
        .build();
  }

  /** The JSON body of a push: the metadata and the content in base64. */
  static String pushBody(String uniqueId, String nir, String loinc, String content) {
    return "{\"uniqueId\":\"bench-"
        + uniqueId
        + "\",\"patient\":{\"ins\":{\"number\":\""
        + nir
        + "\",\"oid\":\"1.2.250.1.213.1.4.8\"},\"traits\":{\"birthName\":\"DUPONT\",\"firstNames\":\"MARIE\","
        + "\"birthDate\":\"1985-05-12\",\"sex\":\"F\",\"birthPlace\":\"75056\"}},"
        + "\"type\":{\"system\":\"http://loinc.org\",\"code\":\""
        + loinc
        + "\"},\"title\":\"Compte rendu\","
        + "\"authoredAt\":\"2026-11-20T09:30:00Z\",\"contentType\":\"application/pdf\",\"content\":\""
        + content
        + "\"}";
  }

  static List<String> firstDocuments(String base, String token, List<String> recordIds) {
    List<String> ids = new ArrayList<>();
    for (String record : recordIds) {
      String page =
          Load.send(
                  Load.to(base + "/records/" + record + "/documents?limit=1&class=LAB", token)
                      .GET()
                      .build())
              .body();
      ids.add(page.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1"));
    }
    return ids;
  }

  static String createBody(String nir) {
    return BenchRun.openRecord(nir, "patient@example.org");
  }

  static String nir(int i) {
    return BenchRun.nir(String.format("2850575%06d", 100_000 + i));
  }

  static byte[] pdf(int size) {
    // A real PDF's streams are deflated: bytes that do not compress, as PostgreSQL's TOAST and the
    // WAL see them. (A run of one letter, as before, was stored in about 200 bytes.)
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    byte[] head = "%PDF-1.7\n".getBytes();
    System.arraycopy(head, 0, bytes, 0, head.length);
    return bytes;
  }

  private static void report(
      List<Load.Result> rows, Optional<Long> rssMiB, int pushes, int reads, int messages)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Documents benchmark, ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
        .append("\n\n");
    md.append("Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, shared by the server, PostgreSQL and this load generator; ")
        .append(System.getProperty("os.name"))
        .append(", Java ")
        .append(System.getProperty("java.version"))
        .append(". Payara Server 6.2025.9, PostgreSQL 15 (embedded), fresh database; ")
        .append(CLIENTS)
        .append(
            " clients in a closed loop after 2,000 unmeasured pushes. Rows marked FHIR go through"
                + " /fhir (HAPI's plain server over the same services) with the same sizes and"
                + " clients as the API's rows above them. Traces in 64 hash chains;")
        .append(" every record has an email address, so each push queues a notification: ")
        .append(messages)
        .append(
            " messages were delivered to the benchmark's SMTP server (one per record and hour).\n\n");
    md.append("| load | clients | requests | failures | req/s | p50 ms | p95 ms | p99 ms |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    rows.forEach(row -> md.append(row.row()).append('\n'));
    md.append("\nServer JVM peak RSS (VmHWM): ")
        .append(rssMiB.map(m -> m + " MiB").orElse("unknown"))
        .append("\n");
    BenchRun.report("documents", md);
  }
}
