package fr.carnet.e2e;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/** Realistic document bodies for pushes. */
final class Documents {

  private static final AtomicInteger SERIAL = new AtomicInteger();

  private Documents() {}

  static String uniqueId() {
    return "urn:oid:1.2.250.1.999." + System.nanoTime() + "." + SERIAL.incrementAndGet();
  }

  /** A PDF-looking content of about {@code size} bytes. */
  static byte[] pdf(int size) {
    byte[] bytes = new byte[Math.max(size, 16)];
    Arrays.fill(bytes, (byte) 'x');
    byte[] head =
        ("%PDF-1.7\n% " + SERIAL.incrementAndGet() + "\n").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, bytes, 0, head.length);
    return bytes;
  }

  static String base64(byte[] content) {
    return Base64.getEncoder().encodeToString(content);
  }

  static String sha256(byte[] content) throws Exception {
    return "sha256:"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  /** A professional's push about the person of {@code nir} (traits of People.marie()). */
  static String push(
      String uniqueId,
      String nir,
      String system,
      String code,
      String authoredAt,
      String contentType,
      byte[] content) {
    return push(uniqueId, nir, system, code, authoredAt, contentType, content, false);
  }

  static String push(
      String uniqueId,
      String nir,
      String system,
      String code,
      String authoredAt,
      String contentType,
      byte[] content,
      boolean withheld) {
    return "{\"uniqueId\":\""
        + uniqueId
        + "\",\"patient\":{\"ins\":"
        + People.ins(nir)
        + ",\"traits\":"
        + People.marie()
        + "},\"type\":{\"system\":\""
        + system
        + "\",\"code\":\""
        + code
        + "\"},\"title\":\"Compte rendu\",\"authoredAt\":\""
        + authoredAt
        + "\",\"contentType\":\""
        + contentType
        + "\",\"content\":\""
        + base64(content)
        + "\",\"withheldFromPatient\":"
        + withheld
        + "}";
  }

  /**
   * A PDF about the person of {@code nir} and {@code traits}, of a LOINC type, or of a class's
   * generic type when {@code code} is a class name (upper case).
   */
  static String about(String nir, String traits, String code, boolean hiddenFromRepresentatives) {
    String system =
        code.equals(code.toUpperCase()) && !code.contains("-")
            ? "urn:carnet:document-class"
            : "http://loinc.org";
    return "{\"uniqueId\":\""
        + uniqueId()
        + "\",\"patient\":{\"ins\":"
        + People.ins(nir)
        + ",\"traits\":"
        + traits
        + "},\"type\":{\"system\":\""
        + system
        + "\",\"code\":\""
        + code
        + "\"},\"title\":\"Compte rendu "
        + code
        + "\",\"authoredAt\":\"2026-11-20T09:30:00Z\",\"contentType\":\"application/pdf\","
        + "\"content\":\""
        + base64(pdf(300))
        + "\",\"hiddenFromRepresentatives\":"
        + hiddenFromRepresentatives
        + "}";
  }

  static String lab(String uniqueId, String nir, String authoredAt, byte[] content) {
    return push(
        uniqueId, nir, "http://loinc.org", "11502-2", authoredAt, "application/pdf", content);
  }
}
