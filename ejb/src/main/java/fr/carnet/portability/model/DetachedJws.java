package fr.carnet.portability.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON Web Signature (RFC 7515) in compact form with a detached payload (its appendix F): {@code
 * BASE64URL(header) + ".." + BASE64URL(signature)}, the signature over {@code BASE64URL(header) +
 * "." + BASE64URL(payload)} as if the payload were there. EdDSA with Ed25519 (RFC 8037), so that
 * any JOSE library, given the payload's bytes and the public key alone, verifies it.
 */
public final class DetachedJws {

  public static final String ALGORITHM = "EdDSA";

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private DetachedJws() {}

  /** The compact detached JWS of {@code payload}, its header naming the key by {@code kid}. */
  public static String sign(PrivateKey key, String kid, byte[] payload) {
    String header =
        B64URL.encodeToString(
            ("{\"alg\":\"" + ALGORITHM + "\",\"kid\":\"" + kid + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(signingInput(header, payload));
      return header + ".." + B64URL.encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign an export manifest", e);
    }
  }

  /** Whether {@code jws} is a detached signature of {@code payload} by {@code key}. */
  public static boolean verify(PublicKey key, String jws, byte[] payload) {
    String[] parts = jws.split("\\.", -1);
    if (parts.length != 3 || !parts[1].isEmpty()) {
      return false;
    }
    try {
      String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
      if (!header.contains("\"alg\":\"" + ALGORITHM + "\"")) {
        return false;
      }
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(signingInput(parts[0], payload));
      return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The key as a JWK (RFC 8037): an octet key pair on Ed25519, {@code x} the raw 32-byte public
   * key, the last 32 bytes of its X.509 encoding.
   */
  public static Map<String, String> jwk(PublicKey key, String kid) {
    byte[] encoded = key.getEncoded();
    Map<String, String> jwk = new LinkedHashMap<>();
    jwk.put("kty", "OKP");
    jwk.put("crv", "Ed25519");
    jwk.put(
        "x",
        B64URL.encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
    jwk.put("kid", kid);
    jwk.put("alg", ALGORITHM);
    jwk.put("use", "sig");
    return jwk;
  }

  private static byte[] signingInput(String encodedHeader, byte[] payload) {
    return (encodedHeader + "." + B64URL.encodeToString(payload))
        .getBytes(StandardCharsets.US_ASCII);
  }
}
