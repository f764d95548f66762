package fr.carnet.audit.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A trace as the Merkle tree's leaf covers it, computed in Java and not by a database function: its
 * id and every stored column that says what happened, in a fixed order, each field length-prefixed
 * so that no two different traces encode alike.
 *
 * <p>Encoding (version 1): the byte {@code 0x01}; the id as 8 bytes big-endian; the instant as 8
 * bytes big-endian of microseconds since the epoch (UTC, PostgreSQL's precision); then each text
 * field in order, as {@code 0xFF} when null, or {@code 0x00}, 4 bytes big-endian of length and its
 * UTF-8 bytes. UUIDs are their lower-case text.
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
    String requestId) {

  private static final byte VERSION = 0x01;

  public byte[] entry() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(VERSION);
    out.writeBytes(ByteBuffer.allocate(16).putLong(id).putLong(micros(at)).array());
    for (String field :
        new String[] {
          actorRole,
          actorId,
          actorRpps,
          actorProfession,
          actorFiness,
          recordId == null ? null : recordId.toString(),
          documentId == null ? null : documentId.toString(),
          action,
          outcome,
          reason,
          detail,
          accessMode,
          requestId
        }) {
      if (field == null) {
        out.write(0xFF);
      } else {
        byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
        out.write(0x00);
        out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
        out.writeBytes(utf8);
      }
    }
    return out.toByteArray();
  }

  /** The leaf's hash: {@code SHA-256(0x00 || entry)}. */
  public byte[] leafHash() {
    return MerkleTree.leafHash(entry());
  }

  private static long micros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at.truncatedTo(ChronoUnit.MICROS));
  }
}
