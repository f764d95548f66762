package fr.carnet.audit.application;

import fr.carnet.audit.model.TraceTree;
import fr.carnet.audit.model.TreeHeadSignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carnet's own key for tree heads (Ed25519, never the JWT key): a PKCS#8 PEM file named by {@code
 * carnet.audit.tree.signing-key}. Without it no head is signed, and the trail's proofs wait.
 */
@ApplicationScoped
public class TreeSigner {

  @Inject
  @ConfigProperty(name = "carnet.audit.tree.signing-key")
  private Optional<String> keyFile;

  private volatile KeyPair keys;

  /** The key pair, read at first use; empty when none is configured. */
  public Optional<KeyPair> keys() {
    if (keys == null && keyFile.filter(f -> !f.isBlank()).isPresent()) {
      synchronized (this) {
        if (keys == null) {
          try {
            keys = TreeHeadSignature.fromPkcs8Pem(Files.readString(Path.of(keyFile.get())));
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the tree signing key", e);
          }
        }
      }
    }
    return Optional.ofNullable(keys);
  }

  public Optional<PublicKey> publicKey() {
    return keys().map(KeyPair::getPublic);
  }

  /** Signs (size, root, now), or empty without a key. */
  public Optional<TraceTree.SignedHead> sign(long size, byte[] root, Instant at) {
    return keys()
        .map(
            pair -> {
              Instant timestamp = TreeHeadSignature.timestamp(at);
              return new TraceTree.SignedHead(
                  size,
                  root,
                  timestamp,
                  TreeHeadSignature.sign(pair.getPrivate(), size, root, timestamp),
                  TreeHeadSignature.keyId(pair.getPublic()));
            });
  }
}
