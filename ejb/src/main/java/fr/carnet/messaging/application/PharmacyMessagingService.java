package fr.carnet.messaging.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.Decision;
import fr.carnet.access.PharmacyFacts;
import fr.carnet.access.Relationship;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.consent.application.RestrictionService;
import fr.carnet.messaging.application.MessagingService.AttachmentIn;
import fr.carnet.messaging.application.MessagingService.ConversationView;
import fr.carnet.messaging.model.Conversation;
import fr.carnet.messaging.model.Conversations;
import fr.carnet.messaging.model.Message;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.model.ContentStore;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.DocumentRepository;
import fr.carnet.security.Actor;
import fr.carnet.shared.AccessRefused;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pharmacy case of the secure messaging (issue 21, item 1): the patient side sends a
 * prescription to a pharmacy (FINESS) they have already been to, and the pharmacy's pharmacists
 * find it in their inbox. Each method one transaction in which the facts are gathered, the gate
 * asks {@link fr.carnet.access.AccessPolicy} and writes the trace; nothing here decides access.
 */
@Stateless
public class PharmacyMessagingService {

  /** Distinct facts enough to decide "been to": never a whole record's history. */
  private static final int CONTACT_LIMIT = 16;

  /** The newest conversations an inbox lists: each is decided and traced on its own record. */
  static final int INBOX_LIMIT = 25;

  @Inject private Conversations conversations;
  @Inject private MessageInput input;
  @Inject private AccessGate gate;
  @Inject private AccessService access;
  @Inject private DocumentRepository documents;
  @Inject private ContentStore contents;
  @Inject private Clock clock;

  /**
   * How many conversations one record starts with one pharmacy in a day (policy: configurable): one
   * patient cannot fill a pharmacy's inbox, which lists the newest, and push other patients'
   * prescriptions out of it.
   */
  @Inject
  @ConfigProperty(name = "carnet.messaging.max-pharmacy-conversations-per-day", defaultValue = "3")
  private int maxPharmacyConversationsPerDay;

  /**
   * The patient (or a representative) starts a conversation with a pharmacy, by FINESS, with a
   * prescription: a document of the record named by id, copied as the attachment, or attachments of
   * their own. Refused and traced, nothing stored, unless the policy permits.
   */
  public ConversationView start(
      Actor actor,
      UUID recordId,
      String finess,
      String subject,
      String body,
      UUID prescriptionId,
      List<AttachmentIn> attachments) {
    RestrictionService.requireFiness(finess);
    String title = input.subject(subject);
    String text = input.body(body);
    List<Conversations.NewAttachment> checked = new ArrayList<>(input.attachments(attachments));
    Optional<DocumentListing> named =
        prescriptionId == null ? Optional.empty() : documents.listing(recordId, prescriptionId);
    PharmacyFacts.Prescription prescription =
        new PharmacyFacts.Prescription(
            !checked.isEmpty(),
            prescriptionId != null,
            named.map(DocumentService::documentFacts).orElse(null),
            named.map(d -> d.reference() == null && d.size() != null).orElse(false));
    PharmacyFacts pharmacy =
        new PharmacyFacts(
            conversations.organisationBlocked(recordId, finess),
            conversations.contactsWith(recordId, finess, CONTACT_LIMIT),
            prescription);
    Instant now = clock.instant();
    Conversation conversation =
        new Conversation(
            UUID.randomUUID(),
            recordId,
            null,
            null,
            finess,
            title,
            false,
            Conversation.Side.PATIENT,
            now,
            now);
    // The detail names the pharmacy: the patient's history says to whom they wrote. A document
    // the caller may not read is absent for them (the trace keeps why). The trace is about the
    // prescription named, so that one hidden from the representatives (a minor's secret) leaves
    // nothing in their history, not even a refused attempt to send it.
    TraceSubject about =
        named
            .map(
                d ->
                    TraceSubject.of(d.id(), d.withheldFromPatient(), d.hiddenFromRepresentatives()))
            .orElse(TraceSubject.NONE);
    AccessFacts record = access.facts(actor, recordId);
    gate.pass(
        actor,
        TraceAction.MESSAGE_SEND,
        recordId,
        about,
        access.policy().mayWriteToPharmacy(actor, record, pharmacy),
        "conversation:" + conversation.id() + " pharmacy:" + finess,
        ErrorCode.DOCUMENT_NOT_FOUND);
    if (conversations.startedWithOrganisationSince(recordId, finess, now.minus(Duration.ofDays(1)))
        >= maxPharmacyConversationsPerDay) {
      throw new CarnetException(
          ErrorCode.MESSAGE_QUOTA_REACHED,
          "at most " + maxPharmacyConversationsPerDay + " conversations a day with one pharmacy");
    }
    if (named.isPresent()) {
      checked.add(0, copy(named.get()));
    }
    conversations.start(conversation);
    conversations.add(
        new Message(
            UUID.randomUUID(),
            conversation.id(),
            now,
            Conversation.Side.PATIENT,
            actor.subject(),
            text,
            null,
            List.of(),
            record.relationship() == Relationship.REPRESENTATIVE
                ? Message.SenderRelationship.REPRESENTATIVE
                : Message.SenderRelationship.OWNER),
        null,
        checked);
    return new ConversationView(conversation, conversations.messages(conversation.id()));
  }

  /**
   * The conversations addressed to the pharmacy the professional's token acts for, newest first (at
   * most {@value #INBOX_LIMIT}): each decided on its own record and traced there, those the policy
   * refuses (a patient who blocked the pharmacy, a record closed) left out.
   */
  public List<Conversation> inbox(Actor actor) {
    Decision allowed = access.policy().mayReadPharmacyInbox(actor);
    if (!allowed.permitted()) {
      gate.pass(actor, TraceAction.MESSAGE_READ, null, allowed, "pharmacy-inbox");
    }
    List<Conversation> readable = new ArrayList<>();
    for (Conversation c : conversations.ofOrganisation(actor.finess(), INBOX_LIMIT)) {
      try {
        gate.enter(
            actor,
            c.recordId(),
            TraceAction.MESSAGE_READ,
            "pharmacy-inbox conversation:" + c.id(),
            ErrorCode.CONVERSATION_NOT_FOUND,
            (policy, record) ->
                policy.mayReadMessages(actor, record, MessagingService.party(actor, record, c)));
        readable.add(c);
      } catch (AccessRefused refused) {
        // Traced on that record; an inbox shows what the policy lets through, nothing of the rest.
      }
    }
    return readable;
  }

  /** The named document's content, as an attachment of the same formats and limits. */
  private Conversations.NewAttachment copy(DocumentListing document) {
    if (document.size() > input.maxBytes()) {
      throw new CarnetException(
          ErrorCode.DOCUMENT_TOO_LARGE, "The prescription exceeds " + input.maxBytes() + " bytes");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) (long) document.size());
    try {
      contents.copyTo(document.id(), document.size(), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return input.attachment(
        new AttachmentIn(fileName(document), document.contentType(), bytes.toByteArray()));
  }

  /** The copy's file name: the document's title, bounded, with the extension of its format. */
  private static String fileName(DocumentListing document) {
    String title = document.title() == null ? "ordonnance" : document.title().strip();
    String base = title.length() > 180 ? title.substring(0, 180) : title;
    return base.isEmpty() ? "ordonnance" : base;
  }
}
