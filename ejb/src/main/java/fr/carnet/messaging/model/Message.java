package fr.carnet.messaging.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message; {@code readAt} is the read receipt: when the patient side first read a message of
 * the professional (null for the patient's own messages, and until read).
 */
public record Message(
    UUID id,
    UUID conversationId,
    Instant sentAt,
    Conversation.Side senderSide,
    String senderSubject,
    String body,
    Instant readAt,
    List<Attachment> attachments,
    SenderRelationship senderRelationship) {

  /**
   * Who of the patient side wrote (V41): the person, or a representative; null for a professional.
   */
  public enum SenderRelationship {
    OWNER,
    REPRESENTATIVE
  }

  /** An attachment's description, without its bytes; {@code filedDocumentId} once filed. */
  public record Attachment(
      UUID id, String fileName, String contentType, long size, String hash, UUID filedDocumentId) {}
}
