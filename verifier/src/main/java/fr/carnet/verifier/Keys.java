package fr.carnet.verifier;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * The heads' public key, as an auditor may hold it: a PEM file ({@code BEGIN PUBLIC KEY}), a file
 * holding the JSON of {@code GET /api/v1/audit/tree-heads/key} ({@code publicKey}, base64 X.509,
 * and {@code keyId}, checked against the key), or that base64 text itself.
 */
final class Keys {

  private Keys() {}

  static PublicKey read(String given) {
    if (given == null || given.isBlank()) {
      throw new IllegalArgumentException("No key given");
    }
    String text = given.strip();
    Path file = file(text);
    if (file != null) {
      try {
        text = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the key file " + file, e);
      }
    }
    if (text.startsWith("{")) {
      return fromJson(JsonFields.object(text));
    }
    if (text.startsWith("-----BEGIN")) {
      if (!text.startsWith("-----BEGIN PUBLIC KEY-----")) {
        throw new IllegalArgumentException("A PEM key must be a PUBLIC KEY (X.509)");
      }
      return HeadStatement.publicKey(text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", ""));
    }
    return HeadStatement.publicKey(text);
  }

  private static PublicKey fromJson(JsonObject json) {
    String algorithm = JsonFields.text(json, "algorithm");
    if (algorithm != null && !HeadStatement.ALGORITHM.equalsIgnoreCase(algorithm)) {
      throw new IllegalArgumentException("The key is " + algorithm + ", not Ed25519");
    }
    PublicKey key = HeadStatement.publicKey(JsonFields.requiredText(json, "publicKey"));
    String keyId = JsonFields.text(json, "keyId");
    if (keyId != null && !keyId.equalsIgnoreCase(HeadStatement.keyId(key))) {
      throw new IllegalArgumentException(
          "The key file's keyId " + keyId + " is not its key's (" + HeadStatement.keyId(key) + ")");
    }
    return key;
  }

  private static Path file(String text) {
    if (text.startsWith("{") || text.startsWith("-----") || text.length() > 4096) {
      return null;
    }
    try {
      Path path = Path.of(text);
      return Files.isRegularFile(path) ? path : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
