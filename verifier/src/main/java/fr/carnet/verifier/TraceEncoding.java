package fr.carnet.verifier;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * The entry a leaf of Carnet's tree covers: a trace's canonical form, written down here from its
 * specification so that no code of Carnet's is needed to recompute a leaf.
 *
 * <p>Every text field is encoded as {@code 0xFF} when null, otherwise {@code 0x00}, its UTF-8
 * length as 4 bytes big-endian, and its UTF-8 bytes. UUIDs are their lower-case text. The id and
 * the instant ({@code at}, in microseconds since 1970-01-01T00:00Z) are 8 bytes big-endian each.
 *
 * <ul>
 *   <li><b>Form 1</b> (a trace without a salt): {@code 0x01}, id, at, then actor role, actor id,
 *       RPPS, profession, FINESS, record id, document id, action, outcome, reason, detail, access
 *       mode, request id.
 *   <li><b>Form 2</b> (a trace with a salt): {@code 0x02}, id, at, then the fields a patient's
 *       history shows (actor role, RPPS, profession, FINESS, record id, document id, action,
 *       outcome, access mode), then 32 bytes {@code sealed} = SHA-256 of the hidden fields encoded
 *       as above: salt, actor id, reason, detail, request id. A patient is given {@code sealed},
 *       never the hidden fields; the salt's randomness keeps them from being guessed back.
 * </ul>
 */
public final class TraceEncoding {

  private TraceEncoding() {}

  /** A whole trace, as the trail export gives it. */
  public record Trace(
      int form,
      long id,
      long atMicros,
      String actorRole,
      String actorId,
      String actorRpps,
      String actorProfession,
      String actorFiness,
      String recordId,
      String documentId,
      String action,
      String outcome,
      String reason,
      String detail,
      String accessMode,
      String requestId,
      String salt) {

    /** The entry of its leaf, in its form. */
    public byte[] entry() {
      if (form == 1) {
        return formOne(this);
      }
      if (form == 2) {
        return shown().entry();
      }
      throw new IllegalArgumentException("Unknown canonical form " + form);
    }

    /** What a patient is shown of it: the form 2 entry with the hidden fields sealed. */
    public Shown shown() {
      return new Shown(
          id,
          atMicros,
          actorRole,
          actorRpps,
          actorProfession,
          actorFiness,
          recordId,
          documentId,
          action,
          outcome,
          accessMode,
          sealed(salt, actorId, reason, detail, requestId));
    }
  }

  /** A form 2 entry as a history export's proof gives it: shown fields and the sealed digest. */
  public record Shown(
      long id,
      long atMicros,
      String actorRole,
      String actorRpps,
      String actorProfession,
      String actorFiness,
      String recordId,
      String documentId,
      String action,
      String outcome,
      String accessMode,
      byte[] sealed) {

    public byte[] entry() {
      if (sealed == null || sealed.length != 32) {
        throw new IllegalArgumentException("The sealed digest must be 32 bytes");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      out.write(0x02);
      out.writeBytes(ByteBuffer.allocate(16).putLong(id).putLong(atMicros).array());
      text(out, actorRole);
      text(out, actorRpps);
      text(out, actorProfession);
      text(out, actorFiness);
      text(out, uuid(recordId));
      text(out, uuid(documentId));
      text(out, action);
      text(out, outcome);
      text(out, accessMode);
      out.writeBytes(sealed);
      return out.toByteArray();
    }
  }

  private static byte[] formOne(Trace t) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(0x01);
    out.writeBytes(ByteBuffer.allocate(16).putLong(t.id()).putLong(t.atMicros()).array());
    text(out, t.actorRole());
    text(out, t.actorId());
    text(out, t.actorRpps());
    text(out, t.actorProfession());
    text(out, t.actorFiness());
    text(out, uuid(t.recordId()));
    text(out, uuid(t.documentId()));
    text(out, t.action());
    text(out, t.outcome());
    text(out, t.reason());
    text(out, t.detail());
    text(out, t.accessMode());
    text(out, t.requestId());
    return out.toByteArray();
  }

  /** SHA-256 of the hidden fields of a form 2 trace, salt first. */
  public static byte[] sealed(
      String salt, String actorId, String reason, String detail, String requestId) {
    ByteArrayOutputStream hidden = new ByteArrayOutputStream(128);
    text(hidden, uuid(salt));
    text(hidden, actorId);
    text(hidden, reason);
    text(hidden, detail);
    text(hidden, requestId);
    MessageDigest sha = Rfc9162.sha256();
    return sha.digest(hidden.toByteArray());
  }

  private static void text(ByteArrayOutputStream out, String field) {
    if (field == null) {
      out.write(0xFF);
      return;
    }
    byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
    out.write(0x00);
    out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
    out.writeBytes(utf8);
  }

  private static String uuid(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }
}
