package fr.carnet.portability.application;

import fr.carnet.audit.application.TreeSigner;
import fr.carnet.audit.model.TreeHeadSignature;
import fr.carnet.portability.model.DetachedJws;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs export manifests with the service's own Ed25519 key, the one that signs the trail's tree
 * heads ({@link TreeSigner}, never the JWT key): one key for Carnet's statements, published as a
 * JWKS so that a JOSE library checks an export with nothing of Carnet's.
 */
@ApplicationScoped
public class ExportSigner {

  @Inject private TreeSigner keys;

  /** Whether a key is configured: without one no export is handed out unsigned. */
  public boolean ready() {
    return keys.keys().isPresent();
  }

  /** The compact detached JWS of the manifest's bytes. */
  public String sign(byte[] manifest) {
    KeyPair pair = keys.keys().orElseThrow(() -> new IllegalStateException("No signing key"));
    return DetachedJws.sign(pair.getPrivate(), TreeHeadSignature.keyId(pair.getPublic()), manifest);
  }

  /** The JWKS's keys: the one key, or none when none is configured. */
  public List<Map<String, String>> jwks() {
    Optional<KeyPair> pair = keys.keys();
    return pair.map(
            p -> List.of(DetachedJws.jwk(p.getPublic(), TreeHeadSignature.keyId(p.getPublic()))))
        .orElse(List.of());
  }
}
