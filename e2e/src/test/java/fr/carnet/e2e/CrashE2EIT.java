package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A power cut in the middle of pushes: the server JVM is killed with SIGKILL under load. Every
 * document acknowledged with a 201 must be readable after the restart with the same bytes, and no
 * document may exist without its content. Runs late: it restarts the shared server.
 */
@ExtendWith(CarnetServerExtension.class)
@Order(Integer.MAX_VALUE - 1)
class CrashE2EIT {

  private static final int CLIENTS = 8;

  /**
   * An acknowledged push survives the JVM's death only if the database flushed it: the embedded
   * PostgreSQL that the run command and the tests start must flush each commit to disk (zonky's
   * defaults turn that off).
   */
  @Test
  void theEmbeddedDatabaseFlushesEveryCommitToDisk(CarnetServer carnet) throws Exception {
    Assumptions.assumeTrue(
        carnet.server().database().isEmbedded(), "needs the embedded database's superuser");
    try (Connection connection = carnet.server().database().superuserConnection();
        Statement statement = connection.createStatement();
        ResultSet settings =
            statement.executeQuery(
                "select current_setting('fsync'), current_setting('synchronous_commit'),"
                    + " current_setting('full_page_writes')")) {
      assertThat(settings.next()).isTrue();
      assertThat(List.of(settings.getString(1), settings.getString(2), settings.getString(3)))
          .containsExactly("on", "on", "on");
    }
  }

  /**
   * A refused or cut push is tried again after a pause, as a hospital's sender does. Without it the
   * pushers sent thousands of requests a second into the restarting server, each answered unread
   * (the application not deployed yet) on upgraded HTTP/2 connections, whose streams Grizzly keeps:
   * the heap filled before the application was up (security.md, known limits, measured there on its
   * own). This test is about what a kill -9 leaves, not about that.
   */
  private static void backOff() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void everyAcknowledgedPushSurvivesAKillDashNine(CarnetServer carnet) throws Exception {
    Api api = carnet.api();
    String gp = carnet.token("professional");
    String nir = People.newNir();
    assertThat(
            api.post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true))
                .status())
        .isEqualTo(201);
    Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    ExecutorService pushers = Executors.newFixedThreadPool(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      pushers.submit(
          () -> {
            while (!stop.get()) {
              byte[] content = Documents.pdf(20_000);
              try {
                HttpResponse<String> response =
                    client.send(
                        HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/documents"))
                            .header("Authorization", "Bearer " + gp)
                            .header("Content-Type", "application/json")
                            .POST(
                                HttpRequest.BodyPublishers.ofString(
                                    Documents.lab(
                                        Documents.uniqueId(),
                                        nir,
                                        "2026-11-20T09:30:00Z",
                                        content)))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                  String id = response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
                  acknowledged.put(id, content);
                } else {
                  backOff();
                }
              } catch (Exception refusedOrCut) {
                // The server is gone: what was not acknowledged may or may not have been stored.
                backOff();
              }
            }
            return null;
          });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (acknowledged.size() < 50) {
      assertThat(System.nanoTime())
          .as("50 pushes acknowledged within a minute")
          .isLessThan(deadline);
      Thread.sleep(20);
    }

    carnet.server().crashAndRestart();
    stop.set(true);
    pushers.shutdown();
    assertThat(pushers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    String documents =
        "/api/v1/records/"
            + api.get("/api/v1/records/mine", carnet.token("patient", Map.of("ins", nir)))
                .json()
                .getString("id")
            + "/documents";
    for (Map.Entry<String, byte[]> document : acknowledged.entrySet()) {
      HttpResponse<byte[]> read =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(api.base() + documents + "/" + document.getKey() + "/content"))
                  .header("Authorization", "Bearer " + gp)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(read.statusCode()).as("acknowledged document " + document.getKey()).isEqualTo(200);
      assertThat(read.body()).isEqualTo(document.getValue());
      assertThat(read.headers().firstValue("ETag"))
          .hasValue("\"" + Documents.sha256(document.getValue()) + "\"");
    }
    // Whatever was stored, acknowledged or not, is whole: metadata and content together. The
    // patient lists them all (the author would need an agreement to search).
    String patient = carnet.token("patient", Map.of("ins", nir));
    List<JsonObject> stored = new ArrayList<>();
    String next = documents + "?limit=100";
    while (next != null) {
      JsonObject page = api.get(next.replace(api.base(), ""), patient).json();
      stored.addAll(page.getJsonArray("items").getValuesAs(JsonObject.class));
      next = page.containsKey("next") && !page.isNull("next") ? page.getString("next") : null;
    }
    assertThat(stored.size()).isGreaterThanOrEqualTo(acknowledged.size());
    for (JsonObject document : stored) {
      HttpResponse<byte[]> read =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          api.base() + documents + "/" + document.getString("id") + "/content"))
                  .header("Authorization", "Bearer " + gp)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(Documents.sha256(read.body())).isEqualTo(document.getString("hash"));
    }
  }
}
