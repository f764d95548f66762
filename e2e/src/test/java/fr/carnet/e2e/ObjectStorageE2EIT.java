package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Contents in an S3-compatible object store: a Carnet server of its own, configured with {@code
 * carnet.content.store=s3}, against a real S3 server (s3proxy on its file-system back end, in a
 * folder the test reads to see the objects at rest), which the test stops and starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObjectStorageE2EIT {

  private static final String PUSH = "/api/v1/documents";
  private static final String BUCKET = "carnet-e2e";
  private static final String ACCESS_KEY = "carnet-e2e-access";
  private static final String SECRET_KEY = "carnet-e2e-secret-" + UUID.randomUUID();
  private static final Duration SWEEP_GRACE = Duration.ofSeconds(3);

  private final int base = Integer.getInteger("carnet.e2e.port", 18080);
  // Its own block of ports: the Payara domain's from base (HTTP at base + 80), s3proxy's above.
  private final int s3Port = base + 190;
  private Path folder;
  private Path objectsFolder;
  private BlobStoreContext blobs;
  private S3Proxy s3;
  private DevServer server;
  private DevTokens tokens;
  private Api api;
  private String admin;
  private String gp;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    folder = Path.of(System.getProperty("carnet.e2e.dir", "target/e2e") + "-objects");
    objectsFolder = folder.toAbsolutePath().resolve("s3");
    // A new bucket with the new database: objects of an earlier run would be nobody's.
    if (Files.exists(folder)) {
      try (Stream<Path> paths = Files.walk(folder)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(objectsFolder);
    Properties filesystem = new Properties();
    filesystem.setProperty("jclouds.filesystem.basedir", objectsFolder.toString());
    blobs =
        ContextBuilder.newBuilder("filesystem")
            .credentials(ACCESS_KEY, SECRET_KEY)
            .overrides(filesystem)
            .build(BlobStoreContext.class);
    blobs.getBlobStore().createContainerInLocation(null, BUCKET);
    startS3();
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("CARNET_ADMIN_PASSWORD_FILE", folder.toAbsolutePath().resolve("admin").toString());
    settings.put("CARNET_CONTENT_STORE", "s3");
    settings.put("CARNET_CONTENT_S3_ENDPOINT", "http://127.0.0.1:" + s3Port);
    settings.put("CARNET_CONTENT_S3_BUCKET", BUCKET);
    settings.put("CARNET_CONTENT_S3_ACCESS_KEY", ACCESS_KEY);
    settings.put("CARNET_CONTENT_S3_SECRET_KEY", SECRET_KEY);
    settings.put("CARNET_CONTENT_S3_TIMEOUT", "PT2S");
    settings.put("CARNET_CONTENT_MASTER_KEY", Base64.getEncoder().encodeToString(master));
    settings.put("CARNET_CONTENT_SWEEP_INTERVAL", "PT1S");
    settings.put("CARNET_CONTENT_SWEEP_GRACE", SWEEP_GRACE.toString());
    server =
        DevServer.start(
            Path.of(System.getProperty("payara.home")),
            "e2e-objects-" + base,
            Path.of(System.getProperty("carnet.ear")),
            folder,
            base + 80,
            0,
            false,
            settings,
            true);
    tokens = new DevTokens(server.keys().privateKey());
    api = new Api(server.baseUrl());
    admin = tokens.mint("admin");
    gp = tokens.mint("professional");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    stopS3();
    if (blobs != null) {
      blobs.close();
    }
  }

  private void startS3() throws Exception {
    s3 =
        S3Proxy.builder()
            .blobStore(blobs.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + s3Port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    s3.start();
    await(() -> "STARTED".equals(s3.getState()), "s3proxy starts");
  }

  private void stopS3() {
    if (s3 != null) {
      try {
        s3.stop();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      s3 = null;
    }
  }

  @Test
  @Order(1)
  void aPushIsStoredAsAnObjectAndReadBackWithItsHash() throws Exception {
    Person person = new Person();
    Set<String> before = objects();
    // More than one segment of the object and one chunk of the database store.
    byte[] content = Documents.pdf(300_000);

    Api.Reply pushed = api.post(PUSH, gp, person.push(Documents.uniqueId(), content));

    assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
    String documentId = pushed.json().getString("id");
    assertThat(pushed.json().getString("hash")).isEqualTo(Documents.sha256(content));
    byte[] read = content(person, documentId);
    assertThat(read).isEqualTo(content);
    assertThat(Documents.sha256(read)).isEqualTo(pushed.json().getString("hash"));
    Set<String> added = difference(objects(), before);
    assertThat(added).hasSize(1);
    assertThat(added.iterator().next()).isEqualTo(objectKey(documentId));
  }

  @Test
  @Order(2)
  void theObjectsKeySaysNothingOfThePatientAndItsBytesAreNotTheContent() throws Exception {
    Person person = new Person();
    byte[] content = Documents.pdf(70_000);
    String documentId =
        api.post(PUSH, gp, person.push(Documents.uniqueId(), content)).json().getString("id");

    String key = objectKey(documentId);

    // A random UUID: not the NIR, the record's id or the document's id, nor made of them.
    assertThat(UUID.fromString(key).version()).isEqualTo(4);
    assertThat(key)
        .doesNotContain(person.nir)
        .doesNotContain(person.id)
        .doesNotContain(documentId)
        .isNotEqualTo(person.id)
        .isNotEqualTo(documentId);
    byte[] atRest = Files.readAllBytes(objectsFolder.resolve(BUCKET).resolve(key));
    String asText = new String(atRest, StandardCharsets.ISO_8859_1);
    assertThat(atRest.length).isGreaterThan(content.length);
    assertThat(asText).doesNotContain("%PDF").doesNotContain("xxxxxxxx").doesNotContain(person.nir);
  }

  @Test
  @Order(3)
  void anObjectNoDocumentCarriesIsSwept() throws Exception {
    Person person = new Person();
    byte[] content = Documents.pdf(5_000);
    String push = person.push(Documents.uniqueId(), content);
    String documentId = api.post(PUSH, gp, push).json().getString("id");
    // An object put by a push that never committed: registered as pending, then lost.
    String crashed = UUID.randomUUID().toString();
    sql(
        "insert into content_object_pending (object_key, record_id, created_at)"
            + " values (?::uuid, ?::uuid, now())",
        crashed,
        person.id);
    Files.write(objectsFolder.resolve(BUCKET).resolve(crashed), new byte[] {1, 2, 3});

    // The same push again: answered with its document; the object it put is carried by none.
    Api.Reply replayed = api.post(PUSH, gp, push);

    assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
    assertThat(replayed.json().getString("id")).isEqualTo(documentId);
    await(
        () -> count("select count(*) from content_object_pending") == 0,
        "the sweep empties the pending objects");
    Set<String> carried = carriedObjects();
    assertThat(objects()).isEqualTo(carried).doesNotContain(crashed);
    assertThat(content(person, documentId)).isEqualTo(content);
  }

  @Test
  @Order(4)
  void withTheStoreDownAPushIsA503AndNothingIsFiled() throws Exception {
    Person person = new Person();
    long documents = count("select count(*) from document");
    byte[] content = Documents.pdf(4_000);
    String push = person.push(Documents.uniqueId(), content);
    stopS3();
    Api.Reply refused;
    try {
      refused = api.post(PUSH, gp, push);
    } finally {
      startS3();
    }

    assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.code()).isEqualTo("CONTENT_STORE_UNAVAILABLE");
    assertThat(refused.header("Retry-After"))
        .hasValueSatisfying(s -> assertThat(s).matches("\\d+"));
    assertThat(count("select count(*) from document")).isEqualTo(documents);
    assertThat(
            api.get("/api/v1/records/" + person.id + "/documents", person.patient)
                .json()
                .getJsonArray("items"))
        .isEmpty();
    // The store back, the same push is filed.
    Api.Reply retried = api.post(PUSH, gp, push);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    assertThat(content(person, retried.json().getString("id"))).isEqualTo(content);
  }

  @Test
  @Order(5)
  void aPurgeDestroysTheRecordsKeyAndItsObjectsGo() throws Exception {
    Person person = new Person();
    byte[] content = Documents.pdf(20_000);
    String documentId =
        api.post(PUSH, gp, person.push(Documents.uniqueId(), content)).json().getString("id");
    String key = objectKey(documentId);
    // A copy of the object, as a backup of the bucket would keep it.
    byte[] backup = Files.readAllBytes(objectsFolder.resolve(BUCKET).resolve(key));
    assertThat(
            count("select count(*) from record_content_key where record_id = ?::uuid", person.id))
        .isEqualTo(1);

    String agentA = tokens.mint("agent", Map.of("sub", "agent-a-" + People.letters(6)), 10);
    String agentB = tokens.mint("agent", Map.of("sub", "agent-b-" + People.letters(6)), 10);
    Api.Reply asked = api.post(person.path("/closure"), agentA, "{\"deleteNow\":true}");
    assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
    String request = asked.json().getJsonObject("deletionRequest").getString("id");
    Api.Reply approved =
        api.post(person.path("/deletion-requests/" + request + "/approval"), agentB, "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().getString("state")).isEqualTo("PURGED");

    // The data key is gone with the purge's transaction: the backup's bytes can never be read.
    assertThat(
            count("select count(*) from record_content_key where record_id = ?::uuid", person.id))
        .isZero();
    assertThat(count("select count(*) from document_object where object_key = ?::uuid", key))
        .isZero();
    assertThat(backup).isNotEmpty();
    await(() -> !objects().contains(key), "the sweep removes the purged record's object");
  }

  @Test
  void aPendingObjectThatNamesNoRecordIsRefused() throws Exception {
    // V32: the sweep's rows name their record (Citus's distribution column), required of new rows.
    Person person = new Person();
    String named = UUID.randomUUID().toString();
    sql(
        "insert into content_object_pending (object_key, record_id, created_at)"
            + " values (?::uuid, ?::uuid, now())",
        named,
        person.id);

    SQLException refused = null;
    try {
      sql(
          "insert into content_object_pending (object_key, created_at) values (?::uuid, now())",
          UUID.randomUUID().toString());
    } catch (SQLException e) {
      refused = e;
    }

    assertThat(refused == null ? "accepted" : refused.getSQLState())
        .as("a pending row without its record")
        .isEqualTo("23514");
    assertThat(refused.getMessage()).contains("content_object_pending_names_its_record");
  }

  // ---- helpers ------------------------------------------------------------------------------

  private final class Person {
    final String nir = People.newNir();
    final String id;
    final String patient;

    Person() {
      Api.Reply created =
          api.post(
              "/api/v1/records",
              admin,
              "{\"ins\":"
                  + People.ins(nir)
                  + ",\"traits\":"
                  + People.marie()
                  + ",\"contact\":{\"email\":\"p-"
                  + UUID.randomUUID()
                  + "@example.org\"},\"open\":true}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      id = created.json().getString("id");
      patient = tokens.mint("patient", Map.of("ins", nir), 10);
    }

    String push(String uniqueId, byte[] content) {
      return Documents.lab(uniqueId, nir, "2026-11-20T09:30:00Z", content);
    }

    String path(String rest) {
      return "/api/v1/records/" + id + rest;
    }
  }

  private byte[] content(Person person, String documentId) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(api.base() + person.path("/documents/" + documentId + "/content")))
                .header("Authorization", "Bearer " + person.patient)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode())
        .as(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    return response.body();
  }

  /** The objects in the bucket, as the file-system back end keeps them (one file each). */
  private Set<String> objects() {
    try (Stream<Path> files = Files.list(objectsFolder.resolve(BUCKET))) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> difference(Set<String> after, Set<String> before) {
    return after.stream().filter(k -> !before.contains(k)).collect(Collectors.toSet());
  }

  private String objectKey(String documentId) throws SQLException {
    List<String> keys =
        strings(
            "select object_key::text from document_object where document_id = ?::uuid", documentId);
    assertThat(keys).hasSize(1);
    return keys.get(0);
  }

  private Set<String> carriedObjects() throws SQLException {
    return Set.copyOf(strings("select object_key::text from document_object"));
  }

  private Connection database() throws SQLException {
    Map<String, String> env = server.database().environment();
    return DriverManager.getConnection(
        env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
  }

  private long count(String sql, String... parameters) {
    try {
      return Long.parseLong(strings(sql, parameters).get(0));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> strings(String sql, String... parameters) throws SQLException {
    try (Connection connection = database();
        PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = query.executeQuery()) {
        List<String> values = new java.util.ArrayList<>();
        while (rows.next()) {
          values.add(rows.getString(1));
        }
        return values;
      }
    }
  }

  private void sql(String sql, String... parameters) throws SQLException {
    try (Connection connection = database();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
