package fr.carnet.audit.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a signed tree head signs, and with what: Ed25519 over the UTF-8 text {@code
 * carnet-tree-head:v1\n<size>\n<root hex>\n<timestamp ISO-8601, milliseconds, UTC>}, so that anyone
 * with the public key alone can check a head (no library of Carnet's needed).
 */
public final class TreeHeadSignature {

  public static final String ALGORITHM = "Ed25519";

  private TreeHeadSignature() {}

  /** Heads are timestamped to the millisecond, so that every copy reads alike. */
  public static Instant timestamp(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS);
  }

  public static byte[] statement(long size, byte[] root, Instant timestamp) {
    return ("carnet-tree-head:v1\n"
            + size
            + "\n"
            + HexFormat.of().formatHex(root)
            + "\n"
            + timestamp(timestamp))
        .getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] sign(PrivateKey key, long size, byte[] root, Instant timestamp) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(key);
      signature.update(statement(size, root, timestamp));
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign a tree head", e);
    }
  }

  public static boolean verify(PublicKey key, TraceTree.SignedHead head) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initVerify(key);
      signature.update(statement(head.size(), head.root(), head.timestamp()));
      return signature.verify(head.signature());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The key's id: SHA-256 of its X.509 (SubjectPublicKeyInfo) encoding, in hex. */
  public static String keyId(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An Ed25519 public key from its X.509 encoding, base64. */
  public static PublicKey publicKey(String base64) {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("Not an Ed25519 public key", e);
    }
  }

  /**
   * The key pair of an Ed25519 private key in PKCS#8 PEM. The public key is derived from the
   * private one (the JDK's generator, fed the private key as its randomness), then checked by a
   * signature.
   */
  public static KeyPair fromPkcs8Pem(String pem) {
    try {
      byte[] der =
          Base64.getMimeDecoder()
              .decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").strip());
      PrivateKey key =
          KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
      byte[] seed =
          ((EdECPrivateKey) key)
              .getBytes()
              .orElseThrow(() -> new IllegalArgumentException("No Ed25519 private key bytes"));
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(
          NamedParameterSpec.ED25519,
          new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
              System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
          });
      KeyPair pair = generator.generateKeyPair();
      byte[] probe = "carnet".getBytes(StandardCharsets.UTF_8);
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key);
      signer.update(probe);
      byte[] signed = signer.sign();
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(pair.getPublic());
      verifier.update(probe);
      if (!verifier.verify(signed)
          || !Arrays.equals(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(), seed)) {
        throw new IllegalArgumentException("The public key does not match the private key");
      }
      return new KeyPair(pair.getPublic(), key);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("Not an Ed25519 private key in PKCS#8 PEM", e);
    }
  }
}
