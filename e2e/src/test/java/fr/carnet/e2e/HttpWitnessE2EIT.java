package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import fr.carnet.audit.model.TraceTree;
import fr.carnet.audit.model.TreeHeadSignature;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The optional second witness, run by another party: every signed head reaches it as the very line
 * the witness file got, with the witness's own token; a witness that is down or refuses never costs
 * a head (the file keeps it and the check holds), and it is served again once it is back.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpWitnessE2EIT {

  private record Received(String authorization, String body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger answer = new AtomicInteger(204);

  private CarnetServer carnet;
  private Api api;
  private String auditor;
  private PublicKey key;
  private HttpServer witness;

  @BeforeAll
  void start(CarnetServer carnet) throws Exception {
    this.carnet = carnet;
    this.api = carnet.api();
    this.auditor = carnet.token("auditor");
    Api.Reply keyReply = api.get("/api/v1/audit/tree-heads/key", auditor);
    assertThat(keyReply.status()).as(keyReply.toString()).isEqualTo(200);
    this.key = TreeHeadSignature.publicKey(keyReply.json().getString("publicKey"));
    witness =
        HttpServer.create(new InetSocketAddress("127.0.0.1", CarnetServer.treeWitnessPort()), 0);
    witness.createContext(
        "/heads",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = answer.get();
          if (status / 100 == 2) {
            received.add(
                new Received(exchange.getRequestHeaders().getFirst("Authorization"), body));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    witness.start();
  }

  @AfterAll
  void stop() {
    witness.stop(0);
  }

  /**
   * A head published now, larger than every head the file held before (another instance's signer,
   * or this one's own schedule, may hold the lock for a moment: then try again).
   */
  private long publishNow() throws Exception {
    long before = lastFileSize();
    for (int attempt = 0; attempt < 10; attempt++) {
      // A traced read first, so that the tree has grown since the last head.
      assertThat(api.get("/api/v1/audit/tree-heads", auditor).status()).isIn(200, 404);
      Api.Reply head = api.post("/api/v1/audit/tree-heads", auditor, "");
      assertThat(head.status()).as(head.toString()).isEqualTo(200);
      long size = head.json().getJsonNumber("size").longValue();
      if (size > before) {
        return size;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("no head larger than " + before + " was published");
  }

  private long lastFileSize() throws Exception {
    if (!Files.exists(carnet.server().treeWitnessFile())) {
      return 0; // no head signed yet in this run
    }
    return Files.readAllLines(carnet.server().treeWitnessFile()).stream()
        .filter(line -> !line.isBlank())
        .mapToLong(line -> parse(line).getJsonNumber("size").longValue())
        .max()
        .orElse(0);
  }

  private String fileLine(long size) throws Exception {
    return Files.readAllLines(carnet.server().treeWitnessFile()).stream()
        .filter(line -> !line.isBlank() && parse(line).getJsonNumber("size").longValue() == size)
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no line of size " + size + " in the file"));
  }

  private Received awaitReceived(long size) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      for (Received r : received) {
        if (parse(r.body()).getJsonNumber("size").longValue() == size) {
          return r;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the HTTP witness never received the head of size " + size);
  }

  private static JsonObject parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  @Test
  void everyHeadReachesTheWitnessAsTheFilesOwnLineWithItsToken() throws Exception {
    long size = publishNow();
    Received got = awaitReceived(size);
    assertThat(got.authorization()).isEqualTo("Bearer " + CarnetServer.TREE_WITNESS_TOKEN);
    assertThat(got.body()).isEqualTo(fileLine(size));
    JsonObject line = parse(got.body());
    TraceTree.SignedHead head =
        new TraceTree.SignedHead(
            size,
            HexFormat.of().parseHex(line.getString("root")),
            Instant.parse(line.getString("timestamp")),
            Base64.getDecoder().decode(line.getString("signature")),
            line.getString("keyId"));
    assertThat(TreeHeadSignature.verify(key, head)).as("signed by the tree's key").isTrue();
  }

  @Test
  void aWitnessThatRefusesCostsNoHeadAndIsServedAgainOnceBack() throws Exception {
    answer.set(503);
    long missed = publishNow();
    // The file has it, and the trail still verifies whole.
    assertThat(parse(fileLine(missed)).getJsonNumber("size").longValue()).isEqualTo(missed);
    Api.Reply check = api.get("/api/v1/audit/integrity?full=true", auditor);
    assertThat(check.status()).as(check.toString()).isEqualTo(200);
    assertThat(check.json().getJsonObject("tree").getBoolean("verified"))
        .as(check.toString())
        .isTrue();
    assertThat(received)
        .noneMatch(r -> parse(r.body()).getJsonNumber("size").longValue() == missed);

    answer.set(204);
    long next = publishNow();
    JsonObject line = parse(awaitReceived(next).body());
    // Its proof runs from the head the file holds before it (the one the witness missed, or one
    // the schedule signed since), so that the witness can still check that the tree only grew.
    long from = line.getJsonNumber("from").longValue();
    assertThat(from).isBetween(missed, next - 1);
    assertThat(fileLine(from)).isNotBlank();
  }
}
