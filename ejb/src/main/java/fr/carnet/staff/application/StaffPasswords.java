package fr.carnet.staff.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * Hashes console passwords with PBKDF2. Each hash records its own algorithm, iterations and salt,
 * so that stronger settings here never break older hashes.
 */
@ApplicationScoped
public class StaffPasswords {

  @Inject private Pbkdf2PasswordHash hash;

  private volatile String decoy;

  @PostConstruct
  void configure() {
    hash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64"));
  }

  public String hash(String password) {
    return hash.generate(password.toCharArray());
  }

  /** Checks a password; with no stored hash, checks against a decoy so that timing is the same. */
  public boolean verify(char[] password, String storedHash) {
    if (storedHash == null) {
      hash.verify(password, decoy());
      return false;
    }
    return hash.verify(password, storedHash);
  }

  private String decoy() {
    if (decoy == null) {
      decoy = hash.generate("decoy".toCharArray());
    }
    return decoy;
  }
}
