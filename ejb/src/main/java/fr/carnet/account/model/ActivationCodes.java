package fr.carnet.account.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes provisional codes and their keyed hashes. A code is 12 symbols from an alphabet without
 * look-alikes (no 0/O, 1/I/L), about 59 bits, shown as {@code ABCD-EFGH-JKMN}; it is compared
 * ignoring case, spaces and dashes, as people type it from a letter or dictate it on the phone.
 *
 * <p>Stored as HMAC-SHA256 under a secret of the configuration: the table alone gives nothing, and
 * with the attempt limit a guess online has no chance. (A slow password hash would cost
 * milliseconds per code, hours for 65 million enrolments, for no gain at this entropy.)
 */
public final class ActivationCodes {

  private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
  private static final int LENGTH = 12;

  private final SecureRandom random = new SecureRandom();
  private final SecretKeySpec key;

  public ActivationCodes(String secret) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalStateException(
          "carnet.lifecycle.code-secret must be set (at least 16 characters)");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** A new random code, formatted for a letter. */
  public String generate() {
    StringBuilder code = new StringBuilder(LENGTH + 2);
    for (int i = 0; i < LENGTH; i++) {
      if (i > 0 && i % 4 == 0) {
        code.append('-');
      }
      code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return code.toString();
  }

  /** The keyed hash of a code as typed. */
  public String hash(String code) {
    String normalised = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
