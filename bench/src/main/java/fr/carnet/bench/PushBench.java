package fr.carnet.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.net.http.HttpRequest;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Pushes of a 10 KB PDF only, through the JSON API and through the multipart upload, in alternating
 * rounds on the same server (two runs of one load vary by up to 30 % on a shared machine; rounds
 * side by side compare the doors, not the moments). A server without the multipart upload (an older
 * EAR, {@code -Dcarnet.ear=…}) is measured through JSON alone.
 *
 * <p>{@code ./mvnw -Pbench -Dbench.main=fr.carnet.bench.PushBench -Dbench.pushes=5000
 * -Dbench.rounds=3}; report {@code bench/results/pushes-latest.md}.
 */
public final class PushBench {

  private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
  private static final int PATIENTS = 200;

  private PushBench() {}

  public static void main(String[] args) throws Exception {
    int pushes = Integer.getInteger("bench.pushes", 5_000);
    int rounds = Integer.getInteger("bench.rounds", 3);
    int warmUp = Integer.getInteger("bench.warmup", 2_000);
    String label = System.getProperty("bench.label", "this build");
    // As in the documents bench: each push queues a notification, delivered to this mail server.
    GreenMail mail = new GreenMail(new ServerSetup(BenchRun.PORT + 25, "127.0.0.1", "smtp"));
    mail.start();
    try (DevServer server =
        BenchRun.startServer(
            Map.of(
                "CARNET_NOTIFICATION_MAIL_HOST",
                "127.0.0.1",
                "CARNET_NOTIFICATION_MAIL_PORT",
                String.valueOf(BenchRun.PORT + 25),
                "CARNET_NOTIFICATION_MAIL_ALLOW_PLAIN",
                "true"))) {
      DevTokens tokens = new DevTokens(server.keys().privateKey());
      String base = server.baseUrl() + "/api/v1";
      String admin = tokens.mint("admin");
      String gp = tokens.mint("professional", Map.of(), 240);
      List<String> nirs = new ArrayList<>();
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
      }
      byte[] small = DocumentBench.pdf(10 * 1024);
      String smallBase64 = Base64.getEncoder().encodeToString(small);
      boolean multipart =
          Load.send(DocumentBench.upload(base, gp, "probe", nirs.get(0), small)).statusCode()
              == 201;
      Load.run(
          "warm-up JSON",
          CLIENTS,
          warmUp,
          201,
          i -> DocumentBench.push(base, gp, "wj-" + i, nirs.get(i % PATIENTS), smallBase64));
      if (multipart) {
        Load.run(
            "warm-up multipart",
            CLIENTS,
            warmUp,
            201,
            i -> DocumentBench.upload(base, gp, "wm-" + i, nirs.get(i % PATIENTS), small));
      }
      List<Load.Result> rows = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        int r = round;
        Load.Result json =
            Load.run(
                "round " + r + ": push 10 KB PDF, JSON (base64)",
                CLIENTS,
                pushes,
                201,
                i ->
                    DocumentBench.push(
                        base, gp, "j" + r + "-" + i, nirs.get(i % PATIENTS), smallBase64));
        Load.Result bytes =
            multipart
                ? Load.run(
                    "round " + r + ": push 10 KB PDF, multipart (bytes)",
                    CLIENTS,
                    pushes,
                    201,
                    i ->
                        DocumentBench.upload(
                            base, gp, "m" + r + "-" + i, nirs.get(i % PATIENTS), small))
                : null;
        // Alternate which door goes first, so that neither always has the warmer server.
        if (round % 2 == 0 && bytes != null) {
          rows.add(bytes);
          rows.add(json);
        } else {
          rows.add(json);
          if (bytes != null) {
            rows.add(bytes);
          }
        }
      }
      StringBuilder md = new StringBuilder();
      md.append("# Pushes benchmark (")
          .append(label)
          .append("), ")
          .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
          .append("\n\n")
          .append(Runtime.getRuntime().availableProcessors())
          .append(" cores shared by the server, PostgreSQL and this load generator; ")
          .append(CLIENTS)
          .append(" clients in a closed loop; every layer on (policy, trace, outbox); ")
          .append(multipart ? "JSON and multipart rounds alternate." : "no multipart upload.")
          .append(
              "\n\n| load | clients | requests | failures | req/s | p50 ms | p95 ms | p99 ms |\n")
          .append("|---|---|---|---|---|---|---|---|\n");
      rows.forEach(row -> md.append(row.row()).append('\n'));
      md.append("\nServer JVM peak RSS (VmHWM): ")
          .append(ServerMemory.peakRss(BenchRun.PORT).map(m -> m + " MiB").orElse("unknown"))
          .append("\n");
      BenchRun.report("pushes", md);
    } finally {
      mail.stop();
    }
  }
}
