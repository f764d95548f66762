package fr.carnet.audit.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A trace as the Merkle tree's leaf covers it, computed in Java and not by a database function: its
 * id and every stored column that says what happened, in a fixed order, each field length-prefixed
 * so that no two different traces encode alike.
 *
 * <p>Fields: the id as 8 bytes big-endian; the instant as 8 bytes big-endian of microseconds since
 * the epoch (UTC, PostgreSQL's precision); each text field as {@code 0xFF} when null, or {@code
 * 0x00}, 4 bytes big-endian of length and its UTF-8 bytes. UUIDs are their lower-case text.
 *
 * <p>Version 1 (a trace without a salt, written before V19): {@code 0x01}, id, at, then actor role,
 * id, RPPS, profession, FINESS, record, document, action, outcome, reason, detail, mode, request
 * id.
 *
 * <p>Version 2 (a trace with a salt): {@code 0x02}, id, at, then the fields a patient's history
 * shows (actor role, RPPS, profession, FINESS, record, document, action, outcome, mode), then
 * {@link #sealed()}: 32 bytes of SHA-256 over the fields it hides (salt, actor id, reason, detail,
 * request id, encoded as above). A patient can so check an entry of their history against the tree
 * without being given what it hides; the salt's 122 random bits make the sealed digest impossible
 * to search from guessable hidden fields.
 */
public record TraceCanonicalForm(
    long id,
    Instant at,
    String actorRole,
    String actorId,
    String actorRpps,
    String actorProfession,
    String actorFiness,
    UUID recordId,
    UUID documentId,
    String action,
    String outcome,
    String reason,
    String detail,
    String accessMode,
    String requestId,
    UUID salt) {

  private static final byte VERSION_1 = 0x01;
  private static final byte VERSION_2 = 0x02;

  /** A trace without a salt: version 1. */
  public TraceCanonicalForm(
      long id,
      Instant at,
      String actorRole,
      String actorId,
      String actorRpps,
      String actorProfession,
      String actorFiness,
      UUID recordId,
      UUID documentId,
      String action,
      String outcome,
      String reason,
      String detail,
      String accessMode,
      String requestId) {
    this(
        id,
        at,
        actorRole,
        actorId,
        actorRpps,
        actorProfession,
        actorFiness,
        recordId,
        documentId,
        action,
        outcome,
        reason,
        detail,
        accessMode,
        requestId,
        null);
  }

  /** 1 without a salt, 2 with one. */
  public int form() {
    return salt == null ? 1 : 2;
  }

  /**
   * What a version 2 leaf shows: the entry a patient is given in a proof, from which the leaf is
   * recomputed without the hidden fields. Empty (null) for a version 1 trace, which cannot be shown
   * without them.
   */
  public Shown shown() {
    if (salt == null) {
      return null;
    }
    return new Shown(
        id,
        micros(at),
        actorRole,
        actorRpps,
        actorProfession,
        actorFiness,
        recordId,
        documentId,
        action,
        outcome,
        accessMode,
        sealed());
  }

  /** SHA-256 of the hidden fields, salt first; only for a version 2 trace. */
  public byte[] sealed() {
    if (salt == null) {
      throw new IllegalStateException("A version 1 trace seals nothing");
    }
    ByteArrayOutputStream hidden = new ByteArrayOutputStream(128);
    fields(hidden, salt.toString(), actorId, reason, detail, requestId);
    try {
      return MessageDigest.getInstance("SHA-256").digest(hidden.toByteArray());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] entry() {
    if (salt != null) {
      return shown().entry();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(VERSION_1);
    out.writeBytes(ByteBuffer.allocate(16).putLong(id).putLong(micros(at)).array());
    fields(
        out,
        actorRole,
        actorId,
        actorRpps,
        actorProfession,
        actorFiness,
        text(recordId),
        text(documentId),
        action,
        outcome,
        reason,
        detail,
        accessMode,
        requestId);
    return out.toByteArray();
  }

  /** The leaf's hash: {@code SHA-256(0x00 || entry)}. */
  public byte[] leafHash() {
    return MerkleTree.leafHash(entry());
  }

  /**
   * The shown part of a version 2 leaf and the digest of its hidden part: enough to recompute the
   * leaf, nothing more of what the trace hides.
   */
  public record Shown(
      long id,
      long atMicros,
      String actorRole,
      String actorRpps,
      String actorProfession,
      String actorFiness,
      UUID recordId,
      UUID documentId,
      String action,
      String outcome,
      String accessMode,
      byte[] sealed) {

    public Shown {
      if (sealed == null || sealed.length != 32) {
        throw new IllegalArgumentException("The sealed digest is 32 bytes");
      }
      sealed = sealed.clone();
    }

    @Override
    public byte[] sealed() {
      return sealed.clone();
    }

    public byte[] entry() {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      out.write(VERSION_2);
      out.writeBytes(ByteBuffer.allocate(16).putLong(id).putLong(atMicros).array());
      fields(
          out,
          actorRole,
          actorRpps,
          actorProfession,
          actorFiness,
          text(recordId),
          text(documentId),
          action,
          outcome,
          accessMode);
      out.writeBytes(sealed);
      return out.toByteArray();
    }

    public byte[] leafHash() {
      return MerkleTree.leafHash(entry());
    }
  }

  private static void fields(ByteArrayOutputStream out, String... fields) {
    for (String field : fields) {
      if (field == null) {
        out.write(0xFF);
      } else {
        byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
        out.write(0x00);
        out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
      }
    }
  }

  private static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  /** Microseconds since the epoch, UTC, as PostgreSQL keeps an instant. */
  public static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at.truncatedTo(ChronoUnit.MICROS));
  }
}
