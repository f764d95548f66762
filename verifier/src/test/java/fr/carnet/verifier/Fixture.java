package fr.carnet.verifier;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A small trail written as Carnet writes it, for crafting the files the verifier reads: traces
 * (form 1 and form 2 alternately), their leaves, signed heads with consistency proofs, and the
 * exports. The proofs are generated here by the RFC 9162 §2.1.3.1 and §2.1.4.1 definitions (the
 * verifier itself only verifies). The key is RFC 8032's first test key, so signatures are fixed.
 */
final class Fixture {

  /** RFC 8032 §7.1, test 1: the secret seed and its public key (X.509, base64). */
  static final String SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

  static final String PUBLIC_KEY = "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
  static final String KEY_ID = "06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9";
  static final Instant T0 = Instant.parse("2025-12-01T08:00:00Z");
  static final String RECORD = "3f2a6b1c-0d4e-4f5a-8b6c-7d8e9f0a1b2c";
  static final String SALT = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  final List<TraceEncoding.Trace> traces = new ArrayList<>();
  final List<byte[]> leaves = new ArrayList<>();

  /** A trail of {@code n} traces, one a minute from T0. */
  static Fixture of(int n) {
    Fixture f = new Fixture();
    for (int i = 0; i < n; i++) {
      f.append(trace(i + 1, T0.plus(i, ChronoUnit.MINUTES)));
    }
    return f;
  }

  static TraceEncoding.Trace trace(long id, Instant at) {
    boolean salted = id % 2 == 0;
    return new TraceEncoding.Trace(
        salted ? 2 : 1,
        id,
        micros(at),
        "PROFESSIONAL",
        "prof-" + id,
        "1000123456" + (id % 10),
        "10",
        null,
        RECORD,
        id % 3 == 0 ? "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d" : null,
        "DOCUMENT_READ",
        "PERMIT",
        null,
        "détail " + id,
        "NORMAL",
        "req-" + id,
        salted ? SALT : null);
  }

  void append(TraceEncoding.Trace trace) {
    traces.add(trace);
    leaves.add(Rfc9162.leafHash(trace.entry()));
  }

  byte[] root(long size) {
    return Rfc9162.root(leaves.subList(0, (int) size));
  }

  /** When the head of that size is signed: half a minute after its last trace. */
  static Instant signedAt(long size) {
    return T0.plus(size, ChronoUnit.MINUTES).plusSeconds(30).plusMillis(size * 10);
  }

  // ---- heads ----

  JsonObjectBuilder head(long size, byte[] root, Instant at) {
    return Json.createObjectBuilder()
        .add("size", size)
        .add("root", hex(root))
        .add("timestamp", at.toString())
        .add("signature", Base64.getEncoder().encodeToString(sign(size, root, at)))
        .add("keyId", KEY_ID);
  }

  JsonObjectBuilder head(long size) {
    return head(size, root(size), signedAt(size));
  }

  /** The witness line of {@code size}, proven consistent with {@code from} (null: the first). */
  JsonObject line(long size, Long from) {
    JsonObjectBuilder line = head(size);
    if (from != null) {
      line.add("from", from).add("consistency", hexes(consistencyProof(from, size)));
    }
    return line.build();
  }

  /** A heads file witnessing these sizes in order, each line proven from the one before. */
  List<JsonObject> lines(long... sizes) {
    List<JsonObject> lines = new ArrayList<>();
    Long previous = null;
    for (long size : sizes) {
      lines.add(line(size, previous));
      previous = size;
    }
    return lines;
  }

  static Path write(Path file, List<JsonObject> lines) throws IOException {
    List<String> text = lines.stream().map(JsonObject::toString).toList();
    return Files.write(file, text, StandardCharsets.UTF_8);
  }

  static JsonObject with(JsonObject json, UnaryOperator<JsonObjectBuilder> change) {
    return change.apply(Json.createObjectBuilder(json)).build();
  }

  // ---- trail export ----

  JsonObject traceJson(TraceEncoding.Trace t) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("form", t.form())
            .add("id", t.id())
            .add("atMicros", t.atMicros());
    text(b, "actorRole", t.actorRole());
    text(b, "actorId", t.actorId());
    text(b, "actorRpps", t.actorRpps());
    text(b, "actorProfession", t.actorProfession());
    text(b, "actorFiness", t.actorFiness());
    text(b, "recordId", t.recordId());
    text(b, "documentId", t.documentId());
    text(b, "action", t.action());
    text(b, "outcome", t.outcome());
    text(b, "reason", t.reason());
    text(b, "detail", t.detail());
    text(b, "accessMode", t.accessMode());
    text(b, "requestId", t.requestId());
    text(b, "salt", t.salt());
    return b.build();
  }

  /** The trail export's lines, one per position. */
  List<JsonObject> trail() {
    List<JsonObject> lines = new ArrayList<>();
    for (int p = 0; p < traces.size(); p++) {
      lines.add(
          Json.createObjectBuilder()
              .add("position", p)
              .add("leafHash", hex(leaves.get(p)))
              .add("trace", traceJson(traces.get(p)))
              .build());
    }
    return lines;
  }

  // ---- history export ----

  /** A history entry as the patient's export has it, with its proof against {@code size}. */
  JsonObject entry(int position, long size) {
    TraceEncoding.Trace t = traces.get(position);
    JsonObjectBuilder actor = Json.createObjectBuilder();
    text(actor, "role", t.actorRole());
    text(actor, "rpps", t.actorRpps());
    text(actor, "profession", t.actorProfession());
    actor.add("professionLabel", "Médecin");
    text(actor, "finess", t.actorFiness());
    JsonObjectBuilder entry =
        Json.createObjectBuilder()
            .add("at", Instant.EPOCH.plus(t.atMicros(), ChronoUnit.MICROS).toString())
            .add("summary", "Un médecin a lu un document")
            .add("actor", actor)
            .add("action", t.action());
    text(entry, "mode", t.accessMode());
    entry.add("outcome", t.outcome());
    text(entry, "documentId", t.documentId());
    if (t.form() != 2 || position >= size) {
      return entry.addNull("proof").build();
    }
    TraceEncoding.Shown shown = t.shown();
    JsonObjectBuilder proven =
        Json.createObjectBuilder()
            .add("form", 2)
            .add("id", shown.id())
            .add("atMicros", shown.atMicros());
    text(proven, "actorRole", shown.actorRole());
    text(proven, "actorRpps", shown.actorRpps());
    text(proven, "actorProfession", shown.actorProfession());
    text(proven, "actorFiness", shown.actorFiness());
    text(proven, "recordId", shown.recordId());
    text(proven, "documentId", shown.documentId());
    text(proven, "action", shown.action());
    text(proven, "outcome", shown.outcome());
    text(proven, "accessMode", shown.accessMode());
    proven.add("sealed", hex(shown.sealed()));
    return entry
        .add(
            "proof",
            Json.createObjectBuilder()
                .add("position", position)
                .add("treeSize", size)
                .add("entry", proven)
                .add("path", hexes(inclusionProof(position, size))))
        .build();
  }

  /** The export of every entry, newest first, against the head of {@code size}. */
  JsonObject history(long size) {
    JsonArrayBuilder entries = Json.createArrayBuilder();
    for (int p = traces.size() - 1; p >= 0; p--) {
      entries.add(entry(p, size));
    }
    return Json.createObjectBuilder()
        .add("format", "carnet-history-export:v1")
        .add("recordId", RECORD)
        .add("exportedAt", T0.plus(1, ChronoUnit.DAYS).toString())
        .add("treeHead", head(size))
        .add("entries", entries)
        .build();
  }

  static Path write(Path file, JsonObject json) throws IOException {
    return Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
  }

  // ---- RFC 9162 proofs, generated by their definitions ----

  List<byte[]> inclusionProof(long m, long n) {
    return path(m, leaves.subList(0, (int) n));
  }

  private static List<byte[]> path(long m, List<byte[]> d) {
    List<byte[]> proof = new ArrayList<>();
    if (d.size() <= 1) {
      return proof;
    }
    int k = Integer.highestOneBit(d.size() - 1);
    if (m < k) {
      proof.addAll(path(m, d.subList(0, k)));
      proof.add(Rfc9162.root(d.subList(k, d.size())));
    } else {
      proof.addAll(path(m - k, d.subList(k, d.size())));
      proof.add(Rfc9162.root(d.subList(0, k)));
    }
    return proof;
  }

  List<byte[]> consistencyProof(long m, long n) {
    if (m == 0 || m >= n) {
      return new ArrayList<>(); // nothing to prove (or, for m > n, nothing that could be)
    }
    return subproof(m, leaves.subList(0, (int) n), true);
  }

  private static List<byte[]> subproof(long m, List<byte[]> d, boolean b) {
    List<byte[]> proof = new ArrayList<>();
    if (m == d.size()) {
      if (!b) {
        proof.add(Rfc9162.root(d));
      }
      return proof;
    }
    int k = Integer.highestOneBit(d.size() - 1);
    if (m <= k) {
      proof.addAll(subproof(m, d.subList(0, k), b));
      proof.add(Rfc9162.root(d.subList(k, d.size())));
    } else {
      proof.addAll(subproof(m - k, d.subList(k, d.size()), false));
      proof.add(Rfc9162.root(d.subList(0, k)));
    }
    return proof;
  }

  // ---- helpers ----

  static byte[] sign(long size, byte[] root, Instant at) {
    try {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(
                  new PKCS8EncodedKeySpec(
                      HexFormat.of().parseHex("302e020100300506032b657004220420" + SEED)));
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initSign(key);
      ed25519.update(HeadStatement.statement(size, root, at));
      return ed25519.sign();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static JsonArrayBuilder hexes(List<byte[]> hashes) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    hashes.forEach(h -> array.add(hex(h)));
    return array;
  }

  private static void text(JsonObjectBuilder b, String name, String value) {
    if (value == null) {
      b.addNull(name);
    } else {
      b.add(name, value);
    }
  }
}
