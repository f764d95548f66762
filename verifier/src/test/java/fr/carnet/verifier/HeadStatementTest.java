package fr.carnet.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The head statement and its Ed25519 signature: RFC 8032's first test vector, and heads signed once
 * by Carnet's {@code TreeHeadSignature} with that test key (a timestamp with and without
 * milliseconds, since {@code Instant} writes them differently).
 */
class HeadStatementTest {

  private static final HexFormat HEX = HexFormat.of();

  @TempDir Path dir;

  @Test
  void rfc8032TestOne() throws Exception {
    PublicKey key = HeadStatement.publicKey(Fixture.PUBLIC_KEY);
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initVerify(key);
    ed25519.update(new byte[0]);
    assertThat(
            ed25519.verify(
                HEX.parseHex(
                    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33"
                        + "bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")))
        .isTrue();
    assertThat(HeadStatement.keyId(key)).isEqualTo(Fixture.KEY_ID);
  }

  @Test
  void headsSignedByCarnet() {
    PublicKey key = HeadStatement.publicKey(Fixture.PUBLIC_KEY);
    byte[] root = HEX.parseHex(Rfc9162Test.CARNET_ROOT_7);
    Instant whole = Instant.parse("2025-12-01T13:45:00Z");
    Instant millis = Instant.parse("2025-12-01T13:45:00.120Z");
    assertThat(new String(HeadStatement.statement(7, root, millis), StandardCharsets.UTF_8))
        .isEqualTo(
            "carnet-tree-head:v1\n7\n" + Rfc9162Test.CARNET_ROOT_7 + "\n2025-12-01T13:45:00.120Z");
    byte[] signedWhole =
        Base64.getDecoder()
            .decode(
                "nXhN+sZbGl2EbMSD9zg+mVnRSeNPqLsORrdkE/TGXsSiKojJ0EAzIg427sAiJz0+IgC2OFq/yH+BnlC+pKJRDw==");
    byte[] signedMillis =
        Base64.getDecoder()
            .decode(
                "NMCqVInBLf/W4+JYjcNog2sJSzI+nwSdonNlJCjOZb875dT6r3eQNFSNdhbR9AFwJA6rZzdMka1jUiMr/HjOCw==");
    assertThat(HeadStatement.verify(key, 7, root, whole, signedWhole)).isTrue();
    assertThat(HeadStatement.verify(key, 7, root, millis, signedMillis)).isTrue();
    // Anything else signed is refused: another size, time, root, or a flipped bit.
    assertThat(HeadStatement.verify(key, 8, root, whole, signedWhole)).isFalse();
    assertThat(HeadStatement.verify(key, 7, root, millis, signedWhole)).isFalse();
    byte[] otherRoot = root.clone();
    otherRoot[31] ^= 1;
    assertThat(HeadStatement.verify(key, 7, otherRoot, whole, signedWhole)).isFalse();
    byte[] flipped = signedWhole.clone();
    flipped[10] ^= 1;
    assertThat(HeadStatement.verify(key, 7, root, whole, flipped)).isFalse();
  }

  @Test
  void theKeyAsPemAsTheKeyEndpointsJsonOrAsBase64() throws Exception {
    String label = "PUBLIC" + " KEY";
    Path pem =
        Files.writeString(
            dir.resolve("key.pem"),
            "-----BEGIN "
                + label
                + "-----\n"
                + Fixture.PUBLIC_KEY
                + "\n-----END "
                + label
                + "-----\n");
    Path json =
        Files.writeString(
            dir.resolve("key.json"),
            "{\"algorithm\":\"Ed25519\",\"publicKey\":\""
                + Fixture.PUBLIC_KEY
                + "\",\"keyId\":\""
                + Fixture.KEY_ID
                + "\"}");
    for (String given : new String[] {pem.toString(), json.toString(), Fixture.PUBLIC_KEY}) {
      assertThat(HeadStatement.keyId(Keys.read(given))).as(given).isEqualTo(Fixture.KEY_ID);
    }
    Path lying =
        Files.writeString(
            dir.resolve("lying.json"),
            "{\"publicKey\":\"" + Fixture.PUBLIC_KEY + "\",\"keyId\":\"" + "0".repeat(64) + "\"}");
    assertThatThrownBy(() -> Keys.read(lying.toString())).hasMessageContaining("keyId");
    assertThatThrownBy(() -> Keys.read("not a key")).isInstanceOf(IllegalArgumentException.class);
  }
}
