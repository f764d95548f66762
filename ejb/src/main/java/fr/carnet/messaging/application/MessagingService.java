package fr.carnet.messaging.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.Decision;
import fr.carnet.access.MessageFacts;
import fr.carnet.access.Relationship;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.access.application.NamedPatients;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.Traits;
import fr.carnet.messaging.model.Conversation;
import fr.carnet.messaging.model.Conversations;
import fr.carnet.messaging.model.Message;
import fr.carnet.notification.application.Notifications;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.application.PublishCommand;
import fr.carnet.record.application.Published;
import fr.carnet.record.model.DocumentContent;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The secure messaging (issue 21): each method one transaction in which the gate asks the policy
 * and writes the trace; a refusal commits its trace. No access rule is written here: the facts are
 * gathered, {@link fr.carnet.access.AccessPolicy} decides.
 */
@Stateless
public class MessagingService {

  private static final int LIST_LIMIT = 100;

  /** The most messages one page of a conversation holds (the newest, then by {@code before}). */
  public static final int PAGE_LIMIT = 50;

  @Inject private Conversations conversations;
  @Inject private NamedPatients named;
  @Inject private AccessGate gate;
  @Inject private AccessService access;
  @Inject private Notifications notifications;
  @Inject private DocumentService documents;
  @Inject private MessageInput input;
  @Inject private Clock clock;

  /** How many messages one sender writes in one conversation in a day (policy: configurable). */
  @Inject
  @ConfigProperty(name = "carnet.messaging.max-messages-per-day", defaultValue = "50")
  private int maxMessagesPerDay;

  /**
   * Deletes a batch of the conversations whose last message is older than the retention: bounded
   * work per transaction, claimed with SKIP LOCKED, so every instance may run it.
   */
  public int purgeExpired(int batch) {
    // The retention is the database's (V41): the caller names no cutoff.
    return conversations.purgeExpired(batch);
  }

  /** An attachment as received: its declared type and bytes. */
  public record AttachmentIn(String fileName, String contentType, byte[] bytes) {}

  /** A conversation with its messages, as the caller may read them. */
  public record ConversationView(Conversation conversation, List<Message> messages) {}

  /**
   * A professional starts a conversation with the patient they name by INS and traits, as a push
   * names one: an unknown INS or traits that do not match are refused and traced, never guessed.
   */
  public ConversationView startAsProfessional(
      Actor actor,
      Ins ins,
      Traits traits,
      String subject,
      boolean hiddenFromRepresentatives,
      String body,
      List<AttachmentIn> attachments) {
    if (hiddenFromRepresentatives) {
      // Refused until a secret conversation hides everything a parent could read of it (the traces
      // in their history, the notification, the filed attachment, the fact that the professional
      // wrote): better no message than one a parent reads believing nothing was said.
      throw new CarnetException(ErrorCode.MESSAGE_SECRET_UNSUPPORTED);
    }
    // The role first: nobody but an identified professional learns whether an INS and traits match.
    Decision byIns = access.policy().mayStartConversationByIns(actor);
    if (!byIns.permitted()) {
      gate.pass(actor, TraceAction.MESSAGE_SEND, null, byIns, null);
    }
    UUID recordId = named.recordOf(actor, ins, traits, TraceAction.MESSAGE_SEND);
    Conversation conversation =
        new Conversation(
            UUID.randomUUID(),
            recordId,
            actor.rpps(),
            actor.finess(),
            null,
            input.subject(subject),
            hiddenFromRepresentatives,
            Conversation.Side.PROFESSIONAL,
            clock.instant(),
            clock.instant());
    // Named by INS, the addressee is a patient: a patient caller would write patient to patient.
    MessageFacts facts =
        new MessageFacts(true, true, !actor.is(Role.PATIENT), hiddenFromRepresentatives);
    return start(actor, conversation, facts, body, attachments);
  }

  /**
   * The patient (or a representative) starts a conversation with a professional, by RPPS: only one
   * who already wrote to the record (the policy decides on that fact).
   */
  public ConversationView startAsPatient(
      Actor actor,
      UUID recordId,
      String rpps,
      String subject,
      String body,
      List<AttachmentIn> attachments) {
    if (rpps == null || !rpps.matches("\\d{11}")) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "professional.rpps: 11 digits");
    }
    String finess =
        conversations.ofRecord(recordId, rpps, 1).stream()
            .findFirst()
            .map(Conversation::professionalFiness)
            .orElse(null);
    Conversation conversation =
        new Conversation(
            UUID.randomUUID(),
            recordId,
            rpps,
            finess,
            null,
            input.subject(subject),
            false,
            Conversation.Side.PATIENT,
            clock.instant(),
            clock.instant());
    // Asked only of a patient-side caller: a professional or staff is refused by role first.
    boolean patientSide = actor.is(Role.PATIENT);
    boolean wrote = patientSide && conversations.professionalWrote(recordId, rpps);
    // A start from the patient side has that side as its party: a professional names the patient by
    // INS and traits instead, never by a record id.
    return start(
        actor, conversation, new MessageFacts(patientSide, wrote, true, false), body, attachments);
  }

  private ConversationView start(
      Actor actor,
      Conversation conversation,
      MessageFacts facts,
      String body,
      List<AttachmentIn> attachments) {
    String text = input.body(body);
    List<Conversations.NewAttachment> checked = input.attachments(attachments);
    AccessFacts record =
        gate.enter(
            actor,
            conversation.recordId(),
            TraceAction.MESSAGE_SEND,
            "conversation:" + conversation.id(),
            ErrorCode.FORBIDDEN,
            (policy, r) -> policy.mayWriteMessage(actor, r, facts));
    conversations.start(conversation);
    return new ConversationView(
        conversation, List.of(add(actor, record, conversation, text, checked)));
  }

  /** A message in an existing conversation, by one of its two parties. */
  public ConversationView reply(
      Actor actor, UUID conversationId, String body, List<AttachmentIn> attachments) {
    String text = input.body(body);
    List<Conversations.NewAttachment> checked = input.attachments(attachments);
    Conversation conversation = conversation(conversationId);
    AccessFacts facts =
        gate.enter(
            actor,
            conversation.recordId(),
            TraceAction.MESSAGE_SEND,
            "conversation:" + conversationId,
            ErrorCode.FORBIDDEN,
            (policy, record) ->
                policy.mayWriteMessage(actor, record, party(actor, record, conversation)));
    Instant dayAgo = clock.instant().minus(Duration.ofDays(1));
    if (conversations.sentSince(conversationId, actor.subject(), dayAgo) >= maxMessagesPerDay) {
      throw new CarnetException(
          ErrorCode.MESSAGE_QUOTA_REACHED,
          "at most " + maxMessagesPerDay + " messages a day in a conversation");
    }
    // The answer is the new message only: a reply reads nothing (no MESSAGE_READ, no receipt).
    return new ConversationView(
        conversation, List.of(add(actor, facts, conversation, text, checked)));
  }

  /**
   * A conversation and its messages; read by the patient side, the professional's messages get
   * their read receipt.
   */
  public ConversationView read(Actor actor, UUID conversationId, Instant before) {
    Conversation conversation = conversation(conversationId);
    AccessFacts facts =
        gate.enter(
            actor,
            conversation.recordId(),
            TraceAction.MESSAGE_READ,
            "conversation:" + conversationId,
            ErrorCode.CONVERSATION_NOT_FOUND,
            (policy, record) ->
                policy.mayReadMessages(actor, record, party(actor, record, conversation)));
    // The receipt says the person read it: a representative reading is not the minor reading.
    if (actor.is(Role.PATIENT) && facts.relationship() == Relationship.OWNER) {
      conversations.markRead(conversationId, clock.instant());
    }
    return new ConversationView(
        conversation, conversations.messages(conversationId, before, PAGE_LIMIT));
  }

  /**
   * The record's conversations the caller may read: the patient side sees them all (a
   * representative not those kept from representatives), a professional their own; traced once.
   */
  public List<Conversation> list(Actor actor, UUID recordId) {
    // The list itself is decided as a read of a conversation the caller would be party to; a
    // professional is party only if they have one with this record (else refused, traced as such,
    // rather than a MESSAGE_READ permit for nothing read).
    boolean party =
        !actor.is(Role.PROFESSIONAL)
            || (actor.rpps() != null
                && !conversations.ofRecord(recordId, actor.rpps(), 1).isEmpty());
    AccessFacts facts =
        gate.enter(
            actor,
            recordId,
            TraceAction.MESSAGE_READ,
            "conversations",
            ErrorCode.FORBIDDEN,
            (policy, record) ->
                policy.mayReadMessages(actor, record, new MessageFacts(party, true, true, false)));
    List<Conversation> found =
        conversations.ofRecord(
            recordId, actor.is(Role.PROFESSIONAL) ? actor.rpps() : null, LIST_LIMIT);
    List<Conversation> readable = new ArrayList<>();
    for (Conversation c : found) {
      if (access.policy().mayReadMessages(actor, facts, party(actor, facts, c)).permitted()) {
        readable.add(c);
      }
    }
    return readable;
  }

  /**
   * Files a message's attachment into the record, in one action, as the patient's own upload (class
   * PATIENT) whose title keeps the provenance: which message, which professional.
   */
  public Published fileAttachment(Actor actor, UUID conversationId, UUID attachmentId) {
    Conversation conversation = conversation(conversationId);
    Conversations.StoredAttachment attachment =
        conversations
            .attachment(attachmentId)
            .filter(a -> a.conversationId().equals(conversationId))
            .orElseThrow(() -> new CarnetException(ErrorCode.DOCUMENT_NOT_FOUND));
    gate.enter(
        actor,
        conversation.recordId(),
        TraceAction.ATTACHMENT_FILE,
        "attachment:" + attachmentId,
        ErrorCode.FORBIDDEN,
        (policy, record) ->
            policy.mayFileAttachment(actor, record, party(actor, record, conversation)));
    Published published =
        documents.publish(
            actor,
            new PublishCommand(
                "message-attachment:" + attachmentId,
                null,
                null,
                null,
                attachment.fileName()
                    + " (pièce jointe du message "
                    + attachment.messageId()
                    + (attachment.senderRpps() != null
                        ? ", professionnel RPPS " + attachment.senderRpps()
                        : ", pharmacie FINESS " + attachment.organisationFiness())
                    + ")",
                clock.instant(),
                attachment.contentType(),
                DocumentContent.of(attachment.bytes()),
                null,
                false,
                false));
    conversations.filed(attachmentId, published.document().id(), clock.instant());
    return published;
  }

  private Message add(
      Actor actor,
      AccessFacts facts,
      Conversation conversation,
      String text,
      List<Conversations.NewAttachment> a) {
    Conversation.Side side =
        actor.is(Role.PROFESSIONAL) ? Conversation.Side.PROFESSIONAL : Conversation.Side.PATIENT;
    // Who of the patient side wrote, for the professional to tell a parent's words from the
    // minor's.
    Message.SenderRelationship relationship =
        side == Conversation.Side.PROFESSIONAL
            ? null
            : facts != null && facts.relationship() == Relationship.REPRESENTATIVE
                ? Message.SenderRelationship.REPRESENTATIVE
                : Message.SenderRelationship.OWNER;
    Message message =
        new Message(
            UUID.randomUUID(),
            conversation.id(),
            clock.instant(),
            side,
            actor.subject(),
            text,
            null,
            List.of(),
            relationship);
    conversations.add(
        message,
        side == Conversation.Side.PROFESSIONAL
            ? new Conversations.Sender(actor.rpps(), actor.profession(), actor.finess())
            : null,
        a);
    if (side == Conversation.Side.PROFESSIONAL) {
      // Told without content, grouped with the record's other notifications of the window.
      notifications.messageArrived(conversation.recordId());
    }
    List<Message.Attachment> kept =
        a.stream()
            .map(
                n ->
                    new Message.Attachment(
                        n.id(), n.fileName(), n.contentType(), n.size(), n.hash(), null))
            .toList();
    return new Message(
        message.id(),
        message.conversationId(),
        message.sentAt(),
        side,
        message.senderSubject(),
        text,
        null,
        kept,
        relationship);
  }

  /**
   * What the conversation is to the actor, for the policy: a professional is party to their own, or
   * to one addressed to the organisation their token acts for (the policy then asks that they be a
   * pharmacist).
   */
  static MessageFacts party(Actor actor, AccessFacts record, Conversation c) {
    boolean participant =
        actor.is(Role.PROFESSIONAL)
            ? c.addressedToOrganisation()
                ? c.organisationFiness().equals(actor.finess())
                : c.professionalRpps().equals(actor.rpps())
            : actor.is(Role.PATIENT) && record.relationship() != Relationship.NONE;
    return new MessageFacts(
        participant, true, true, c.hiddenFromRepresentatives(), c.addressedToOrganisation());
  }

  private Conversation conversation(UUID conversationId) {
    return conversations
        .find(conversationId)
        .orElseThrow(() -> new CarnetException(ErrorCode.CONVERSATION_NOT_FOUND));
  }
}
