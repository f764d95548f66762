package fr.carnet.messaging.interfaces.rest;

import fr.carnet.messaging.application.MessagingService;
import fr.carnet.messaging.application.MessagingService.AttachmentIn;
import fr.carnet.messaging.application.MessagingService.ConversationView;
import fr.carnet.messaging.application.PharmacyMessagingService;
import fr.carnet.messaging.model.Conversation;
import fr.carnet.messaging.model.Message;
import fr.carnet.record.application.Published;
import fr.carnet.record.interfaces.rest.IdentityMapping;
import fr.carnet.record.interfaces.rest.PatientJson;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.record.model.Base64Content;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The secure messaging (issue 21). Parses and answers only: who may write, read or file is the
 * policy's, asked by the service through the gate. Bodies are bounded on the stream by {@code
 * BodyLimitFilter} (a document's worth); attachments are checked as documents' contents are.
 */
@Path("/v1/conversations")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Messaging")
public class ConversationResource {

  @EJB private MessagingService messaging;
  @EJB private PharmacyMessagingService pharmacies;
  @Inject private CurrentActor actor;

  @Inject
  @ConfigProperty(name = "carnet.documents.max-bytes", defaultValue = "20971520")
  private long maxBytes;

  /** An attachment: its file name, media type and content in base64. */
  public static class AttachmentJson {
    public String fileName;
    public String contentType;
    public String content;
  }

  /** The professional named by RPPS, when the patient side writes first. */
  public static class ProfessionalJson {
    public String rpps;
  }

  /** The pharmacy named by FINESS (no RPPS), when the patient side sends it a prescription. */
  public static class PharmacyJson {
    public String finess;
  }

  /** The prescription sent to a pharmacy: a document of the record, copied as the attachment. */
  public static class PrescriptionJson {
    public String documentId;
  }

  /**
   * A first message: a professional names the patient ({@code patient}: INS and traits, as a push);
   * the patient side names their record ({@code recordId}) and the professional ({@code
   * professional.rpps}), or a pharmacy ({@code pharmacy.finess}) with a prescription ({@code
   * prescription.documentId}, or attachments).
   */
  public static class StartRequest {
    public PatientJson patient;
    public String recordId;
    public ProfessionalJson professional;
    public PharmacyJson pharmacy;
    public PrescriptionJson prescription;
    public String subject;
    public String body;
    public boolean hiddenFromRepresentatives;
    public List<AttachmentJson> attachments;
  }

  /** A reply in a conversation. */
  public static class MessageRequest {
    public String body;
    public List<AttachmentJson> attachments;
  }

  /** An attachment as listed (no bytes); {@code filedDocumentId} once filed into the record. */
  public record AttachmentView(
      String id,
      String fileName,
      String contentType,
      long size,
      String hash,
      String filedDocumentId) {}

  /** A message; {@code readAt} is the read receipt of a professional's message. */
  public record MessageJson(
      String id,
      Instant sentAt,
      String from,
      String body,
      Instant readAt,
      List<AttachmentView> attachments) {}

  /**
   * A conversation, with its messages when one is read; its counterpart is a professional ({@code
   * professionalRpps}) or a pharmacy ({@code pharmacyFiness}), the other null.
   */
  public record ConversationJson(
      String id,
      String recordId,
      @Schema(nullable = true) String professionalRpps,
      @Schema(nullable = true) String pharmacyFiness,
      String subject,
      boolean hiddenFromRepresentatives,
      String startedBy,
      Instant startedAt,
      Instant lastMessageAt,
      List<MessageJson> messages) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Start a conversation: a professional names the patient by INS and traits; the patient"
              + " (or a representative) writes first only to a professional who already wrote to"
              + " them, or sends a prescription (a PRESCRIPTION document of the record, or an"
              + " attachment) to a pharmacy (FINESS) one of whose pharmacists already filed a"
              + " document in, or wrote to, the record. Traced MESSAGE_SEND; the patient is"
              + " notified of a professional's message without content")
  @APIResponse(
      responseCode = "201",
      description = "The conversation with its first message",
      content = @Content(schema = @Schema(implementation = ConversationJson.class)))
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_FAILED, PRESCRIPTION_REQUIRED, MESSAGE_SECRET_UNSUPPORTED")
  @APIResponse(
      responseCode = "403",
      description =
          "MESSAGING_NOT_ALLOWED, PHARMACY_NOT_VISITED, PHARMACY_BLOCKED, RESERVED_TO_PATIENT,"
              + " FORBIDDEN")
  @APIResponse(
      responseCode = "404",
      description =
          "RECORD_NOT_FOUND (blocked professionals too), DOCUMENT_NOT_FOUND (a prescription the"
              + " caller may not read)")
  @APIResponse(responseCode = "409", description = "INS_TRAITS_MISMATCH, RECORD_NOT_AVAILABLE")
  @APIResponse(responseCode = "413", description = "DOCUMENT_TOO_LARGE")
  @APIResponse(responseCode = "415", description = "UNSUPPORTED_CONTENT")
  public Response start(StartRequest request) {
    if (request == null) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "a body is required");
    }
    ConversationView started =
        request.pharmacy != null
            ? pharmacies.start(
                actor.get(),
                ResourceIds.uuid(required(request.recordId, "recordId")),
                request.pharmacy.finess,
                request.subject,
                request.body,
                request.prescription == null
                    ? null
                    : ResourceIds.uuid(
                        required(request.prescription.documentId, "prescription.documentId")),
                attachments(request.attachments))
            : request.patient != null
                ? messaging.startAsProfessional(
                    actor.get(),
                    IdentityMapping.ins(request.patient.ins),
                    IdentityMapping.traits(request.patient.traits),
                    request.subject,
                    request.hiddenFromRepresentatives,
                    request.body,
                    attachments(request.attachments))
                : messaging.startAsPatient(
                    actor.get(),
                    ResourceIds.uuid(required(request.recordId, "recordId or patient")),
                    request.professional == null ? null : request.professional.rpps,
                    request.subject,
                    request.body,
                    attachments(request.attachments));
    return Response.status(Response.Status.CREATED)
        .header("Location", "/api/v1/conversations/" + started.conversation().id())
        .entity(json(started.conversation(), started.messages()))
        .build();
  }

  @GET
  @Operation(summary = "The record's conversations the caller may read (traced MESSAGE_READ)")
  @APIResponse(
      responseCode = "200",
      description = "Conversations, newest message first, without their messages",
      content = @Content(schema = @Schema(implementation = ConversationJson[].class)))
  public List<ConversationJson> list(@QueryParam("record") String recordId) {
    return messaging.list(actor.get(), ResourceIds.uuid(required(recordId, "record"))).stream()
        .map(c -> json(c, null))
        .toList();
  }

  @GET
  @Path("pharmacy-inbox")
  @Operation(
      summary =
          "A pharmacist's inbox: the conversations addressed to the FINESS of their token, newest"
              + " first (at most 25), each traced MESSAGE_READ on its record; those of patients"
              + " who blocked the pharmacy, or whose record is not open, are left out")
  @APIResponse(
      responseCode = "200",
      description = "Conversations, without their messages",
      content = @Content(schema = @Schema(implementation = ConversationJson[].class)))
  @APIResponse(
      responseCode = "403",
      description = "FORBIDDEN: not a pharmacist acting for a FINESS")
  public List<ConversationJson> pharmacyInbox() {
    return pharmacies.inbox(actor.get()).stream().map(c -> json(c, null)).toList();
  }

  @GET
  @Path("{conversationId}")
  @Operation(
      summary =
          "A conversation and a page of its messages: the newest 50, or the 50 sent before"
              + " `before` (an instant: the oldest sentAt of the previous page), oldest first"
              + " (traced MESSAGE_READ); read by the patient themself, the professional's messages"
              + " get their read receipt (a representative's reading sets none)")
  @APIResponse(
      responseCode = "200",
      description = "The conversation",
      content = @Content(schema = @Schema(implementation = ConversationJson.class)))
  @APIResponse(responseCode = "404", description = "CONVERSATION_NOT_FOUND")
  public ConversationJson read(
      @PathParam("conversationId") String conversationId, @QueryParam("before") String before) {
    ConversationView view =
        messaging.read(actor.get(), ResourceIds.uuid(conversationId), instant(before));
    return json(view.conversation(), view.messages());
  }

  @POST
  @Path("{conversationId}/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Write in a conversation, by one of its two parties (traced MESSAGE_SEND); at most"
              + " carnet.messaging.max-messages-per-day per sender and conversation")
  @APIResponse(
      responseCode = "201",
      description = "The conversation with the new message only (a reply reads nothing)",
      content = @Content(schema = @Schema(implementation = ConversationJson.class)))
  @APIResponse(responseCode = "404", description = "CONVERSATION_NOT_FOUND, RECORD_NOT_FOUND")
  @APIResponse(responseCode = "429", description = "MESSAGE_QUOTA_REACHED")
  public Response reply(
      @PathParam("conversationId") String conversationId, MessageRequest request) {
    if (request == null) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "a body is required");
    }
    ConversationView view =
        messaging.reply(
            actor.get(),
            ResourceIds.uuid(conversationId),
            request.body,
            attachments(request.attachments));
    return Response.status(Response.Status.CREATED)
        .entity(json(view.conversation(), view.messages()))
        .build();
  }

  @POST
  @Path("{conversationId}/attachments/{attachmentId}/filing")
  @Operation(
      summary =
          "The patient files an attachment into their record in one action: a PATIENT document"
              + " whose title keeps its provenance (traced ATTACHMENT_FILE and DOCUMENT_PUBLISH)")
  @APIResponse(responseCode = "201", description = "{\"documentId\", \"recordId\", \"class\"}")
  public Response file(
      @PathParam("conversationId") String conversationId,
      @PathParam("attachmentId") String attachmentId) {
    Published published =
        messaging.fileAttachment(
            actor.get(), ResourceIds.uuid(conversationId), ResourceIds.uuid(attachmentId));
    return Response.status(Response.Status.CREATED)
        .entity(
            java.util.Map.of(
                "documentId", published.document().id().toString(),
                "recordId", published.document().recordId().toString(),
                "class", published.document().classCode()))
        .build();
  }

  private List<AttachmentIn> attachments(List<AttachmentJson> given) {
    if (given == null) {
      return List.of();
    }
    if (given.size() > 5 || given.contains(null)) {
      // Before any decoding: a null is no attachment, and no more than the service keeps are read.
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "attachments: at most 5, each an object");
    }
    return given.stream()
        .map(
            a ->
                new AttachmentIn(
                    a.fileName,
                    a.contentType,
                    a.content == null ? null : Base64Content.decode(a.content, maxBytes).bytes()))
        .toList();
  }

  private static Instant instant(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "before: an ISO-8601 instant");
    }
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, name + " is required");
    }
    return value;
  }

  private static ConversationJson json(Conversation c, List<Message> messages) {
    return new ConversationJson(
        c.id().toString(),
        c.recordId().toString(),
        c.professionalRpps(),
        c.organisationFiness(),
        c.subject(),
        c.hiddenFromRepresentatives(),
        c.startedBy().name(),
        c.startedAt(),
        c.lastMessageAt(),
        messages == null
            ? null
            : messages.stream()
                .map(
                    m ->
                        new MessageJson(
                            m.id().toString(),
                            m.sentAt(),
                            // PROFESSIONAL, PATIENT (the person) or REPRESENTATIVE.
                            m.senderRelationship() == Message.SenderRelationship.REPRESENTATIVE
                                ? "REPRESENTATIVE"
                                : m.senderSide().name(),
                            m.body(),
                            m.readAt(),
                            m.attachments().stream()
                                .map(
                                    a ->
                                        new AttachmentView(
                                            a.id().toString(),
                                            a.fileName(),
                                            a.contentType(),
                                            a.size(),
                                            a.hash(),
                                            a.filedDocumentId() == null
                                                ? null
                                                : a.filedDocumentId().toString()))
                                .toList()))
                .toList());
  }
}
