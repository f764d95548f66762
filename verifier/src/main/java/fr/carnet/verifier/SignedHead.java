package fr.carnet.verifier;

import jakarta.json.JsonObject;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;

/**
 * A signed tree head as a line of the heads file or an export's {@code treeHead} has it: {@code
 * size}, {@code root} (hex), {@code timestamp} (ISO-8601 UTC), {@code signature} (Ed25519, base64),
 * {@code keyId}, and on a heads-file line after the first {@code from} (the previous witnessed
 * size) and {@code consistency} (the RFC 9162 proof from that size to this one, hex).
 */
record SignedHead(
    int line,
    long size,
    byte[] root,
    Instant timestamp,
    byte[] signature,
    String keyId,
    Long from,
    List<byte[]> consistency) {

  static SignedHead of(int line, JsonObject json) {
    long size = JsonFields.number(json, "size");
    if (size < 0) {
      throw new IllegalArgumentException("negative size");
    }
    return new SignedHead(
        line,
        size,
        JsonFields.hash(json, "root"),
        JsonFields.instant(json, "timestamp"),
        JsonFields.base64(json, "signature"),
        JsonFields.requiredText(json, "keyId"),
        JsonFields.optionalNumber(json, "from"),
        JsonFields.hashes(json, "consistency"));
  }

  /** Null when the key signed it, otherwise why not. */
  String signatureProblem(PublicKey key, String keyIdOfKey) {
    if (!keyIdOfKey.equalsIgnoreCase(keyId)) {
      return "signed by key " + keyId + ", not by the given key " + keyIdOfKey;
    }
    if (!HeadStatement.verify(key, size, root, timestamp, signature)) {
      return "its Ed25519 signature does not verify with the key";
    }
    return null;
  }

  String where() {
    return line > 0 ? "line " + line : "the export's head";
  }
}
