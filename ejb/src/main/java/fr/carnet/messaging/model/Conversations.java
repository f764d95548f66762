package fr.carnet.messaging.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where conversations are kept, on the caller's transaction. */
public interface Conversations {

  void start(Conversation conversation);

  Optional<Conversation> find(UUID conversationId);

  /** The record's conversations, newest message first; a professional's own only if rpps given. */
  List<Conversation> ofRecord(UUID recordId, String rpps, int limit);

  /** Whether this professional already wrote to this record (a patient may then write first). */
  boolean professionalWrote(UUID recordId, String rpps);

  /** Adds a message and its attachments (with their bytes), and moves the conversation up. */
  void add(Message message, List<NewAttachment> attachments);

  List<Message> messages(UUID conversationId);

  /**
   * A page of the conversation's messages: the newest {@code limit} sent before {@code before} (all
   * if null), oldest first within the page.
   */
  List<Message> messages(UUID conversationId, Instant before, int limit);

  /** How many messages this sender wrote in the conversation since the instant (the daily cap). */
  int sentSince(UUID conversationId, String senderSubject, Instant since);

  /** The patient side read the conversation: the professional's unread messages get a receipt. */
  int markRead(UUID conversationId, Instant at);

  /** An attachment's bytes and where it belongs, for filing into the record. */
  Optional<StoredAttachment> attachment(UUID attachmentId);

  void filed(UUID attachmentId, UUID documentId, Instant at);

  /**
   * Deletes at most {@code limit} of the conversations past the database's retention (V41: the
   * caller names no cutoff), the oldest first, skipping those another instance is deleting.
   */
  int purgeExpired(int limit);

  /** An attachment to keep, checked: format, size and hash. */
  record NewAttachment(
      UUID id, String fileName, String contentType, long size, String hash, byte[] bytes) {}

  /** A kept attachment with its bytes, its message and conversation. */
  record StoredAttachment(
      UUID id,
      UUID messageId,
      UUID conversationId,
      String fileName,
      String contentType,
      String senderRpps,
      byte[] bytes,
      UUID filedDocumentId) {}
}
