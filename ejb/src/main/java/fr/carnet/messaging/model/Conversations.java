package fr.carnet.messaging.model;

import fr.carnet.access.PharmacyFacts;
import fr.carnet.shared.ClinicalRead;
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

  /** The conversations addressed to an organisation (a pharmacy's inbox), newest message first. */
  List<Conversation> ofOrganisation(String finess, int limit);

  /**
   * What the record holds from professionals acting for this FINESS: the documents they filed and
   * the messages they wrote, as distinct facts (at most {@code limit}), for the policy to say
   * whether the patient has been to that pharmacy.
   */
  @ClinicalRead
  List<PharmacyFacts.Contact> contactsWith(UUID recordId, String finess, int limit);

  /** Whether the patient blocked this organisation (FINESS) on the record. */
  boolean organisationBlocked(UUID recordId, String finess);

  /**
   * Adds a message and its attachments (with their bytes), and moves the conversation up; {@code
   * sender} is the professional who wrote it, null for the patient side.
   */
  void add(Message message, Sender sender, List<NewAttachment> attachments);

  /** The professional who wrote a message: who they are and the FINESS they acted for. */
  record Sender(String rpps, String profession, String finess) {}

  List<Message> messages(UUID conversationId);

  /**
   * A page of the conversation's messages: the newest {@code limit} sent before {@code before} (all
   * if null), oldest first within the page.
   */
  List<Message> messages(UUID conversationId, Instant before, int limit);

  /** How many messages this sender wrote in the conversation since the instant (the daily cap). */
  int sentSince(UUID conversationId, String senderSubject, Instant since);

  /** How many conversations the record started with this pharmacy since then. */
  int startedWithOrganisationSince(UUID recordId, String finess, Instant since);

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

  /**
   * A kept attachment with its bytes, its message and conversation, and the conversation's
   * counterpart: its professional's RPPS, or its organisation's FINESS.
   */
  record StoredAttachment(
      UUID id,
      UUID messageId,
      UUID conversationId,
      String fileName,
      String contentType,
      String senderRpps,
      String organisationFiness,
      byte[] bytes,
      UUID filedDocumentId) {}
}
