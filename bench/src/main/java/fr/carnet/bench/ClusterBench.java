package fr.carnet.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.carnet.devserver.DevCluster;
import fr.carnet.devserver.DevTokens;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance against two on the same cores (issue 20, item 4; docs/scaling.md §7): the cluster of
 * {@code ./mvnw -Pcluster} (HAProxy, instances a and b, one PostgreSQL), the push load of {@link
 * PushBench} (10 KB PDF, JSON), and in the same run the database's floor. In order: the floor;
 * pushes through HAProxy with both instances up; the same straight to instance a (b up, idle:
 * HAProxy's own cost); b killed with SIGKILL and HAProxy's checks given the time to take it out;
 * pushes through HAProxy with a alone; the floor again. On two shared cores the comparison shows
 * what a second JVM and the balancer cost, never a gain.
 *
 * <p>{@code ./mvnw -Pbench -pl bench -am -Dbench.main=fr.carnet.bench.ClusterBench
 * -Dbench.cluster.port=P -Dbench.pushes=3000}; report {@code bench/results/cluster-latest.md}.
 */
public final class ClusterBench {

  private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
  private static final int PATIENTS = 200;

  private ClusterBench() {}

  public static void main(String[] args) throws Exception {
    int front = Integer.getInteger("bench.cluster.port", 28380);
    int pushes = Integer.getInteger("bench.pushes", 3_000);
    int warmUp = Integer.getInteger("bench.warmup", 1_500);
    double floorSeconds = Double.parseDouble(System.getProperty("bench.floor-seconds", "10"));
    Path folder = BenchRun.work().resolve("cluster-" + front).toAbsolutePath();
    GreenMail mail = new GreenMail(new ServerSetup(front + 2, "127.0.0.1", "smtp"));
    mail.start();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("CARNET_NOTIFICATION_MAIL_HOST", "127.0.0.1");
    settings.put("CARNET_NOTIFICATION_MAIL_PORT", String.valueOf(front + 2));
    settings.put("CARNET_NOTIFICATION_MAIL_ALLOW_PLAIN", "true");
    settings.put("CARNET_ADMIN_PASSWORD_FILE", folder.resolve("admin-password").toString());
    String startLoad = Machine.loadAverage();
    try (DevCluster cluster =
        DevCluster.start(
            Path.of(System.getProperty("payara.home")),
            "bench-cluster-" + front,
            Path.of(System.getProperty("carnet.ear")),
            folder,
            folder.resolve("haproxy"),
            front,
            front + 1,
            false,
            settings,
            true)) {
      DevTokens tokens = new DevTokens(cluster.keys().privateKey());
      String viaHaproxy = cluster.baseUrl() + "/api/v1";
      String direct = cluster.instanceUrl(0) + "/api/v1";
      String admin = tokens.mint("admin");
      String gp = tokens.mint("professional", Map.of(), 240);
      List<String> nirs = new ArrayList<>();
      for (int i = 0; i < PATIENTS; i++) {
        String nir = DocumentBench.nir(i);
        nirs.add(nir);
        var created =
            Load.send(
                Load.to(viaHaproxy + "/records", admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(DocumentBench.createBody(nir)))
                    .build());
        if (created.statusCode() != 201) {
          throw new IllegalStateException("Cannot create records: " + created.body());
        }
      }
      String content = Base64.getEncoder().encodeToString(DocumentBench.pdf(10 * 1024));
      DatabaseFloor.prepare(cluster.database());
      List<Load.Result> rows = new ArrayList<>();
      Load.run(
          "warm-up, both instances",
          CLIENTS,
          warmUp,
          201,
          i -> DocumentBench.push(viaHaproxy, gp, "w-" + i, nirs.get(i % PATIENTS), content));
      rows.add(DatabaseFloor.transactionsFor(cluster.database(), CLIENTS, floorSeconds));
      rows.add(
          Load.run(
              "push 10 KB PDF through HAProxy, instances a and b",
              CLIENTS,
              pushes,
              201,
              i -> DocumentBench.push(viaHaproxy, gp, "b-" + i, nirs.get(i % PATIENTS), content)));
      rows.add(
          Load.run(
              "push 10 KB PDF straight to instance a (b up, idle)",
              CLIENTS,
              pushes,
              201,
              i -> DocumentBench.push(direct, gp, "d-" + i, nirs.get(i % PATIENTS), content)));
      cluster.kill(1);
      // HAProxy's checks: every second, three failures take an instance out.
      Thread.sleep(5_000);
      rows.add(
          Load.run(
              "push 10 KB PDF through HAProxy, instance a alone (b killed)",
              CLIENTS,
              pushes,
              201,
              i -> DocumentBench.push(viaHaproxy, gp, "o-" + i, nirs.get(i % PATIENTS), content)));
      rows.add(DatabaseFloor.transactionsFor(cluster.database(), CLIENTS, floorSeconds));
      StringBuilder md = new StringBuilder();
      md.append("# One instance against two on the same cores, ")
          .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
          .append("\n\n")
          .append(Runtime.getRuntime().availableProcessors())
          .append(" cores shared by HAProxy, both Payara instances, PostgreSQL (durable commits)")
          .append(" and this load generator; ")
          .append(CLIENTS)
          .append(" clients in a closed loop; every layer on (policy, trace, outbox). Load average")
          .append(" at the start: ")
          .append(startLoad)
          .append("; at the end: ")
          .append(Machine.loadAverage())
          .append(". Loads in the order run (not alternated).\n\n")
          .append("| load | clients | requests | failures | req/s | p50 ms | p95 ms | p99 ms |\n")
          .append("|---|---|---|---|---|---|---|---|\n");
      rows.forEach(row -> md.append(row.row()).append('\n'));
      BenchRun.report("cluster", md);
    } finally {
      mail.stop();
    }
  }
}
