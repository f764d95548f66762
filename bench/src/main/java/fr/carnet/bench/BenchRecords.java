package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The data the performance bench loads against, seeded through the API as {@link DocumentBench}
 * seeds it: 200 open records with an email address (each push queues a notification), a GP who
 * pushes, another GP with a declared agreement who searches and reads (so that the whole policy
 * runs, not the author's shortcut), one document per record, and one record of 1,000 documents.
 *
 * @param documentIds one lab report of each record, in the order of {@code recordIds}
 */
record BenchRecords(
    String admin,
    String gp,
    String reader,
    List<String> nirs,
    List<String> recordIds,
    List<String> documentIds,
    String bigRecord) {

  static final int PATIENTS = 200;
  static final int BIG_RECORD_DOCUMENTS = 1_000;

  static BenchRecords seed(DevServer server, int clients) throws Exception {
    DevTokens tokens = new DevTokens(server.keys().privateKey());
    String base = server.baseUrl() + "/api/v1";
    String admin = tokens.mint("admin", Map.of(), 240);
    String gp = tokens.mint("professional", Map.of(), 240);
    String reader = tokens.mint("professional", Map.of("rpps", "10202020202"), 240);
    List<String> nirs = new ArrayList<>();
    List<String> recordIds = new ArrayList<>();
    for (int i = 0; i < PATIENTS; i++) {
      String nir = DocumentBench.nir(i);
      nirs.add(nir);
      recordIds.add(enrol(base, admin, tokens, nir));
    }
    for (String record : recordIds) {
      DocumentBench.agree(base, reader, record);
    }
    String content = Base64.getEncoder().encodeToString(DocumentBench.pdf(10 * 1024));
    // One document per record before any load, so that reads find one however short the pushes.
    seeded(
        "seed: one document per record",
        clients,
        PATIENTS,
        201,
        i -> DocumentBench.push(base, gp, "seed-" + i, nirs.get(i), content));
    List<String> documentIds = DocumentBench.firstDocuments(base, reader, recordIds);
    // 995 lab reports and 5 imaging reports: a search by class finds 5 of 1,000.
    String bigNir = DocumentBench.nir(PATIENTS);
    String big = enrol(base, admin, tokens, bigNir);
    seeded(
        "seed: a 1,000-document record",
        clients,
        BIG_RECORD_DOCUMENTS,
        201,
        i ->
            DocumentBench.push(
                base,
                gp,
                "big-" + i,
                bigNir,
                i % 200 == 0 ? DocumentBench.IMAGING : DocumentBench.LAB,
                content));
    DocumentBench.agree(base, reader, big);
    return new BenchRecords(admin, gp, reader, nirs, recordIds, documentIds, big);
  }

  private static void seeded(
      String name,
      int clients,
      int requests,
      int expected,
      java.util.function.IntFunction<HttpRequest> step)
      throws Exception {
    Load.Result result = Load.run(name, clients, requests, expected, step);
    if (result.failures() > 0) {
      throw new IllegalStateException(name + ": " + result.failures() + " failed");
    }
  }

  /** Creates an open record and returns its id, as its patient reads it. */
  private static String enrol(String base, String admin, DevTokens tokens, String nir) {
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
    return mine.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }
}
