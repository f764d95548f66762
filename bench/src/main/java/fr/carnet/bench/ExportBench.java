package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The portability export of a 1,000-document record ({@code
 * -Dbench.main=fr.carnet.bench.ExportBench}, a variant of {@code -Pbench}, about 3 minutes): how
 * long the signed ZIP takes to download, and the server's resident memory (VmRSS of the Payara JVM,
 * /proc/pid/status) before, during (the highest sample, every 50 ms) and after it, so that an
 * archive held in memory would show. Documents of {@code bench.export-document-kib} KiB (100 by
 * default: a 100 MB archive), pushed by 8 clients.
 */
public final class ExportBench {

  private static final int DOCUMENTS = Integer.getInteger("bench.export-documents", 1_000);
  private static final int DOCUMENT_KIB = Integer.getInteger("bench.export-document-kib", 100);
  private static final int ROUNDS = Integer.getInteger("bench.export-rounds", 3);

  private ExportBench() {}

  public static void main(String[] args) throws Exception {
    try (DevServer server = BenchRun.startServer(Map.of())) {
      DevTokens tokens = new DevTokens(server.keys().privateKey());
      String base = server.baseUrl() + "/api/v1";
      String admin = tokens.mint("admin", Map.of(), 240);
      String gp = tokens.mint("professional", Map.of(), 240);
      String nir = DocumentBench.nir(0);
      var created =
          Load.send(
              Load.to(base + "/records", admin)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(DocumentBench.createBody(nir)))
                  .build());
      if (created.statusCode() != 201) {
        throw new IllegalStateException("Cannot create the record: " + created.body());
      }
      String patient = tokens.mint("patient", Map.of("ins", nir), 240);
      String mine = Load.send(Load.to(base + "/records/mine", patient).GET().build()).body();
      String recordId = mine.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
      String content = Base64.getEncoder().encodeToString(DocumentBench.pdf(DOCUMENT_KIB * 1024));
      Load.Result seeded =
          Load.run(
              "seed: a " + DOCUMENTS + "-document record",
              8,
              DOCUMENTS,
              201,
              i -> DocumentBench.push(base, gp, "export-" + i, nir, content));
      if (seeded.failures() > 0) {
        throw new IllegalStateException(seeded.failures() + " pushes failed");
      }
      long pid =
          ServerProcess.server(BenchRun.PORT)
              .orElseThrow(() -> new IllegalStateException("No server process"))
              .pid();
      HttpClient http = HttpClient.newHttpClient();
      StringBuilder report =
          new StringBuilder("# Export bench\n\n")
              .append("A record of ")
              .append(DOCUMENTS)
              .append(" documents of ")
              .append(DOCUMENT_KIB)
              .append(" KiB, exported ")
              .append(ROUNDS)
              .append(" times one after the other by its patient; VmRSS of the Payara JVM.\n\n")
              .append(
                  "| round | seconds | contents unzipped MiB | files | RSS before MiB | RSS during (max)"
                      + " MiB | RSS after MiB |\n")
              .append("|---|---|---|---|---|---|---|\n");
      for (int round = 1; round <= ROUNDS; round++) {
        System.gc();
        long before = ServerProcess.memoryMiB(pid, "VmRSS");
        AtomicLong peak = new AtomicLong(before);
        Thread sampler =
            new Thread(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(ServerProcess.memoryMiB(pid, "VmRSS"), Math::max);
                    try {
                      Thread.sleep(50);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        HttpResponse<InputStream> response =
            http.send(
                Load.to(base + "/records/" + recordId + "/export", patient)
                    .timeout(Duration.ofMinutes(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          throw new IllegalStateException(
              "Export refused: "
                  + response.statusCode()
                  + " "
                  + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        long bytes = 0;
        int files = 0;
        boolean signed = false;
        try (ZipInputStream zip = new ZipInputStream(response.body())) {
          byte[] buffer = new byte[64 * 1024];
          for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            files++;
            signed |= entry.getName().equals("manifest.jws");
            for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
              bytes += n;
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join();
        Thread.sleep(1000);
        long after = ServerProcess.memoryMiB(pid, "VmRSS");
        if (!signed || files < 2 * DOCUMENTS) {
          throw new IllegalStateException("An incomplete archive: " + files + " files");
        }
        report
            .append("| ")
            .append(round)
            .append(" | ")
            .append(String.format("%.1f", seconds))
            .append(" | ")
            .append(bytes / (1024 * 1024))
            .append(" | ")
            .append(files)
            .append(" | ")
            .append(before)
            .append(" | ")
            .append(peak.get())
            .append(" | ")
            .append(after)
            .append(" |\n");
      }
      BenchRun.report("export", report);
    }
  }
}
