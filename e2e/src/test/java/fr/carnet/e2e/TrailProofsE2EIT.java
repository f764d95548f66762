package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.audit.model.MerkleTree;
import fr.carnet.audit.model.TraceCanonicalForm;
import fr.carnet.audit.model.TraceTree;
import fr.carnet.audit.model.TreeHeadSignature;
import fr.carnet.verifier.Options;
import fr.carnet.verifier.Problem;
import fr.carnet.verifier.Report;
import fr.carnet.verifier.Verifier;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The verifiable trail as its readers get it (issue 16): a patient's history and its export carry
 * inclusion proofs that verify, with the public key and the witness file alone, against a signed
 * head, and show nothing the history hides (the canonical form v2's salted digest); a parent kept
 * out of a minor's secret gets neither the entries nor their proofs; the auditors' trail export
 * rebuilds the witnessed roots; consecutive witness lines prove that the tree only grew.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrailProofsE2EIT {

  private static final HexFormat HEX = HexFormat.of();

  /** This class's own professionals: their traces and refusals add to no shared account's. */
  private static final String GP_RPPS = "10262626262";

  private static final String GP_SUB = "pro-trail-proofs-" + UUID.randomUUID();

  private CarnetServer carnet;
  private Api api;
  private String auditor;
  private String admin;
  private String gp;
  private PublicKey key;

  /** Witness lines written before this class began: other classes may tamper with theirs. */
  private int witnessLinesBefore;

  @BeforeAll
  void connect(CarnetServer carnet) throws Exception {
    this.carnet = carnet;
    this.api = carnet.api();
    this.auditor = carnet.token("auditor");
    this.admin = carnet.token("admin");
    this.gp = carnet.token("professional", Map.of("rpps", GP_RPPS, "sub", GP_SUB));
    Api.Reply published = api.post("/api/v1/audit/tree-heads", auditor, "");
    assertThat(published.status()).as(published.toString()).isEqualTo(200);
    Api.Reply keyReply = api.get("/api/v1/audit/tree-heads/key", auditor);
    assertThat(keyReply.status()).as(keyReply.toString()).isEqualTo(200);
    this.key = TreeHeadSignature.publicKey(keyReply.json().getString("publicKey"));
    this.witnessLinesBefore = witnessLines().size();
  }

  private record Person(String nir, String recordId, String token) {
    String path(String rest) {
      return "/api/v1/records/" + recordId + rest;
    }
  }

  private Person person() {
    String nir = People.newNir();
    Api.Reply created = api.post("/api/v1/records", admin, People.createBody(nir, true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new Person(
        nir, created.json().getString("id"), carnet.token("patient", Map.of("ins", nir)));
  }

  private JsonObject publishNow() {
    Api.Reply head = api.post("/api/v1/audit/tree-heads", auditor, "");
    assertThat(head.status()).as(head.toString()).isEqualTo(200);
    return head.json();
  }

  private static JsonObject parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private List<String> witnessLines() throws Exception {
    return Files.readAllLines(carnet.server().treeWitnessFile()).stream()
        .filter(line -> !line.isBlank())
        .toList();
  }

  private static TraceTree.SignedHead head(JsonObject json) {
    return new TraceTree.SignedHead(
        json.getJsonNumber("size").longValue(),
        HEX.parseHex(json.getString("root")),
        Instant.parse(json.getString("timestamp")),
        Base64.getDecoder().decode(json.getString("signature")),
        json.getString("keyId"));
  }

  private static List<byte[]> hashes(JsonObject json, String name) {
    return json.getJsonArray(name).getValuesAs(JsonString.class).stream()
        .map(s -> HEX.parseHex(s.getString()))
        .toList();
  }

  private static String text(JsonObject json, String name) {
    return !json.containsKey(name) || json.isNull(name) ? null : json.getString(name);
  }

  /** The leaf a proof's entry stands for, recomputed from the entry alone. */
  private static byte[] leafOf(JsonObject entry) {
    assertThat(entry.getInt("form")).isEqualTo(2);
    return new TraceCanonicalForm.Shown(
            entry.getJsonNumber("id").longValue(),
            entry.getJsonNumber("atMicros").longValue(),
            text(entry, "actorRole"),
            text(entry, "actorRpps"),
            text(entry, "actorProfession"),
            text(entry, "actorFiness"),
            uuid(text(entry, "recordId")),
            uuid(text(entry, "documentId")),
            text(entry, "action"),
            text(entry, "outcome"),
            text(entry, "accessMode"),
            HEX.parseHex(entry.getString("sealed")))
        .leafHash();
  }

  private static UUID uuid(String text) {
    return text == null ? null : UUID.fromString(text);
  }

  /**
   * Every entry's proof checked against the signed head given beside them (itself checked with the
   * key and found in the witness file), and the entry's shown fields against the proof's; answers
   * how many entries had a proof. Entries without one are the newest only (not yet in a head).
   */
  private int verifyEntries(List<JsonObject> entries, JsonObject treeHeadJson, String recordId)
      throws Exception {
    TraceTree.SignedHead treeHead = head(treeHeadJson);
    assertThat(TreeHeadSignature.verify(key, treeHead)).as("the head's signature").isTrue();
    assertThat(witnessLines().stream().map(TrailProofsE2EIT::parse))
        .as("the head is witnessed")
        .anySatisfy(
            line -> {
              assertThat(line.getJsonNumber("size").longValue()).isEqualTo(treeHead.size());
              assertThat(line.getString("root")).isEqualTo(HEX.formatHex(treeHead.root()));
              assertThat(TreeHeadSignature.verify(key, head(line))).isTrue();
            });
    int proven = 0;
    boolean unprovenAllowed = true;
    for (JsonObject item : entries) {
      if (item.isNull("proof")) {
        assertThat(unprovenAllowed).as("only the newest entries lack a proof: %s", item).isTrue();
        continue;
      }
      unprovenAllowed = false;
      proven++;
      JsonObject proof = item.getJsonObject("proof");
      JsonObject entry = proof.getJsonObject("entry");
      long position = proof.getJsonNumber("position").longValue();
      assertThat(proof.getJsonNumber("treeSize").longValue()).isEqualTo(treeHead.size());
      assertThat(
              MerkleTree.verifyInclusion(
                  leafOf(entry), position, treeHead.size(), hashes(proof, "path"), treeHead.root()))
          .as("proof of %s", item)
          .isTrue();
      // What the history shows is what the proof proves.
      JsonObject actor = item.getJsonObject("actor");
      assertThat(text(entry, "actorRole")).isEqualTo(text(actor, "role"));
      assertThat(text(entry, "actorRpps")).isEqualTo(text(actor, "rpps"));
      assertThat(text(entry, "actorProfession")).isEqualTo(text(actor, "profession"));
      assertThat(text(entry, "actorFiness")).isEqualTo(text(actor, "finess"));
      assertThat(text(entry, "action")).isEqualTo(text(item, "action"));
      assertThat(text(entry, "outcome")).isEqualTo(text(item, "outcome"));
      assertThat(text(entry, "accessMode")).isEqualTo(text(item, "mode"));
      assertThat(text(entry, "documentId")).isEqualTo(text(item, "documentId"));
      assertThat(text(entry, "recordId")).isEqualTo(recordId);
      assertThat(entry.getJsonNumber("atMicros").longValue())
          .isEqualTo(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(item.getString("at"))));
      // A proof that would pass whatever it is given would prove nothing.
      assertThat(
              MerkleTree.verifyInclusion(
                  leafOf(entry),
                  position + 1,
                  treeHead.size(),
                  hashes(proof, "path"),
                  treeHead.root()))
          .isFalse();
    }
    return proven;
  }

  private static List<JsonObject> items(JsonObject page, String name) {
    return page.getJsonArray(name).getValuesAs(JsonObject.class);
  }

  /** The whole trace rows of the record, as the auditors' trail export gives them, by id. */
  private Map<Long, JsonObject> trailOf(String recordId, long to) {
    Api.Reply trail = api.get("/api/v1/audit/tree/leaves?to=" + to, auditor);
    assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
    Map<Long, JsonObject> traces = new LinkedHashMap<>();
    for (String line : trail.body().split("\n")) {
      JsonObject json = parse(line);
      if (!json.isNull("trace") && recordId.equals(text(json.getJsonObject("trace"), "recordId"))) {
        traces.put(json.getJsonObject("trace").getJsonNumber("id").longValue(), json);
      }
    }
    return traces;
  }

  @Test
  void aPatientsHistoryAndExportProveEachEntryAndShowNothingTheHistoryHides() throws Exception {
    Person person = person();
    String requestId = "trail-proofs-" + UUID.randomUUID();
    // The GP's read, refused (no agreement), with a request id of the GP's software: hidden.
    Api.Reply refused =
        api.send(
            api.request(person.path("/documents"), gp).header("X-Request-Id", requestId).GET());
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    // An emergency access, whose stated reason the history shows (and the proof seals).
    String emergency =
        carnet.token("professional", Map.of("rpps", "10262626263", "specialty", "emergency"));
    Api.Reply grant =
        api.post(
            person.path("/agreements"),
            emergency,
            "{\"mode\":\"BREAK_GLASS\",\"reason\":\"Patient inconscient aux urgences\"}");
    assertThat(grant.status()).as(grant.toString()).isEqualTo(201);
    assertThat(api.get(person.path("/access-history"), person.token()).status()).isEqualTo(200);
    JsonObject witnessed = publishNow();

    Api.Reply page = api.get(person.path("/access-history?proofs=true&limit=100"), person.token());
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    JsonObject pageHead = page.json().getJsonObject("treeHead");
    assertThat(pageHead.getJsonNumber("size").longValue())
        .isGreaterThanOrEqualTo(witnessed.getJsonNumber("size").longValue());
    List<JsonObject> pageEntries = items(page.json(), "items");
    // Creation, the GP's refusal, the grant, the history read: all in the head; this read is not.
    assertThat(verifyEntries(pageEntries, pageHead, person.recordId())).isGreaterThanOrEqualTo(4);
    assertThat(pageEntries.get(0).isNull("proof")).as("this very read is newer").isTrue();

    Api.Reply export = api.get(person.path("/access-history/export"), person.token());
    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    assertThat(export.contentType()).startsWith("application/json");
    JsonObject file = export.json();
    assertThat(file.getString("format")).isEqualTo("carnet-history-export:v1");
    assertThat(file.getString("recordId")).isEqualTo(person.recordId());
    assertThat(Instant.parse(file.getString("exportedAt"))).isBefore(Instant.now().plusSeconds(5));
    List<JsonObject> exported = items(file, "entries");
    assertThat(exported).hasSizeGreaterThanOrEqualTo(pageEntries.size());
    assertThat(verifyEntries(exported, file.getJsonObject("treeHead"), person.recordId()))
        .isGreaterThanOrEqualTo(4);
    assertThat(exported.get(0).getString("action")).isEqualTo("ACCESS_HISTORY_READ");

    // The hidden fields of the GP's refusal, as the auditors see them: none in the patient's file.
    Map<Long, JsonObject> trail =
        trailOf(
            person.recordId(), file.getJsonObject("treeHead").getJsonNumber("size").longValue());
    JsonObject refusal =
        trail.values().stream()
            .map(line -> line.getJsonObject("trace"))
            .filter(t -> requestId.equals(text(t, "requestId")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no trace of request " + requestId));
    assertThat(text(refusal, "actorId")).isEqualTo(GP_SUB);
    assertThat(refusal.getInt("form")).isEqualTo(2);
    List<String> hidden = new ArrayList<>(List.of(GP_SUB, requestId, refusal.getString("salt")));
    for (JsonObject line : trail.values()) {
      hidden.add(line.getJsonObject("trace").getString("salt"));
    }
    assertThat(export.body()).doesNotContain(hidden);
    assertThat(page.body()).doesNotContain(hidden);
    assertThat(export.body()).doesNotContain("\"reason\":\"" + refusal.getString("reason") + "\"");
    // The emergency's stated reason is shown, as the history shows it.
    assertThat(export.body()).contains("Patient inconscient aux urgences");
    // The sealed digest is the one of the hidden fields the auditor reads.
    JsonObject proven =
        exported.stream()
            .filter(e -> !e.isNull("proof"))
            .map(e -> e.getJsonObject("proof").getJsonObject("entry"))
            .filter(
                e -> e.getJsonNumber("id").longValue() == refusal.getJsonNumber("id").longValue())
            .findFirst()
            .orElseThrow();
    JsonObject auditorsLine = trail.get(refusal.getJsonNumber("id").longValue());
    assertThat(HEX.formatHex(leafOf(proven))).isEqualTo(auditorsLine.getString("leafHash"));

    // The export was traced as a history read.
    Api.Reply traced =
        api.get(
            "/api/v1/audit/traces?action=ACCESS_HISTORY_READ&record=" + person.recordId(), auditor);
    assertThat(traced.json().getJsonArray("items").getValuesAs(JsonObject.class))
        .anySatisfy(t -> assertThat(text(t, "detail")).isEqualTo("export"));
  }

  @Test
  void aParentKeptOutOfAMinorsSecretGetsNeitherItsEntriesNorTheirProofs() throws Exception {
    String childNir = People.newChildNir();
    Api.Reply created =
        api.post(
            "/api/v1/records",
            admin,
            "{\"ins\":"
                + People.ins(childNir)
                + ",\"traits\":"
                + People.child()
                + ",\"open\":true}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String childId = created.json().getString("id");
    String parentNir = People.newNir();
    assertThat(api.post("/api/v1/records", admin, People.createBody(parentNir, true)).status())
        .isEqualTo(201);
    Api.Reply registered =
        api.post(
            "/api/v1/records/" + childId + "/representatives",
            carnet.token("agent"),
            "{\"ins\":"
                + People.ins(parentNir)
                + ",\"traits\":"
                + People.marie()
                + ",\"kind\":\"MINOR\",\"relationship\":\"PARENT\"}");
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    Api.Reply approved =
        api.post(
            "/api/v1/records/"
                + childId
                + "/representatives/"
                + registered.json().getString("id")
                + "/approval",
            admin,
            "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    String child = carnet.token("patient", Map.of("ins", childNir));
    String parent = carnet.token("patient", Map.of("ins", parentNir));

    Api.Reply secret =
        api.post(
            "/api/v1/documents",
            gp,
            "{\"uniqueId\":\""
                + Documents.uniqueId()
                + "\",\"patient\":{\"ins\":"
                + People.ins(childNir)
                + ",\"traits\":"
                + People.child()
                + "},\"type\":{\"system\":\"http://loinc.org\",\"code\":\"11502-2\"},"
                + "\"title\":\"Compte rendu\",\"authoredAt\":\"2026-11-20T09:30:00Z\","
                + "\"contentType\":\"application/pdf\",\"content\":\""
                + Documents.base64(Documents.pdf(300))
                + "\",\"withheldFromPatient\":false,\"hiddenFromRepresentatives\":true}");
    assertThat(secret.status()).as(secret.toString()).isEqualTo(201);
    String secretId = secret.json().getString("id");
    assertThat(api.get("/api/v1/records/" + childId + "/documents/" + secretId, gp).status())
        .isEqualTo(200);
    publishNow();

    String history = "/api/v1/records/" + childId + "/access-history";
    Api.Reply parentsPage = api.get(history + "?proofs=true&limit=100", parent);
    Api.Reply parentsExport = api.get(history + "/export", parent);
    Api.Reply childsExport = api.get(history + "/export", child);
    assertThat(parentsPage.status()).as(parentsPage.toString()).isEqualTo(200);
    assertThat(parentsExport.status()).as(parentsExport.toString()).isEqualTo(200);
    assertThat(childsExport.status()).as(childsExport.toString()).isEqualTo(200);

    // Nothing of the secret for the parent: no entry, no proof, not even the author.
    assertThat(parentsPage.body()).doesNotContain(secretId, GP_RPPS);
    assertThat(parentsExport.body()).doesNotContain(secretId, GP_RPPS);
    List<JsonObject> parentsEntries = items(parentsExport.json(), "entries");
    assertThat(parentsEntries).isNotEmpty();
    verifyEntries(parentsEntries, parentsExport.json().getJsonObject("treeHead"), childId);
    verifyEntries(
        items(parentsPage.json(), "items"), parentsPage.json().getJsonObject("treeHead"), childId);
    // The minor's own file has it all, each proven.
    List<JsonObject> childsEntries = items(childsExport.json(), "entries");
    assertThat(verifyEntries(childsEntries, childsExport.json().getJsonObject("treeHead"), childId))
        .isGreaterThan((int) parentsEntries.stream().filter(e -> !e.isNull("proof")).count());
    assertThat(
            childsEntries.stream()
                .filter(e -> secretId.equals(text(e, "documentId")))
                .filter(e -> !e.isNull("proof"))
                .map(e -> text(e, "action")))
        .contains("DOCUMENT_PUBLISH", "DOCUMENT_READ");
  }

  @Test
  void whoMayCallEachNewEndpointAndEveryRefusalIsTraced() {
    Person person = person();
    String history = person.path("/access-history");
    Map<String, String> callers = new LinkedHashMap<>();
    callers.put("the patient", person.token());
    callers.put("another patient", person().token());
    callers.put(
        "a professional",
        carnet.token(
            "professional", Map.of("rpps", "10262626264", "sub", "pro-" + UUID.randomUUID())));
    callers.put("an agent", carnet.token("agent", Map.of("sub", "agent-" + UUID.randomUUID())));
    callers.put(
        "an administrator", carnet.token("admin", Map.of("sub", "admin-" + UUID.randomUUID())));
    callers.put(
        "an auditor", carnet.token("auditor", Map.of("sub", "auditor-" + UUID.randomUUID())));
    int refusedHistory = 0;
    for (Map.Entry<String, String> caller : callers.entrySet()) {
      int plain = api.get(history, caller.getValue()).status();
      int proofs = api.get(history + "?proofs=true", caller.getValue()).status();
      int export = api.get(history + "/export", caller.getValue()).status();
      // The same callers as the history's, answered alike.
      assertThat(List.of(proofs, export)).as(caller.getKey()).containsOnly(plain);
      if (caller.getKey().equals("the patient")) {
        assertThat(plain).isEqualTo(200);
      } else {
        assertThat(plain).as(caller.getKey()).isIn(403, 404);
        refusedHistory += 3;
      }
    }
    Api.Reply refusals =
        api.get(
            "/api/v1/audit/traces?action=ACCESS_HISTORY_READ&outcome=DENY&limit=100&record="
                + person.recordId(),
            auditor);
    assertThat(refusals.json().getJsonArray("items")).hasSize(refusedHistory);

    // The trail export: auditors only, every other caller refused, and traced so.
    for (Map.Entry<String, String> caller : callers.entrySet()) {
      Api.Reply trail = api.get("/api/v1/audit/tree/leaves?to=1", caller.getValue());
      if (caller.getKey().equals("an auditor")) {
        assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
        assertThat(trail.contentType()).startsWith("application/x-ndjson");
        assertThat(trail.body().split("\n")).hasSize(1);
      } else {
        assertThat(trail.status()).as(caller.getKey()).isEqualTo(403);
        assertThat(trail.body()).doesNotContain("leafHash");
      }
    }
    Api.Reply trailRefusals =
        api.get("/api/v1/audit/traces?action=AUDIT_EXPORT&outcome=DENY&limit=100", auditor);
    assertThat(
            trailRefusals.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(t -> "tree leaves to=1".equals(text(t, "detail")))
                .map(t -> t.getJsonObject("actor").getString("role"))
                .distinct())
        .contains("PATIENT", "PROFESSIONAL", "AGENT", "ADMIN");

    // Bad sizes: 400 problem+json with a stable code, before anything is streamed.
    for (String to : List.of("x", "0", "-3", "1.5", String.valueOf(Long.MAX_VALUE))) {
      Api.Reply bad = api.get("/api/v1/audit/tree/leaves?to=" + to, auditor);
      assertThat(bad.status()).as("to=%s", to).isEqualTo(400);
      assertThat(bad.contentType()).startsWith("application/problem+json");
      assertThat(bad.code()).isEqualTo("TREE_SIZE_INVALID");
    }
  }

  @Test
  void theTrailExportRebuildsTheWitnessedRootsAndConsecutiveWitnessLinesProveGrowth()
      throws Exception {
    Person person = person();
    api.get(person.path("/documents"), gp);
    JsonObject first = publishNow();
    api.get(person.path("/access-history"), person.token());
    JsonObject second = publishNow();
    long to = second.getJsonNumber("size").longValue();
    assertThat(to).isGreaterThan(first.getJsonNumber("size").longValue());

    Api.Reply trail = api.get("/api/v1/audit/tree/leaves?to=" + to, auditor);
    assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
    List<byte[]> leaves = new ArrayList<>();
    int recomputed = 0;
    for (String text : trail.body().split("\n")) {
      JsonObject line = parse(text);
      assertThat(line.getJsonNumber("position").longValue()).isEqualTo(leaves.size());
      byte[] stored = HEX.parseHex(line.getString("leafHash"));
      if (line.get("trace") != JsonValue.NULL) {
        JsonObject t = line.getJsonObject("trace");
        TraceCanonicalForm trace =
            new TraceCanonicalForm(
                t.getJsonNumber("id").longValue(),
                Instant.EPOCH.plus(t.getJsonNumber("atMicros").longValue(), ChronoUnit.MICROS),
                text(t, "actorRole"),
                text(t, "actorId"),
                text(t, "actorRpps"),
                text(t, "actorProfession"),
                text(t, "actorFiness"),
                uuid(text(t, "recordId")),
                uuid(text(t, "documentId")),
                text(t, "action"),
                text(t, "outcome"),
                text(t, "reason"),
                text(t, "detail"),
                text(t, "accessMode"),
                text(t, "requestId"),
                uuid(text(t, "salt")));
        assertThat(trace.form()).isEqualTo(t.getInt("form"));
        if (person.recordId().equals(text(t, "recordId"))) {
          assertThat(trace.leafHash()).as("leaf of %s", t).isEqualTo(stored);
          recomputed++;
        }
      }
      leaves.add(stored);
    }
    assertThat(leaves).hasSize((int) to);
    assertThat(recomputed).isGreaterThanOrEqualTo(2);
    MerkleTree.NodeSource rebuilt = MerkleTree.inMemory(leaves);

    // This class's witness lines: each head's root rebuilt from the export, each line's
    // consistency proof from the line before it verified.
    List<JsonObject> lines =
        witnessLines().stream().skip(witnessLinesBefore).map(TrailProofsE2EIT::parse).toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
    JsonObject previous = parse(witnessLines().get(witnessLinesBefore - 1));
    int consistent = 0;
    for (JsonObject line : lines) {
      TraceTree.SignedHead head = head(line);
      assertThat(TreeHeadSignature.verify(key, head)).as("%s", line).isTrue();
      if (head.size() <= to) {
        assertThat(HEX.formatHex(MerkleTree.root(rebuilt, head.size())))
            .as("root at %d", head.size())
            .isEqualTo(line.getString("root"));
      }
      long from = line.getJsonNumber("from").longValue();
      assertThat(from).isEqualTo(previous.getJsonNumber("size").longValue());
      assertThat(
              MerkleTree.verifyConsistency(
                  from,
                  head.size(),
                  HEX.parseHex(previous.getString("root")),
                  head.root(),
                  hashes(line, "consistency")))
          .as("consistency of %s", line)
          .isTrue();
      consistent++;
      previous = line;
    }
    assertThat(consistent).isEqualTo(lines.size());
  }

  /**
   * A record of thousands of entries exports whole, every entry proven, in bounded time (printed: a
   * measure on a shared machine, not a bound).
   */
  @Test
  void aHistoryOfThousandsOfEntriesExportsWholeWithEveryProof() throws Exception {
    Assumptions.assumeTrue(
        carnet.server().database().isEmbedded(), "needs the embedded database's superuser");
    Person person = person();
    int many = 3000;
    try (Connection superuser = carnet.server().database().superuserConnection();
        Statement sql = superuser.createStatement()) {
      sql.execute(
          "select append_trace(now(), 'PROFESSIONAL', '"
              + GP_SUB
              + "', '"
              + GP_RPPS
              + "', '10', null, '"
              + person.recordId()
              + "', null, 'DOCUMENT_SEARCH', 'DENY', 'NO_AGREEMENT', null, null, 'many-' || g)"
              + " from generate_series(1, "
              + many
              + ") g");
    }
    publishNow();
    long started = System.nanoTime();
    Api.Reply export = api.get(person.path("/access-history/export"), person.token());
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    List<JsonObject> entries = items(export.json(), "entries");
    System.out.printf(
        "History export: %d entries with their proofs in %.2f s (%d KiB)%n",
        entries.size(), seconds, export.body().length() / 1024);
    assertThat(entries).hasSizeGreaterThan(many);
    assertThat(verifyEntries(entries, export.json().getJsonObject("treeHead"), person.recordId()))
        .isGreaterThanOrEqualTo(many);
    assertThat(seconds).isLessThan(60);
  }

  /**
   * Done when "a patient's export verifies offline against the witness file with only the public
   * key": the offline verifier, which shares no code with Carnet, run on the file the patient
   * downloaded, a copy of the witness file and the key as the API gives it; then the same export
   * with one shown field changed, and against a copy of the witness taken before its head.
   */
  @Test
  void aPatientsExportVerifiesOfflineWithTheWitnessFileAndThePublicKeyAlone() throws Exception {
    Person person = person();
    // A refusal to show in the file, and a head that covers it.
    assertThat(api.get(person.path("/documents"), gp).status()).isEqualTo(403);
    List<String> headsBefore = witnessLines();
    // A trace after that copy, so that the head published now is newer than any line in it.
    assertThat(api.get(person.path("/access-history"), person.token()).status()).isEqualTo(200);
    publishNow();
    Api.Reply export = api.get(person.path("/access-history/export"), person.token());
    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    Path folder = Files.createTempDirectory("carnet-offline-");
    Path heads = Files.write(folder.resolve("tree-heads.jsonl"), witnessLines());
    Path keyFile =
        Files.writeString(
            folder.resolve("key.json"), api.get("/api/v1/audit/tree-heads/key", auditor).body());
    Path file = Files.writeString(folder.resolve("history.json"), export.body());

    Report report = Verifier.verify(heads, keyFile.toString(), file, Options.defaults());
    assertThat(report.verified()).as(report.toString()).isTrue();
    assertThat(report.summary()).as("the refusal and the creation proven").contains("VERIFIED");

    // The refusal shown as a permit: the proof no longer holds, named at the entry's position.
    String altered = export.body().replaceFirst("\"outcome\":\"DENY\"", "\"outcome\":\"PERMIT\"");
    assertThat(altered).isNotEqualTo(export.body());
    Path forged = Files.writeString(folder.resolve("forged.json"), altered);
    Report caught = Verifier.verify(heads, keyFile.toString(), forged, Options.defaults());
    assertThat(caught.verified()).isFalse();
    assertThat(caught.has(Problem.ENTRY_NOT_PROVEN)).as(caught.toString()).isTrue();
    assertThat(caught.first(Problem.ENTRY_NOT_PROVEN).position()).isNotNull();

    // A copy of the witness older than the export's head: the head is not witnessed there.
    Path older = Files.write(folder.resolve("older.jsonl"), headsBefore);
    Report stale = Verifier.verify(older, keyFile.toString(), file, Options.defaults());
    assertThat(stale.has(Problem.HEAD_NOT_WITNESSED)).as(stale.toString()).isTrue();
  }
}
