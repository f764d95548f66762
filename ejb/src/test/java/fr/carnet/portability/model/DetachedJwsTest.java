package fr.carnet.portability.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The export's detached JWS: compact with an empty payload part, verified only over the bytes it
 * signed and only with its key; the JWK carries the raw Ed25519 public key.
 */
class DetachedJwsTest {

  private static final byte[] MANIFEST =
      "{\"format\":\"carnet-export-manifest:v1\",\"files\":[]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aDetachedSignatureVerifiesOverItsPayloadAloneAndWithItsKeyAlone() throws Exception {
    KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

    String jws = DetachedJws.sign(key.getPrivate(), "k1", MANIFEST);

    String[] parts = jws.split("\\.", -1);
    assertThat(parts).hasSize(3);
    assertThat(parts[1]).isEmpty();
    assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
        .isEqualTo("{\"alg\":\"EdDSA\",\"kid\":\"k1\"}");
    assertThat(DetachedJws.verify(key.getPublic(), jws, MANIFEST)).isTrue();
    byte[] changed = MANIFEST.clone();
    changed[3] ^= 1;
    assertThat(DetachedJws.verify(key.getPublic(), jws, changed)).isFalse();
    assertThat(DetachedJws.verify(other.getPublic(), jws, MANIFEST)).isFalse();
    // An attached payload, or another algorithm named in the header, is not this signature.
    String attached =
        parts[0]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(MANIFEST)
            + "."
            + parts[2];
    assertThat(DetachedJws.verify(key.getPublic(), attached, MANIFEST)).isFalse();
  }

  @Test
  void theJwkIsTheRawPublicKeyOfAnOctetKeyPair() throws Exception {
    KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

    Map<String, String> jwk = DetachedJws.jwk(key.getPublic(), "k1");

    assertThat(jwk)
        .containsEntry("kty", "OKP")
        .containsEntry("crv", "Ed25519")
        .containsEntry("alg", "EdDSA")
        .containsEntry("kid", "k1");
    byte[] x = Base64.getUrlDecoder().decode(jwk.get("x"));
    assertThat(x).hasSize(32);
    byte[] encoded = key.getPublic().getEncoded();
    assertThat(encoded).endsWith(x);
  }
}
