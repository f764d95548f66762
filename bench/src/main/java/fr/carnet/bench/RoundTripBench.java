package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import fr.carnet.devserver.RoundTripRelay;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What each request costs the database, counted on the wire: the server's connections go through a
 * {@link RoundTripRelay}, and each kind of request is sent one at a time, tagged with its own
 * request id, while the background jobs are held off (hour-long intervals), so that everything the
 * relay sees between two tallies is the requests' own. For each kind: round trips and statements
 * per request, each statement with how often it ran, and one request's round trips in order.
 *
 * <p>{@code ./mvnw -Pbench -Dbench.main=fr.carnet.bench.RoundTripBench -Dbench.requests=50}; report
 * {@code bench/results/round-trips-latest.md}.
 */
public final class RoundTripBench {

  private static final int PATIENTS = 20;
  private static final String MARKER = "rtq-";

  private RoundTripBench() {}

  public static void main(String[] args) throws Exception {
    int requests = Integer.getInteger("bench.requests", 50);
    int warmUp = Integer.getInteger("bench.warmup", 30 * PATIENTS);
    System.setProperty("carnet.devdb.round-trip-marker", MARKER);
    Map<String, String> settings =
        Map.of(
            "CARNET_AUDIT_TREE_INTERVAL", "PT1H",
            "CARNET_AUDIT_TREE_HEAD_INTERVAL", "PT1H",
            "CARNET_NOTIFICATION_DELIVERY_INTERVAL", "PT1H",
            "CARNET_LIFECYCLE_JOB_INTERVAL", "PT1H");
    try (DevServer server = BenchRun.startServer(settings)) {
      RoundTripRelay relay = server.database().roundTrips().orElseThrow();
      DevTokens tokens = new DevTokens(server.keys().privateKey());
      String base = server.baseUrl() + "/api/v1";
      String admin = tokens.mint("admin");
      String gp = tokens.mint("professional", Map.of(), 240);
      String reader = tokens.mint("professional", Map.of("rpps", "10202020202"), 240);
      List<String> nirs = new ArrayList<>();
      List<String> records = new ArrayList<>();
      for (int i = 0; i < PATIENTS; i++) {
        String nir = DocumentBench.nir(i);
        nirs.add(nir);
        Load.send(
            Load.to(base + "/records", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DocumentBench.createBody(nir)))
                .build());
        String mine =
            Load.send(
                    Load.to(base + "/records/mine", tokens.mint("patient", Map.of("ins", nir), 240))
                        .GET()
                        .build())
                .body();
        records.add(mine.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
        DocumentBench.agree(base, reader, records.get(i));
      }
      byte[] small = DocumentBench.pdf(10 * 1024);
      String base64 = Base64.getEncoder().encodeToString(small);
      // Enough documents for a page of 20, the statements prepared, the first reads noted.
      for (int i = 0; i < warmUp; i++) {
        expect(201, DocumentBench.push(base, gp, "warm-" + i, nirs.get(i % PATIENTS), base64));
      }
      List<String> documents = new ArrayList<>();
      for (String record : records) {
        String page =
            Load.send(
                    Load.to(base + "/records/" + record + "/documents?limit=1", reader)
                        .GET()
                        .build())
                .body();
        documents.add(page.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1"));
      }
      IntFunction<String> document =
          i ->
              base
                  + "/records/"
                  + records.get(i % PATIENTS)
                  + "/documents/"
                  + documents.get(i % PATIENTS);
      List<Kind> kinds =
          List.of(
              new Kind(
                  "push of a 10 KB PDF (JSON), GP",
                  201,
                  i -> DocumentBench.push(base, gp, "json-" + i, nirs.get(i % PATIENTS), base64)),
              new Kind(
                  "push of a 10 KB PDF (multipart), GP",
                  201,
                  i -> DocumentBench.upload(base, gp, "mp-" + i, nirs.get(i % PATIENTS), small)),
              new Kind(
                  "the same JSON push again (idempotent replay)",
                  200,
                  i -> DocumentBench.push(base, gp, "json-" + i, nirs.get(i % PATIENTS), base64)),
              new Kind(
                  "search of a record, 20 newest, GP with agreement",
                  200,
                  i ->
                      Load.to(
                              base
                                  + "/records/"
                                  + records.get(i % PATIENTS)
                                  + "/documents?limit=20",
                              reader)
                          .GET()
                          .build()),
              new Kind(
                  "document metadata", 200, i -> Load.to(document.apply(i), reader).GET().build()),
              new Kind(
                  "10 KB content",
                  200,
                  i -> Load.to(document.apply(i) + "/content", reader).GET().build()));
      StringBuilder md = new StringBuilder();
      md.append("# Database round trips per request, ")
          .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
          .append("\n\n")
          .append("Counted on the wire by a relay between Payara and PostgreSQL (a round trip is a")
          .append(" Sync or a simple Query, after which the driver waits); ")
          .append(requests)
          .append(" requests of each kind, one at a time, background jobs held off. BEGIN travels")
          .append(" with the first statement of a transaction, in the same round trip.\n\n")
          .append("| request | round trips | statements (BEGIN and COMMIT included) |\n")
          .append("|---|---|---|\n");
      StringBuilder details = new StringBuilder();
      int k = 0;
      for (Kind kind : kinds) {
        String tagPrefix = MARKER + "k" + k++ + "-";
        RoundTripRelay.Tally before = relay.tally();
        for (int i = 0; i < requests; i++) {
          HttpRequest request = kind.request().apply(i);
          HttpRequest tagged =
              HttpRequest.newBuilder(request, (name, value) -> true)
                  .header("X-Request-Id", tagPrefix + i)
                  .build();
          expect(kind.status(), tagged);
        }
        Thread.sleep(300);
        RoundTripRelay.Tally spent = relay.tally().since(before);
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %.2f | %.2f |%n",
                kind.name(),
                spent.roundTrips() / (double) requests,
                spent.statementCount() / (double) requests));
        details.append("\n## ").append(kind.name()).append("\n\nStatements per request:\n\n");
        spent
            .statements()
            .forEach(
                (sql, count) ->
                    details.append(
                        String.format(
                            Locale.ROOT, "- %.2f × `%s`%n", count / (double) requests, sql)));
        relay
            .exchange(tagPrefix + (requests - 1))
            .ifPresent(
                exchange ->
                    details
                        .append(
                            "\nThe last request's transaction, round trip by round trip:\n\n```\n")
                        .append(exchange.describe())
                        .append("```\n"));
      }
      md.append(details);
      BenchRun.report("round-trips", md);
    }
  }

  private record Kind(String name, int status, IntFunction<HttpRequest> request) {}

  private static void expect(int status, HttpRequest request) {
    HttpResponse<String> response = Load.send(request);
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          request.uri() + ": " + response.statusCode() + " " + response.body());
    }
  }
}
