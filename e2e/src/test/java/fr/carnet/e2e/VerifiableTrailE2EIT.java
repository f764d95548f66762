package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.audit.model.MerkleTree;
import fr.carnet.audit.model.TraceCanonicalForm;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The verifiable trail (issue 16): signed tree heads witnessed in a file outside the database that
 * verify with the public key alone, RFC 9162 proofs that verify with the tree's own verifiers, and
 * the full check, recomputing every leaf in Java, naming the position of a trace changed or deleted
 * behind Carnet's back, even when the database's own hash function is redefined.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifiableTrailE2EIT {

  private static final HexFormat HEX = HexFormat.of();

  private CarnetServer carnet;
  private Api api;
  private String auditor;
  private String gp;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.auditor = carnet.token("auditor");
    // A professional of this class's own, whose refusals add to no shared account's.
    this.gp = carnet.token("professional", Map.of("rpps", "10171717171"));
  }

  /** A record made and read a few times; answers the id of its creation's trace. */
  private long someAccesses() {
    String nir = People.newNir();
    Api.Reply created =
        api.post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String record = created.json().getString("id");
    String patient = carnet.token("patient", Map.of("ins", nir));
    api.get("/api/v1/records/" + record + "/documents", gp);
    api.get("/api/v1/records/" + record + "/access-history", patient);
    Api.Reply traces =
        api.get("/api/v1/audit/traces?action=RECORD_CREATE&record=" + record, auditor);
    assertThat(traces.status()).as(traces.toString()).isEqualTo(200);
    return traces.json().getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
  }

  /** The trace's inclusion proof, once the sequencer appended it and a head covers it. */
  private JsonObject inclusionOnceWitnessed(long traceId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      Api.Reply proof = api.get("/api/v1/audit/proofs/inclusion?trace=" + traceId, auditor);
      if (proof.status() == 200) {
        return proof.json();
      }
      assertThat(proof.status()).as(proof.toString()).isEqualTo(404);
      assertThat(Instant.now()).as("the trace is witnessed in time").isBefore(deadline);
      Thread.sleep(250);
    }
  }

  private PublicKey publicKey() throws Exception {
    Api.Reply key = api.get("/api/v1/audit/tree-heads/key", auditor);
    assertThat(key.status()).as(key.toString()).isEqualTo(200);
    assertThat(key.json().getString("algorithm")).isEqualTo("Ed25519");
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(
            new X509EncodedKeySpec(Base64.getDecoder().decode(key.json().getString("publicKey"))));
  }

  /** The witness file's heads, each checked here with the public key alone. */
  private List<JsonObject> witnessedHeads(PublicKey key) throws Exception {
    String keyId = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    List<JsonObject> heads = new ArrayList<>();
    for (String line : Files.readAllLines(carnet.server().treeWitnessFile())) {
      JsonObject head;
      try (JsonReader reader = Json.createReader(new StringReader(line))) {
        head = reader.readObject();
      }
      byte[] statement =
          ("carnet-tree-head:v1\n"
                  + head.getJsonNumber("size").longValue()
                  + "\n"
                  + head.getString("root")
                  + "\n"
                  + head.getString("timestamp"))
              .getBytes(StandardCharsets.UTF_8);
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(statement);
      assertThat(verifier.verify(Base64.getDecoder().decode(head.getString("signature"))))
          .as("witnessed head %s", line)
          .isTrue();
      assertThat(head.getString("keyId")).isEqualTo(keyId);
      heads.add(head);
    }
    return heads;
  }

  private static byte[] rootOf(List<JsonObject> heads, long size) {
    return heads.stream()
        .filter(h -> h.getJsonNumber("size").longValue() == size)
        .map(h -> HEX.parseHex(h.getString("root")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no witnessed head of size " + size));
  }

  private static List<byte[]> hashes(JsonObject json, String name) {
    return json.getJsonArray(name).getValuesAs(JsonString.class).stream()
        .map(s -> HEX.parseHex(s.getString()))
        .toList();
  }

  private JsonObject publishNow() {
    Api.Reply head = api.post("/api/v1/audit/tree-heads", auditor, "");
    assertThat(head.status()).as(head.toString()).isEqualTo(200);
    return head.json();
  }

  @Test
  void witnessedHeadsAndProofsVerifyWithThePublicKeyAlone() throws Exception {
    long traceId = someAccesses();
    JsonObject inclusion = inclusionOnceWitnessed(traceId);
    PublicKey key = publicKey();
    List<JsonObject> heads = witnessedHeads(key);
    assertThat(heads).isNotEmpty();

    long size = inclusion.getJsonNumber("size").longValue();
    long position = inclusion.getJsonNumber("position").longValue();
    byte[] witnessedRoot = rootOf(heads, size);
    assertThat(inclusion.getJsonObject("head").getString("root"))
        .isEqualTo(HEX.formatHex(witnessedRoot));
    byte[] leaf = HEX.parseHex(inclusion.getString("leafHash"));
    List<byte[]> path = hashes(inclusion, "proof");
    assertThat(MerkleTree.verifyInclusion(leaf, position, size, path, witnessedRoot)).isTrue();
    byte[] otherLeaf = leaf.clone();
    otherLeaf[3] ^= 1;
    assertThat(MerkleTree.verifyInclusion(otherLeaf, position, size, path, witnessedRoot))
        .isFalse();

    // More accesses, a head on demand, and the proof that the first head is its prefix.
    someAccesses();
    JsonObject later = publishNow();
    long laterSize = later.getJsonNumber("size").longValue();
    assertThat(laterSize).isGreaterThan(size);
    heads = witnessedHeads(key);
    Api.Reply consistency =
        api.get("/api/v1/audit/proofs/consistency?from=" + size + "&to=" + laterSize, auditor);
    assertThat(consistency.status()).as(consistency.toString()).isEqualTo(200);
    List<byte[]> proof = hashes(consistency.json(), "proof");
    assertThat(
            MerkleTree.verifyConsistency(
                size, laterSize, witnessedRoot, rootOf(heads, laterSize), proof))
        .isTrue();
    // The same trace proved in the later tree too.
    Api.Reply again =
        api.get("/api/v1/audit/proofs/inclusion?trace=" + traceId + "&size=" + laterSize, auditor);
    assertThat(
            MerkleTree.verifyInclusion(
                leaf, position, laterSize, hashes(again.json(), "proof"), rootOf(heads, laterSize)))
        .isTrue();

    Api.Reply latest = api.get("/api/v1/audit/tree-heads", auditor);
    assertThat(latest.json().getJsonNumber("size").longValue()).isGreaterThanOrEqualTo(laterSize);
    Api.Reply bySize = api.get("/api/v1/audit/tree-heads?size=" + size, auditor);
    assertThat(bySize.json().getString("root")).isEqualTo(HEX.formatHex(witnessedRoot));

    JsonObject full = api.get("/api/v1/audit/integrity?full=true", auditor).json();
    assertThat(full.getJsonObject("tree").getBoolean("verified")).as(full.toString()).isTrue();
    assertThat(full.getJsonObject("tree").getJsonNumber("witnessedSize").longValue())
        .isGreaterThanOrEqualTo(laterSize);
  }

  @Test
  void badRequestsAreRefusedWithStableCodesAndOnlyAuditorsAreAnswered() {
    for (String path :
        List.of(
            "/api/v1/audit/proofs/inclusion?trace=abc",
            "/api/v1/audit/proofs/inclusion",
            "/api/v1/audit/proofs/inclusion?trace=1&size=0",
            "/api/v1/audit/proofs/consistency?from=5&to=2",
            "/api/v1/audit/proofs/consistency?from=-1&to=2",
            "/api/v1/audit/tree-heads?size=x")) {
      Api.Reply reply = api.get(path, auditor);
      assertThat(reply.status()).as(path).isEqualTo(400);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      assertThat(reply.code()).as(path).isEqualTo("TREE_SIZE_INVALID");
    }
    for (String path :
        List.of(
            "/api/v1/audit/proofs/inclusion?trace=" + Long.MAX_VALUE,
            "/api/v1/audit/proofs/consistency?from=1&to=" + Long.MAX_VALUE,
            "/api/v1/audit/tree-heads?size=" + Long.MAX_VALUE)) {
      Api.Reply reply = api.get(path, auditor);
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.code()).as(path).isEqualTo("NOT_IN_TREE");
    }
    // Accounts of their own: these refusals make no burst of the shared dev accounts in the
    // anomaly reports other tests read.
    for (String role : List.of("professional", "patient", "agent", "admin")) {
      String token =
          role.equals("professional")
              ? carnet.token(role, Map.of("rpps", "10161616161"))
              : carnet.token(role, Map.of("sub", "tree-" + role));
      for (String path :
          List.of(
              "/api/v1/audit/tree-heads",
              "/api/v1/audit/tree-heads/key",
              "/api/v1/audit/proofs/inclusion?trace=1",
              "/api/v1/audit/proofs/consistency?from=1&to=1")) {
        Api.Reply reply = api.get(path, token);
        assertThat(reply.status()).as(role + " " + path).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("FORBIDDEN");
      }
      assertThat(api.post("/api/v1/audit/tree-heads", token, "").status()).isEqualTo(403);
    }
    // Refusals and reads are traced like every other audit action.
    Api.Reply traced = api.get("/api/v1/audit/traces?action=AUDIT_PROOF&limit=200", auditor);
    assertThat(traced.json().getJsonArray("items").getValuesAs(JsonObject.class))
        .anySatisfy(t -> assertThat(t.getString("outcome")).isEqualTo("DENY"))
        .anySatisfy(t -> assertThat(t.getString("outcome")).isEqualTo("PERMIT"));
  }

  @Test
  void aTraceChangedOrDeletedBehindCarnetsBackIsNamedByItsPositionEvenWithTheHashRedefined()
      throws Exception {
    Assumptions.assumeTrue(
        carnet.server().database().isEmbedded(), "needs the embedded database's superuser");
    long traceId = someAccesses();
    publishNow();
    JsonObject inclusion = inclusionOnceWitnessed(traceId);
    long position = inclusion.getJsonNumber("position").longValue();
    assertThat(tree(full()).getBoolean("verified")).as(full().toString()).isTrue();

    try (Connection superuser = carnet.server().database().superuserConnection();
        Statement sql = superuser.createStatement()) {
      sql.execute("create temporary table saved as select * from trace where id = " + traceId);
      String restore =
          "delete from trace where id = " + traceId + "; insert into trace select * from saved";

      // One column altered.
      sql.execute("update trace set actor_id = 'someone-else' where id = " + traceId);
      JsonObject altered = tree(full());
      sql.execute(restore);
      JsonObject restored = tree(full());

      // Deleted.
      sql.execute("delete from trace where id = " + traceId);
      JsonObject deleted = tree(full());
      sql.execute(restore);

      // The database's own hash redefined to return what is stored: the chains "hold", the tree
      // does not.
      String definition;
      try (ResultSet row =
          sql.executeQuery("select pg_get_functiondef('trace_hash(trace)'::regprocedure)")) {
        row.next();
        definition = row.getString(1);
      }
      JsonObject fooled;
      JsonObject redefined;
      try {
        // What is stored when there is something stored, so that new traces still get a hash.
        sql.execute(
            "create or replace function trace_hash(t trace) returns varchar language sql stable"
                + " as $$ select coalesce(t.hash,"
                + " encode(sha256(convert_to(trace_canonical(t), 'UTF8')), 'hex')) $$");
        sql.execute("update trace set reason = 'REWRITTEN' where id = " + traceId);
        JsonObject check = full();
        fooled = check;
        redefined = tree(check);
      } finally {
        sql.execute(definition);
        sql.execute(restore);
      }

      // The trace and its stored leaf rewritten alike: the stored node above the leaf no longer
      // matches (or, for a last leaf that completes none, the witnessed root is contradicted).
      // With the nodes rebuilt too: TamperingE2EIT.
      sql.execute("update trace set detail = 'rewritten' where id = " + traceId);
      byte[] forged = leafOf(superuser, traceId);
      try (PreparedStatement leaf =
          superuser.prepareStatement("update trace_leaf set leaf_hash = ? where position = ?")) {
        leaf.setBytes(1, forged);
        leaf.setLong(2, position);
        leaf.executeUpdate();
      }
      JsonObject contradicted = tree(full());
      sql.execute(restore);
      try (PreparedStatement leaf =
          superuser.prepareStatement("update trace_leaf set leaf_hash = ? where position = ?")) {
        leaf.setBytes(1, leafOf(superuser, traceId));
        leaf.setLong(2, position);
        leaf.executeUpdate();
      }
      JsonObject finallyRestored = tree(full());

      assertThat(altered.getBoolean("verified")).isFalse();
      assertThat(altered.getString("problem")).isEqualTo("LEAF_ALTERED");
      assertThat(altered.getJsonNumber("position").longValue()).isEqualTo(position);
      assertThat(altered.getJsonNumber("traceId").longValue()).isEqualTo(traceId);
      assertThat(restored.getBoolean("verified")).as(restored.toString()).isTrue();
      assertThat(deleted.getString("problem")).isEqualTo("TRACE_MISSING");
      assertThat(deleted.getJsonNumber("position").longValue()).isEqualTo(position);
      assertThat(fooled.containsKey("firstBroken") && !fooled.isNull("firstBroken"))
          .as("the old check alone is fooled: %s", fooled)
          .isFalse();
      assertThat(redefined.getString("problem")).isEqualTo("LEAF_ALTERED");
      assertThat(redefined.getJsonNumber("position").longValue()).isEqualTo(position);
      assertThat(contradicted.getString("problem"))
          .as(contradicted.toString())
          .isIn("NODE_ALTERED", "HEAD_CONTRADICTED");
      assertThat(contradicted.getJsonNumber("position").longValue()).isLessThanOrEqualTo(position);
      assertThat(contradicted.getJsonNumber("headSize").longValue()).isGreaterThan(position);
      assertThat(finallyRestored.getBoolean("verified")).as(finallyRestored.toString()).isTrue();
    }
  }

  /**
   * A burst of 20,000 traces written at once (as the application writes them, through {@code
   * append_trace}): the sequencer catches up within seconds, and the rate is printed (a measure,
   * not a bound: the machine is shared).
   */
  @Test
  void theSequencerCatchesUpWithABurstOfTraces() throws Exception {
    Assumptions.assumeTrue(
        carnet.server().database().isEmbedded(), "needs the embedded database's superuser");
    int burst = 20_000;
    long last;
    try (Connection superuser = carnet.server().database().superuserConnection();
        Statement sql = superuser.createStatement()) {
      sql.execute(
          "select append_trace(now(), 'AGENT', 'sequencer-burst', null, null, null, null, null,"
              + " 'ACCOUNT_READ', 'PERMIT', 'ROLE', null, null, 'burst-' || g)"
              + " from generate_series(1, "
              + burst
              + ") g");
      try (ResultSet row =
          sql.executeQuery("select max(id) from trace where actor_id = 'sequencer-burst'")) {
        row.next();
        last = row.getLong(1);
      }
    }
    long started = System.nanoTime();
    JsonObject proof = inclusionOnceWitnessed(last);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "Audit tree: %d traces sequenced and witnessed within %.1f s (≥ %.0f leaves/s, with the"
            + " head interval)%n",
        burst, seconds, burst / seconds);
    assertThat(proof.getJsonNumber("traceId").longValue()).isEqualTo(last);
    assertThat(seconds).isLessThan(60);
  }

  private JsonObject full() {
    Api.Reply reply = api.get("/api/v1/audit/integrity?full=true", auditor);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  private static JsonObject tree(JsonObject check) {
    return check.getJsonObject("tree");
  }

  /** The leaf of the trace as it reads now, computed as an outside party would. */
  private static byte[] leafOf(Connection connection, long traceId) throws Exception {
    try (PreparedStatement query =
        connection.prepareStatement(
            "select id, at, actor_role, actor_id, actor_rpps, actor_profession, actor_finess,"
                + " record_id, document_id, action, outcome, reason, detail, access_mode,"
                + " request_id, salt from trace where id = ?")) {
      query.setLong(1, traceId);
      try (ResultSet r = query.executeQuery()) {
        r.next();
        return new TraceCanonicalForm(
                r.getLong(1),
                r.getObject(2, OffsetDateTime.class).toInstant(),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getObject(8, UUID.class),
                r.getObject(9, UUID.class),
                r.getString(10),
                r.getString(11),
                r.getString(12),
                r.getString(13),
                r.getString(14),
                r.getString(15),
                r.getObject(16, UUID.class))
            .leafHash();
      }
    }
  }
}
