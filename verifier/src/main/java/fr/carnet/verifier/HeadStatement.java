package fr.carnet.verifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a signed tree head signs: Ed25519 over the UTF-8 text {@code
 * carnet-tree-head:v1\n<size>\n<root, 64 lower-case hex>\n<timestamp>}, where the timestamp is
 * ISO-8601 UTC truncated to the millisecond and written as {@code java.time.Instant} writes it
 * (seconds always, the fraction only when not zero, in groups of three digits: {@code
 * 2025-06-01T10:00:00Z}, {@code 2025-06-01T10:00:00.120Z}). A key's id is the SHA-256 of its X.509
 * (SubjectPublicKeyInfo) encoding, lower-case hex.
 */
public final class HeadStatement {

  public static final String ALGORITHM = "Ed25519";

  private HeadStatement() {}

  public static byte[] statement(long size, byte[] root, Instant timestamp) {
    String text =
        "carnet-tree-head:v1\n"
            + size
            + "\n"
            + HexFormat.of().formatHex(root)
            + "\n"
            + timestamp.truncatedTo(ChronoUnit.MILLIS);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code signature} is the key's Ed25519 signature of the head's statement. */
  public static boolean verify(
      PublicKey key, long size, byte[] root, Instant timestamp, byte[] signature) {
    try {
      Signature ed25519 = Signature.getInstance(ALGORITHM);
      ed25519.initVerify(key);
      ed25519.update(statement(size, root, timestamp));
      return ed25519.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  public static String keyId(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An Ed25519 public key from its X.509 encoding. */
  public static PublicKey publicKey(byte[] x509) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Not an Ed25519 public key (X.509)", e);
    }
  }

  /** An Ed25519 public key from its X.509 encoding in base64 (line breaks allowed). */
  public static PublicKey publicKey(String base64) {
    try {
      return publicKey(Base64.getMimeDecoder().decode(base64.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Not an Ed25519 public key in base64 X.509", e);
    }
  }
}
