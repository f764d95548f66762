package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.carnet.devserver.DevCluster;
import fr.carnet.devserver.DevTokens;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Carnet as two instances of the same EAR on one PostgreSQL behind Debian's HAProxy, as {@code
 * ./mvnw -Pcluster} starts it: requests spread on both, a policy changed through one applies on the
 * other at once, and both notification jobs together send one message per mailbox. Its own cluster
 * on its own ports ({@code carnet.e2e.cluster.port}), beside the single server of the other tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterE2EIT {

  private static final Duration PATIENCE = Duration.ofSeconds(40);
  private static final String PUSH = "/api/v1/documents";
  private static final int LIFECYCLE_BATCH = 3;
  private static final Duration ENROLMENT_LEASE = Duration.ofSeconds(10);
  private static final String CONSOLE_PASSWORD = "cluster-console-password-1";
  private String consolePassword;

  private int front;
  private DevCluster cluster;
  private DevTokens tokens;
  private Api api;
  private Api[] instances;
  private GreenMail mailServer;

  @BeforeAll
  void startCluster() throws Exception {
    ensureHaproxy();
    front = Integer.getInteger("carnet.e2e.cluster.port", 18380);
    Path folder = Path.of(System.getProperty("carnet.e2e.cluster.dir", "target/e2e-cluster"));
    deleteRecursively(folder);
    Map<String, String> settings = new java.util.LinkedHashMap<>(CarnetServer.settings(folder));
    // The cluster's own mail server, which this test runs (both instances send to it).
    settings.put("CARNET_NOTIFICATION_MAIL_PORT", String.valueOf(front + 2));
    // Both lifecycle jobs every second, in small batches, so that they meet over the same records.
    settings.put("CARNET_LIFECYCLE_JOB_INTERVAL", "PT1S");
    settings.put("CARNET_LIFECYCLE_JOB_BATCH", String.valueOf(LIFECYCLE_BATCH));
    // Enrolment files on storage both instances share (as production's nodes must), and a lease
    // short enough that the test sees the survivor take over a killed owner's enrolment.
    settings.put(
        "CARNET_ENROLMENT_FOLDER", folder.resolve("enrolments").toAbsolutePath().toString());
    settings.put("CARNET_ENROLMENT_LEASE", ENROLMENT_LEASE.toString());
    mailServer = new GreenMail(new ServerSetup(front + 2, "127.0.0.1", "smtp"));
    mailServer.start();
    cluster =
        DevCluster.start(
            Path.of(System.getProperty("payara.home")),
            "e2e-cluster-" + front,
            Path.of(System.getProperty("carnet.ear")),
            folder,
            folder.resolve("haproxy"),
            front,
            front + 1,
            false,
            settings,
            true);
    tokens = new DevTokens(cluster.keys().privateKey());
    api = new Api(cluster.baseUrl());
    instances = new Api[] {new Api(cluster.instanceUrl(0)), new Api(cluster.instanceUrl(1))};
  }

  @AfterAll
  void stopCluster() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (mailServer != null) {
        mailServer.stop();
      }
    }
  }

  /** As the cluster command does: Debian's HAProxy, installed when missing and possible. */
  private static void ensureHaproxy() throws Exception {
    Process ensure =
        new ProcessBuilder("bash", Path.of("ensure-haproxy.sh").toAbsolutePath().toString())
            .inheritIO()
            .start();
    assertThat(ensure.waitFor()).as("e2e/ensure-haproxy.sh").isZero();
  }

  private static String instance(Api.Reply reply) {
    return reply.header("X-Carnet-Instance").orElse("none");
  }

  private String admin() {
    return tokens.mint("admin");
  }

  @Test
  void pushesAndReadsThroughHaproxyAreSpreadOnBothInstances() {
    Map<String, Integer> served = new TreeMap<>();
    String gp = tokens.mint("professional");
    for (int i = 0; i < 6; i++) {
      String nir = People.newNir();
      Api.Reply created = api.post("/api/v1/records", admin(), People.createBody(nir, true));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      served.merge("records:" + instance(created), 1, Integer::sum);
      String record = created.json().getString("id");
      for (int j = 0; j < 2; j++) {
        Api.Reply pushed =
            api.post(PUSH, gp, Documents.about(nir, People.marie(), "11502-2", false));
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
        served.merge("push:" + instance(pushed), 1, Integer::sum);
      }
      Api.Reply agreed =
          api.post("/api/v1/records/" + record + "/agreements", gp, "{\"mode\":\"NORMAL\"}");
      assertThat(agreed.status()).as(agreed.toString()).isEqualTo(201);
      served.merge("agreement:" + instance(agreed), 1, Integer::sum);
      // Each read, wherever it lands, sees what the other instance wrote.
      for (int j = 0; j < 2; j++) {
        Api.Reply read = api.get("/api/v1/records/" + record + "/documents", gp);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().getJsonArray("items")).hasSize(2);
        served.merge("read:" + instance(read), 1, Integer::sum);
      }
    }
    for (int i = 0; i < 4; i++) {
      Api.Reply fhir = api.get("/fhir/metadata", null);
      assertThat(fhir.status()).as(fhir.toString()).isEqualTo(200);
      served.merge("fhir:" + instance(fhir), 1, Integer::sum);
    }
    // Round robin: each kind of request reached both instances, about as often.
    assertThat(served)
        .as("requests per kind and instance: " + served)
        .containsKeys("push:a", "push:b", "read:a", "read:b", "fhir:a", "fhir:b")
        .doesNotContainKey("push:none")
        .doesNotContainKey("read:none");
    int a =
        served.entrySet().stream()
            .filter(e -> e.getKey().endsWith(":a"))
            .mapToInt(e -> e.getValue())
            .sum();
    int b =
        served.entrySet().stream()
            .filter(e -> e.getKey().endsWith(":b"))
            .mapToInt(e -> e.getValue())
            .sum();
    assertThat(Math.abs(a - b)).as("a %d, b %d", a, b).isLessThanOrEqualTo((a + b) / 5);
    // Each instance answers directly too, under its own name.
    assertThat(instance(instances[0].get("/fhir/metadata", null))).isEqualTo("a");
    assertThat(instance(instances[1].get("/fhir/metadata", null))).isEqualTo("b");
  }

  @Test
  void theConsoleStaysOnOneInstanceByHaproxysCookie() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> page =
          browser.send(
              HttpRequest.newBuilder(URI.create(cluster.baseUrl() + "/console/login.xhtml"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).as(page.body()).isIn(200, 302);
      seen.add(page.headers().firstValue("X-Carnet-Instance").orElse("none"));
    }
    assertThat(seen).as("the console's instances: " + seen).containsOnly(seen.get(0));
    assertThat(seen.get(0)).isIn("a", "b");
  }

  @Test
  void aMatrixChangeThroughOneInstanceAppliesOnTheOtherAtItsNextRequest() {
    String gp = tokens.mint("professional");
    String dentist =
        tokens.mint(
            "professional", Map.of("rpps", "40404040404", "profession", "40", "specialty", ""), 10);
    String nir = People.newNir();
    Api.Reply created = instances[0].post("/api/v1/records", admin(), People.createBody(nir, true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String documents = "/api/v1/records/" + created.json().getString("id") + "/documents";
    Api.Reply pushed =
        instances[0].post(PUSH, gp, Documents.about(nir, People.marie(), "57055-6", false));
    assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
    String obstetrics = pushed.json().getString("id");
    assertThat(
            instances[1]
                .post(
                    "/api/v1/records/" + created.json().getString("id") + "/agreements",
                    dentist,
                    "{\"mode\":\"NORMAL\"}")
                .status())
        .isEqualTo(201);
    // Instance b has decided (and cached, if it caches) on the matrix as it was: no obstetrics.
    assertThat(ids(instances[1].get(documents, dentist))).doesNotContain(obstetrics);
    assertThat(rights(instances[1])).isEqualTo("-");

    String cell = "/api/v1/reference/matrix/40/*/OBSTETRICS";
    try {
      Api.Reply changed =
          instances[0].send("PUT", cell, admin(), "application/json", "{\"rights\":\"R\"}");
      assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
      assertThat(instance(changed)).isEqualTo("a");
      // The very next request on b decides on the new policy; the matrix API says so on both.
      Api.Reply onB = instances[1].get(documents, dentist);
      assertThat(instance(onB)).isEqualTo("b");
      assertThat(ids(onB)).contains(obstetrics);
      assertThat(rights(instances[1])).isEqualTo("R");
      assertThat(rights(instances[0])).isEqualTo("R");
    } finally {
      Api.Reply back =
          instances[1].send("PUT", cell, admin(), "application/json", "{\"rights\":\"-\"}");
      assertThat(back.status()).as(back.toString()).isEqualTo(200);
    }
    // And back, changed through b this time: a applies it at once.
    assertThat(ids(instances[0].get(documents, dentist))).doesNotContain(obstetrics);
    assertThat(rights(instances[0])).isEqualTo("-");
  }

  private static List<String> ids(Api.Reply page) {
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(d -> d.getString("id"))
        .toList();
  }

  /** The dentists' rights on OBSTETRICS, as the matrix API of {@code instance} tells them. */
  private String rights(Api instance) {
    Api.Reply reply = instance.get("/api/v1/reference/matrix", admin());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonArray cells = Json.createReader(new StringReader(reply.body())).readArray();
    return cells.getValuesAs(JsonObject.class).stream()
        .filter(c -> (c.getString("profession") + c.getString("specialty")).equals("40*"))
        .filter(c -> c.getString("class").equals("OBSTETRICS"))
        .map(c -> c.getString("rights"))
        .findFirst()
        .orElse("-");
  }

  @Test
  void bothNotificationJobsTogetherSendOneMessagePerMailbox() throws Exception {
    List<String> emails = new ArrayList<>();
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String email = "cluster-" + UUID.randomUUID() + "@example.org";
      Api.Reply created =
          api.post(
              "/api/v1/records",
              admin(),
              "{\"ins\":"
                  + People.ins(People.newNir())
                  + ",\"traits\":"
                  + People.marie()
                  + ",\"contact\":{\"email\":\""
                  + email
                  + "\"},\"open\":true}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      emails.add(email);
      records.add(created.json().getString("id"));
    }
    await(
        () -> records.stream().allMatch(id -> undelivered(id) == 0),
        "every opening notification delivered");
    // Both jobs poll every half second: give a second sender every chance to send it again.
    Thread.sleep(CarnetServer.NOTIFICATION_WINDOW.toMillis() + 2000);
    for (String email : emails) {
      assertThat(to(email)).as("messages to " + email).hasSize(1);
    }
  }

  @Test
  void bothLifecycleJobsTogetherOpenEachRecordOnceWithOneTraceAndOneMessage() throws Exception {
    List<String> emails = new ArrayList<>();
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 10 * LIFECYCLE_BATCH; i++) {
      String email = "window-" + UUID.randomUUID() + "@example.org";
      Api.Reply created =
          api.post(
              "/api/v1/records",
              admin(),
              "{\"ins\":"
                  + People.ins(People.newNir())
                  + ",\"traits\":"
                  + People.marie()
                  + ",\"contact\":{\"email\":\""
                  + email
                  + "\"},\"open\":false}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      assertThat(created.json().getString("state")).isEqualTo("PENDING");
      emails.add(email);
      records.add(created.json().getString("id"));
    }
    // Their windows end now, all at once: both jobs, every second, claim from the same batch.
    try (Connection connection = cluster.database().superuserConnection();
        PreparedStatement ended =
            connection.prepareStatement(
                "update record set opposition_deadline = now() - interval '1 second'"
                    + " where id = any (?::uuid[])")) {
      ended.setArray(1, connection.createArrayOf("text", records.toArray()));
      assertThat(ended.executeUpdate()).isEqualTo(records.size());
    }
    await(
        () -> records.stream().allMatch(id -> "OPEN".equals(state(id))),
        "every record opened by the lifecycle jobs");
    await(
        () -> records.stream().allMatch(id -> undelivered(id) == 0),
        "every message of these records delivered");
    // Give a second job every chance to open or tell again.
    Thread.sleep(3000);
    for (int i = 0; i < records.size(); i++) {
      String record = records.get(i);
      assertThat(
              count(
                  record,
                  "select count(*) from trace where record_id = ?::uuid"
                      + " and action = 'RECORD_OPEN_AT_WINDOW_END'"))
          .as("opening traces of " + record)
          .isEqualTo(1);
      assertThat(
              count(
                  record,
                  "select count(*) from notification where record_id = ?::uuid"
                      + " and kind = 'ACCOUNT_STATE'"))
          .as("opening messages queued for " + record)
          .isEqualTo(1);
      long queued = count(record, "select count(*) from notification where record_id = ?::uuid");
      // The notification window folds a record's messages into one mail: never more than queued.
      assertThat(to(emails.get(i)))
          .as("messages to " + emails.get(i))
          .hasSizeBetween(1, (int) queued);
    }
    System.out.printf(
        "Lifecycle jobs: %d records opened; instance a's log says it opened some: %s, b's: %s%n",
        records.size(), openedSome(0), openedSome(1));
  }

  private boolean openedSome(int instance) {
    try {
      return Files.readString(cluster.serverLog(instance), java.nio.charset.StandardCharsets.UTF_8)
          .contains("opened at their window's end");
    } catch (IOException e) {
      return false;
    }
  }

  private String state(String record) {
    try (Connection connection = cluster.database().superuserConnection();
        PreparedStatement query =
            connection.prepareStatement("select state from record where id = ?::uuid")) {
      query.setString(1, record);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long count(String record, String sql) {
    try (Connection connection = cluster.database().superuserConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, record);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid NIR of a man born in January 1990, in a range of this test's own. */
  private static String nir(int range, int serial) {
    String thirteen = String.format("19001%02d%06d", range, serial);
    int key =
        97 - new java.math.BigInteger(thirteen).mod(java.math.BigInteger.valueOf(97)).intValue();
    return thirteen + String.format("%02d", key);
  }

  /**
   * A bulk enrolment started on instance a, a killed with SIGKILL in the middle of the file, and
   * restarted through b: b refuses while a's lease runs, then takes it over from the restart point
   * committed in the database (b's batch repository never knew a's execution), and the file ends
   * with exactly its records, each traced once, none twice.
   */
  @Test
  @Order(Integer.MAX_VALUE - 3)
  void aBulkEnrolmentWhoseInstanceWasKilledIsResumedThroughTheOtherWithoutDuplicates()
      throws Exception {
    int lines = 100_000;
    StringBuilder csv =
        new StringBuilder(
            "insNumber,insOid,birthName,firstNames,birthDate,sex,birthPlace,email,phone\n");
    for (int i = 1; i <= lines; i++) {
      csv.append(nir(20, i))
          .append(',')
          .append(People.NIR_OID)
          .append(",DURAND,JEAN,1990-01-15,M,75056,,\n");
    }
    Api.Reply started =
        instances[0].send("POST", "/api/v1/enrolments", admin(), "text/csv", csv.toString());
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    assertThat(instance(started)).isEqualTo("a");
    String location = URI.create(started.header("Location").orElseThrow()).getPath();
    String enrolment = started.json().getString("id");
    await(
        () -> {
          Api.Reply progress = instances[0].get(location, admin());
          return progress.status() == 200 && progress.json().getJsonNumber("done").longValue() > 0;
        },
        "the enrolment under way on a");

    cluster.kill(0);
    Instant killed = Instant.now();
    long committed =
        count(enrolment, "select sum(done) + 1 from enrolment_lane where enrolment_id = ?::uuid");
    assertThat(committed).as("the kill came in the middle of the file").isBetween(2L, (long) lines);

    assertThat(owner(enrolment)).isEqualTo("a");

    // b knows it from the database alone; while a's lease runs, b will not start it twice.
    Api.Reply seen = instances[1].get(location, admin());
    assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
    assertThat(seen.json().getJsonNumber("done").longValue()).isEqualTo(committed - 1);
    Api.Reply refused = instances[1].post(location + "/restart", admin(), "");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.body()).contains("LIFECYCLE_TRANSITION_INVALID").contains("instance a");
    assertThat(Duration.between(killed, Instant.now()))
        .as("refused within the lease")
        .isLessThan(ENROLMENT_LEASE);
    Api.Reply restarted;
    int refusals = 1;
    while (true) {
      restarted = instances[1].post(location + "/restart", admin(), "");
      if (restarted.status() != 409) {
        break;
      }
      refusals++;
      assertThat(Duration.between(killed, Instant.now()))
          .as("b takes over once the lease has lapsed: " + restarted)
          .isLessThan(ENROLMENT_LEASE.plusSeconds(20));
      Thread.sleep(500);
    }
    assertThat(restarted.status()).as(restarted.toString()).isEqualTo(200);
    assertThat(instance(restarted)).isEqualTo("b");
    Duration takeover = Duration.between(killed, Instant.now());
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    JsonObject done;
    while (true) {
      Api.Reply progress = instances[1].get(location, admin());
      assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
      done = progress.json();
      assertThat(done.getString("status")).isNotIn("FAILED", "ABANDONED");
      if (done.getString("status").equals("COMPLETED")) {
        break;
      }
      assertThat(Instant.now()).as("enrolment completed in time: " + done).isBefore(deadline);
      Thread.sleep(200);
    }
    System.out.printf(
        "Enrolment taken over: a killed at line %d of %d, b refused %d times, took over %.1f s"
            + " after the kill (lease %s)%n",
        committed, lines, refusals, takeover.toMillis() / 1000.0, ENROLMENT_LEASE);

    assertThat(done.getJsonNumber("done").longValue()).isEqualTo(lines + 1);
    assertThat(done.getJsonNumber("created").longValue()).isEqualTo(lines);
    assertThat(done.getJsonNumber("rejectedCount").longValue()).isZero();
    assertThat(owner(enrolment)).isEqualTo("b");
    try (Connection connection = cluster.database().superuserConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select (select count(*) from identity where ins_number like ?),"
                    + " (select count(distinct ins_number) from identity where ins_number like ?),"
                    + " (select count(*) from record r join identity i on i.record_id = r.id"
                    + "  where i.ins_number like ?),"
                    + " (select count(*) from trace where detail = ? and action = 'RECORD_CREATE'),"
                    + " (select count(distinct t.record_id) from trace t join identity i"
                    + "  on i.record_id = t.record_id where t.detail = ?"
                    + "  and t.action = 'RECORD_CREATE' and i.ins_number like ?)")) {
      String range = "1900120%";
      query.setString(1, range);
      query.setString(2, range);
      query.setString(3, range);
      query.setString(4, "enrolment " + enrolment);
      query.setString(5, "enrolment " + enrolment);
      query.setString(6, range);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        assertThat(row.getLong(1)).as("identities").isEqualTo(lines);
        assertThat(row.getLong(2)).as("distinct INS").isEqualTo(lines);
        assertThat(row.getLong(3)).as("records").isEqualTo(lines);
        assertThat(row.getLong(4)).as("traces of the enrolment").isEqualTo(lines);
        assertThat(row.getLong(5)).as("records traced").isEqualTo(lines);
      }
    }

    // a comes back, and reports the enrolment b completed from the database.
    cluster.restart(0);
    await(
        () -> instance(api.get("/fhir/metadata", null)).equals("a"),
        "instance a serving again through HAProxy");
    Api.Reply onA = instances[0].get(location, admin());
    assertThat(onA.status()).as(onA.toString()).isEqualTo(200);
    assertThat(onA.json().getString("status")).isEqualTo("COMPLETED");
    Api.Reply again = instances[0].post(location + "/restart", admin(), "");
    assertThat(again.status()).as(again.toString()).isEqualTo(409);
  }

  private String owner(String enrolment) {
    try (Connection connection = cluster.database().superuserConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select owner_instance from enrolment where id = ?::uuid")) {
      query.setString(1, enrolment);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * PostgreSQL restarted (fast shutdown: every connection cut) under push load through HAProxy: the
   * pushes caught answer 503 with Retry-After, never 500; the service comes back by itself; every
   * acknowledged push reads back with its hash and has its trace.
   */
  @Test
  @Order(Integer.MAX_VALUE - 2)
  void postgresqlRestartedUnderPushLoadIsA503ToRetryAndNoAcknowledgedPushIsLost() throws Exception {
    String gp = tokens.mint("professional");
    String nir = People.newNir();
    Api.Reply created = api.post("/api/v1/records", admin(), People.createBody(nir, true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String recordId = created.json().getString("id");
    String record = "/api/v1/records/" + recordId;
    assertThat(api.post(record + "/agreements", gp, "{\"mode\":\"NORMAL\"}").status())
        .isEqualTo(201);

    Map<String, String> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
    List<Instant> acknowledgedAt = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger unavailable =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger attempts =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean running =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Thread> pushers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread pusher =
          new Thread(
              () -> {
                while (running.get()) {
                  byte[] content = Documents.pdf(1_000);
                  String body =
                      Documents.lab(Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", content);
                  for (int attempt = 0; attempt < 40 && running.get(); attempt++) {
                    attempts.incrementAndGet();
                    Api.Reply pushed;
                    try {
                      pushed = api.post(PUSH, gp, body);
                    } catch (UncheckedIOException lost) {
                      unexpected.add("connection lost: " + lost);
                      break;
                    }
                    if (pushed.status() == 201 || pushed.status() == 200) {
                      acknowledged.put(pushed.json().getString("id"), sha256(content));
                      acknowledgedAt.add(Instant.now());
                      break;
                    }
                    if (pushed.status() == 503
                        && pushed.body().contains("DATABASE_UNAVAILABLE")
                        && pushed.header("Retry-After").isPresent()) {
                      unavailable.incrementAndGet();
                      sleepQuietly(200);
                      continue;
                    }
                    unexpected.add(pushed.toString());
                    break;
                  }
                }
              });
      pusher.start();
      pushers.add(pusher);
    }
    Thread.sleep(3000);
    Instant down = Instant.now();
    Instant up = cluster.restartDatabase();
    Thread.sleep(8000);
    running.set(false);
    for (Thread pusher : pushers) {
      pusher.join(60_000);
    }
    Instant firstBack =
        acknowledgedAt.stream().filter(at -> at.isAfter(up)).min(Instant::compareTo).orElse(null);
    System.out.printf(
        "PostgreSQL restarted under push load: %d attempts, %d acknowledged, %d answered 503"
            + " DATABASE_UNAVAILABLE; down %.1f s (stop and start), first push acknowledged"
            + " %.1f s after it accepted connections again%n",
        attempts.get(),
        acknowledged.size(),
        unavailable.get(),
        Duration.between(down, up).toMillis() / 1000.0,
        firstBack == null ? Double.NaN : Duration.between(up, firstBack).toMillis() / 1000.0);

    assertThat(unexpected).as("answers other than 2xx and 503 DATABASE_UNAVAILABLE").isEmpty();
    assertThat(firstBack)
        .as("a push acknowledged after the restart, without any action")
        .isNotNull();
    assertThat(Duration.between(up, firstBack)).isLessThan(Duration.ofSeconds(8));
    // Every acknowledged push reads back with its hash, and has its trace.
    for (Map.Entry<String, String> document : acknowledged.entrySet()) {
      Api.Reply read = api.get(record + "/documents/" + document.getKey(), gp);
      assertThat(read.status()).as(read.toString()).isEqualTo(200);
      assertThat(read.json().getString("hash")).isEqualTo(document.getValue());
    }
    try (Connection connection = cluster.database().superuserConnection();
        PreparedStatement traced =
            connection.prepareStatement(
                "select count(distinct document_id) from trace where record_id = ?::uuid"
                    + " and action = 'DOCUMENT_PUBLISH' and outcome = 'PERMIT'"
                    + " and document_id = any (?::uuid[])")) {
      traced.setString(1, recordId);
      traced.setArray(2, connection.createArrayOf("text", acknowledged.keySet().toArray()));
      try (ResultSet rows = traced.executeQuery()) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(acknowledged.size());
      }
    }
  }

  /**
   * After the other tests' loads through both instances (and before the kill), the trail's hash
   * chains and its Merkle tree verify, asked of each instance: traces written by two writers.
   */
  @Test
  @Order(Integer.MAX_VALUE - 1)
  void theTrailWrittenByBothInstancesVerifiesOnEach() throws Exception {
    String auditor = tokens.mint("auditor");
    // Some traces from each instance for sure, then a head that covers them.
    for (Api instance : instances) {
      String nir = People.newNir();
      Api.Reply created = instance.post("/api/v1/records", admin(), People.createBody(nir, true));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }
    await(
        () -> {
          Api.Reply head = api.post("/api/v1/audit/tree-heads", auditor, "");
          return head.status() == 200;
        },
        "a tree head published");
    for (Api instance : instances) {
      Api.Reply check = instance.get("/api/v1/audit/integrity?full=true", auditor);
      assertThat(check.status()).as(check.toString()).isEqualTo(200);
      assertThat(check.json().getBoolean("verified")).as(check.body()).isTrue();
      assertThat(check.json().getJsonObject("tree").getBoolean("verified"))
          .as(check.body())
          .isTrue();
    }
  }

  /** Last: it kills an instance. */
  @Test
  @Order(Integer.MAX_VALUE)
  void anInstanceKilledUnderPushLoadIsTakenOutNoAcknowledgedPushIsLostAndItRejoins()
      throws Exception {
    String gp = tokens.mint("professional");
    String nir = People.newNir();
    Api.Reply created = api.post("/api/v1/records", admin(), People.createBody(nir, true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String record = "/api/v1/records/" + created.json().getString("id");
    assertThat(api.post(record + "/agreements", gp, "{\"mode\":\"NORMAL\"}").status())
        .isEqualTo(201);

    // A console session on each instance, before the kill.
    Map<String, ConsoleClient> consoles = consoleSessionOnEachInstance();
    String deadViewState = ConsoleClient.viewState(consoles.get("b").get("/console/index.xhtml"));

    Map<String, byte[]> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, Integer> served = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicBoolean running =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicInteger retried =
        new java.util.concurrent.atomic.AtomicInteger();
    List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread pusher =
        new Thread(
            () -> {
              while (running.get()) {
                byte[] content = Documents.pdf(2_000);
                String body =
                    Documents.lab(Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", content);
                // The client retries the idempotent push (same uniqueId, same body) until it is
                // acknowledged: 201, or 200 if the lost attempt had in fact been stored.
                for (int attempt = 0; attempt < 20; attempt++) {
                  try {
                    Api.Reply pushed = api.post(PUSH, gp, body);
                    if (pushed.status() == 201 || pushed.status() == 200) {
                      acknowledged.put(pushed.json().getString("id"), content);
                      served.merge(instance(pushed), 1, Integer::sum);
                      break;
                    }
                    if (pushed.status() < 502 || pushed.status() > 504) {
                      unexpected.add(pushed.toString());
                      break;
                    }
                  } catch (UncheckedIOException lost) {
                    // The connection died with the instance: try again.
                  }
                  retried.incrementAndGet();
                  sleepQuietly(250);
                }
                sleepQuietly(100);
              }
            });
    pusher.start();
    Thread.sleep(3000);
    cluster.kill(1);
    Map<String, Integer> beforeKill = new TreeMap<>(served);
    Thread.sleep(6000);
    served.clear();
    Thread.sleep(3000);
    running.set(false);
    pusher.join(60_000);
    Map<String, Integer> afterTakenOut = new TreeMap<>(served);

    assertThat(unexpected).as("answers other than 2xx and 502-504").isEmpty();
    assertThat(beforeKill).as("before the kill: " + beforeKill).containsKeys("a", "b");
    assertThat(afterTakenOut)
        .as("once HAProxy took b out: " + afterTakenOut + " (retries " + retried + ")")
        .containsOnlyKeys("a");
    // Every acknowledged push is there, with its bytes.
    assertThat(acknowledged).hasSizeGreaterThan(5);
    for (Map.Entry<String, byte[]> document : acknowledged.entrySet()) {
      assertThat(api.get(record + "/documents/" + document.getKey(), gp).status()).isEqualTo(200);
      Api.Reply content = api.get(record + "/documents/" + document.getKey() + "/content", gp);
      assertThat(content.status()).as(content.toString()).isEqualTo(200);
      assertThat(content.body())
          .isEqualTo(new String(document.getValue(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    // The console: a's session did not notice b's loss (sticky); b's session, sent to a, is asked
    // to log in again with a word of why, and a form of its dead view is no error either.
    HttpResponse<String> stillIn = consoles.get("a").get("/console/index.xhtml");
    assertThat(stillIn.statusCode()).as(stillIn.body()).isEqualTo(200);
    assertThat(stillIn.headers().firstValue("X-Carnet-Instance")).contains("a");
    HttpResponse<String> failedOver = consoles.get("b").get("/console/index.xhtml");
    assertThat(failedOver.statusCode()).as(failedOver.body()).isEqualTo(302);
    assertThat(failedOver.headers().firstValue("Location").orElse(""))
        .endsWith("/console/login.xhtml");
    HttpResponse<String> login = consoles.get("b").get("/console/login.xhtml");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.headers().firstValue("X-Carnet-Instance")).contains("a");
    assertThat(login.body()).contains("Votre session a pris fin");
    HttpResponse<String> deadForm =
        consoles
            .get("b")
            .post(
                "/console/index.xhtml",
                "application/x-www-form-urlencoded",
                "logout=logout&logout%3Asubmit=x&jakarta.faces.ViewState="
                    + java.net.URLEncoder.encode(
                        deadViewState, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(deadForm.statusCode()).as(deadForm.body()).isIn(200, 302, 303);
    assertThat(deadForm.body()).doesNotContain("ViewExpired").doesNotContain("Exception");
    if (deadForm.statusCode() != 200) {
      assertThat(deadForm.headers().firstValue("Location").orElse(""))
          .endsWith("/console/login.xhtml");
    }

    // The killed instance starts again and HAProxy sends it requests again.
    cluster.restart(1);
    await(
        () -> instance(api.get("/fhir/metadata", null)).equals("b"),
        "instance b serving again through HAProxy");
  }

  /**
   * Logs the first administrator in through HAProxy until a session lives on each instance (its
   * cookie sticks it to the instance of its first answer); the first login changes the drawn
   * password, as the console requires.
   */
  private Map<String, ConsoleClient> consoleSessionOnEachInstance() throws Exception {
    Map<String, ConsoleClient> sessions = new TreeMap<>();
    Path drawn =
        CarnetServer.adminPasswordFile(
            Path.of(System.getProperty("carnet.e2e.cluster.dir", "target/e2e-cluster")));
    for (int i = 0; i < 12 && sessions.size() < 2; i++) {
      ConsoleClient console = new ConsoleClient(cluster.baseUrl());
      if (consolePassword == null) {
        String first = Files.readString(drawn).strip();
        assertThat(console.login("admin", first).statusCode()).isEqualTo(302);
        HttpResponse<String> changed = console.changePassword(first, CONSOLE_PASSWORD);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);
        consolePassword = CONSOLE_PASSWORD;
      } else {
        HttpResponse<String> in = console.login("admin", consolePassword);
        assertThat(in.statusCode()).as(in.body()).isEqualTo(302);
      }
      HttpResponse<String> home = console.get("/console/index.xhtml");
      assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
      sessions.putIfAbsent(home.headers().firstValue("X-Carnet-Instance").orElse("none"), console);
    }
    assertThat(sessions).containsKeys("a", "b");
    return sessions;
  }

  private static String sha256(byte[] content) {
    try {
      return Documents.sha256(content);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long undelivered(String record) {
    try (Connection connection = cluster.database().superuserConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select count(*) filter (where delivered_at is null), count(*) from notification"
                    + " where record_id = ?::uuid and channel = 'EMAIL'")) {
      query.setString(1, record);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        // Nothing queued yet counts as not delivered.
        return rows.getLong(2) == 0 ? 1 : rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<MimeMessage> to(String recipient) {
    List<MimeMessage> messages = new ArrayList<>();
    for (MimeMessage message : mailServer.getReceivedMessages()) {
      try {
        if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
          messages.add(message);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return messages;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Waited " + PATIENCE + " for " + what);
      }
      Thread.sleep(200);
    }
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
