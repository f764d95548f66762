package fr.carnet.consent.interfaces.rest;

import fr.carnet.consent.application.ConsentService;
import fr.carnet.consent.application.RestrictionService;
import fr.carnet.consent.model.ConsentRepository;
import fr.carnet.consent.model.ResearchPreferences;
import fr.carnet.record.interfaces.rest.DocumentMapping;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.record.model.DocumentQuery;
import fr.carnet.record.model.DocumentStatus;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.rest.Paging;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The patient's controls (patient or representative token): masks, blocks, the designated GP,
 * settings, research preferences, and "what would this professional see, and why?".
 */
@Path("/v1/records")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Patient controls")
public class ControlsResource {

  @EJB private ConsentService consent;
  @EJB private RestrictionService restrictions;
  @Inject private CurrentActor actor;
  @Context private UriInfo uri;

  /** A masked document. */
  public record MaskJson(
      @Schema(type = SchemaType.STRING, format = "uuid") UUID documentId,
      @JsonbProperty("class") String classCode,
      String title,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant maskedAt) {}

  /** A masked document class: every document of it, present and future, is masked. */
  public record ClassMaskJson(
      @JsonbProperty("class") String classCode,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant maskedAt,
      @Schema(
              description =
                  "The account that set it: the patient's, a representative's, an agent's")
          String maskedBy) {}

  /** A blocked organisation: every professional acting for this FINESS is refused. */
  public record OrganisationBlockJson(
      String finess,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant blockedAt,
      @Schema(
              description =
                  "The account that set it: the patient's, a representative's, an agent's")
          String blockedBy) {}

  /** A blocked professional. */
  public record BlockJson(
      String rpps, @Schema(type = SchemaType.STRING, format = "date-time") Instant blockedAt) {}

  /** The designated GP. */
  public static class DesignatedGpRequest {
    @Schema(example = "10101010101")
    @NotNull
    public String rpps;
  }

  /** Settings, as read and as written (every field is required on PUT). */
  public static class SettingsJson {
    @NotNull public Boolean emergencyAccess;
    @NotNull public Boolean notifyByEmail;
    @NotNull public Boolean notifyBySms;

    @Schema(
        description =
            "Access notifications by letter, for a person with neither email nor phone; absent on"
                + " PUT: unchanged")
    public Boolean notifyByPost;

    @Schema(readOnly = true, description = "The designated GP's RPPS, set through designated-gp")
    public String designatedGp;

    static SettingsJson of(ConsentService.Settings settings) {
      SettingsJson json = new SettingsJson();
      json.emergencyAccess = settings.emergencyAccess();
      json.notifyByEmail = settings.notifyByEmail();
      json.notifyBySms = settings.notifyBySms();
      json.notifyByPost = settings.notifyByPost();
      json.designatedGp = settings.designatedGp();
      return json;
    }
  }

  /** Research preferences, apart from care. */
  public static class ResearchJson {
    @NotNull public Boolean globalOpposition;

    @Schema(description = "Study id -> ACCEPT or REFUSE")
    public Map<String, String> studies;

    static ResearchJson of(ConsentService.Research research) {
      ResearchJson json = new ResearchJson();
      json.globalOpposition = research.globalOpposition();
      json.studies = new LinkedHashMap<>();
      research.studies().forEach((study, choice) -> json.studies.put(study, choice.name()));
      return json;
    }
  }

  /** The answer of the access preview. */
  public record PreviewJson(DecisionJson record, List<PreviewedJson> documents, String next) {}

  /** A decision, explained. */
  public record DecisionJson(boolean permitted, String layer, String reason, String mode) {}

  /** One document, as the professional would find it. */
  public record PreviewedJson(
      @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
      @JsonbProperty("class") String classCode,
      String title,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant authoredAt,
      boolean visible,
      String layer,
      String reason) {}

  // ---- Masks ---------------------------------------------------------------------------------

  @GET
  @Path("{recordId}/masks")
  @Operation(summary = "Documents the patient masked from professionals")
  @APIResponse(
      responseCode = "200",
      description = "Masked documents",
      content = @Content(schema = @Schema(implementation = MaskJson[].class)))
  public List<MaskJson> masks(@PathParam("recordId") String recordId) {
    return consent.masks(actor.get(), ResourceIds.uuid(recordId)).stream()
        .map(m -> new MaskJson(m.documentId(), m.classCode(), m.title(), m.maskedAt()))
        .toList();
  }

  @PUT
  @Path("{recordId}/masks/{documentId}")
  @Operation(
      summary = "Mask a document: hidden from professionals but its author and the designated GP")
  @APIResponse(responseCode = "204", description = "Masked")
  @APIResponse(responseCode = "404", description = "DOCUMENT_NOT_FOUND")
  public Response mask(
      @PathParam("recordId") String recordId, @PathParam("documentId") String documentId) {
    consent.mask(actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(documentId), true);
    return Response.noContent().build();
  }

  @DELETE
  @Path("{recordId}/masks/{documentId}")
  @Operation(summary = "Unmask a document")
  @APIResponse(responseCode = "204", description = "Unmasked")
  public Response unmask(
      @PathParam("recordId") String recordId, @PathParam("documentId") String documentId) {
    consent.mask(actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(documentId), false);
    return Response.noContent().build();
  }

  // ---- Masked classes (issue 18) -------------------------------------------------------------

  @GET
  @Path("{recordId}/masks/classes")
  @Operation(summary = "Document classes the patient masked (future documents of them too)")
  @APIResponse(
      responseCode = "200",
      description = "Masked classes, newest first",
      content = @Content(schema = @Schema(implementation = ClassMaskJson[].class)))
  public List<ClassMaskJson> classMasks(@PathParam("recordId") String recordId) {
    return restrictions.restrictions(actor.get(), ResourceIds.uuid(recordId)).classes().stream()
        .map(m -> new ClassMaskJson(m.classCode(), m.maskedAt(), m.maskedBy()))
        .toList();
  }

  @PUT
  @Path("{recordId}/masks/classes/{class}")
  @Operation(
      summary = "Mask a document class: all its documents, present and future",
      description =
          "Every document of the class behaves as masked: hidden from professionals but its"
              + " author and the designated GP. Patient or representative; an agent may set it on"
              + " the patient's request by phone (traced under the agent's name).")
  @APIResponse(responseCode = "204", description = "Masked (idempotent)")
  @APIResponse(responseCode = "400", description = "DOCUMENT_CLASS_UNKNOWN")
  @APIResponse(responseCode = "403", description = "FORBIDDEN")
  public Response maskClass(
      @PathParam("recordId") String recordId, @PathParam("class") String classCode) {
    restrictions.maskClass(actor.get(), ResourceIds.uuid(recordId), classCode, true);
    return Response.noContent().build();
  }

  @DELETE
  @Path("{recordId}/masks/classes/{class}")
  @Operation(
      summary = "Lift the mask of a document class (patient or representative; never an agent)")
  @APIResponse(responseCode = "204", description = "Unmasked (idempotent)")
  @APIResponse(responseCode = "400", description = "DOCUMENT_CLASS_UNKNOWN")
  @APIResponse(responseCode = "403", description = "FORBIDDEN (an agent: AGENT_MAY_NOT_LIFT)")
  public Response unmaskClass(
      @PathParam("recordId") String recordId, @PathParam("class") String classCode) {
    restrictions.maskClass(actor.get(), ResourceIds.uuid(recordId), classCode, false);
    return Response.noContent().build();
  }

  // ---- Blocks --------------------------------------------------------------------------------

  @GET
  @Path("{recordId}/blocks/organisations")
  @Operation(summary = "Organisations (FINESS) the patient blocked")
  @APIResponse(
      responseCode = "200",
      description = "Blocked organisations, newest first",
      content = @Content(schema = @Schema(implementation = OrganisationBlockJson[].class)))
  public List<OrganisationBlockJson> organisationBlocks(@PathParam("recordId") String recordId) {
    return restrictions
        .restrictions(actor.get(), ResourceIds.uuid(recordId))
        .organisations()
        .stream()
        .map(b -> new OrganisationBlockJson(b.finess(), b.blockedAt(), b.blockedBy()))
        .toList();
  }

  @PUT
  @Path("{recordId}/blocks/organisations/{finess}")
  @Operation(
      summary = "Block an organisation by FINESS: everyone acting for it sees nothing",
      description =
          "Every professional whose token names this FINESS is refused, break-glass and"
              + " regulation included, and the record is absent for them, as for a blocked"
              + " professional. Patient or representative; an agent may set it on the patient's"
              + " request by phone (traced under the agent's name).")
  @APIResponse(responseCode = "204", description = "Blocked (idempotent)")
  @APIResponse(responseCode = "400", description = "VALIDATION_FAILED (a FINESS has 9 characters)")
  @APIResponse(responseCode = "403", description = "FORBIDDEN")
  public Response blockOrganisation(
      @PathParam("recordId") String recordId, @PathParam("finess") String finess) {
    restrictions.blockOrganisation(actor.get(), ResourceIds.uuid(recordId), finess, true);
    return Response.noContent().build();
  }

  @DELETE
  @Path("{recordId}/blocks/organisations/{finess}")
  @Operation(summary = "Unblock an organisation (patient or representative; never an agent)")
  @APIResponse(responseCode = "204", description = "Unblocked (idempotent)")
  @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
  @APIResponse(responseCode = "403", description = "FORBIDDEN (an agent: AGENT_MAY_NOT_LIFT)")
  public Response unblockOrganisation(
      @PathParam("recordId") String recordId, @PathParam("finess") String finess) {
    restrictions.blockOrganisation(actor.get(), ResourceIds.uuid(recordId), finess, false);
    return Response.noContent().build();
  }

  @GET
  @Path("{recordId}/blocks")
  @Operation(summary = "Professionals the patient blocked")
  @APIResponse(
      responseCode = "200",
      description = "Blocked professionals",
      content = @Content(schema = @Schema(implementation = BlockJson[].class)))
  public List<BlockJson> blocks(@PathParam("recordId") String recordId) {
    return consent.blocks(actor.get(), ResourceIds.uuid(recordId)).stream()
        .map((ConsentRepository.Block b) -> new BlockJson(b.rpps(), b.blockedAt()))
        .toList();
  }

  @PUT
  @Path("{recordId}/blocks/{rpps}")
  @Operation(summary = "Block a professional by RPPS: they see nothing of the record")
  @APIResponse(responseCode = "204", description = "Blocked")
  public Response block(@PathParam("recordId") String recordId, @PathParam("rpps") String rpps) {
    consent.block(actor.get(), ResourceIds.uuid(recordId), rpps, true);
    return Response.noContent().build();
  }

  @DELETE
  @Path("{recordId}/blocks/{rpps}")
  @Operation(summary = "Unblock a professional")
  @APIResponse(responseCode = "204", description = "Unblocked")
  public Response unblock(@PathParam("recordId") String recordId, @PathParam("rpps") String rpps) {
    consent.block(actor.get(), ResourceIds.uuid(recordId), rpps, false);
    return Response.noContent().build();
  }

  // ---- Designated GP and settings ------------------------------------------------------------

  @PUT
  @Path("{recordId}/designated-gp")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Designate the patient's GP (médecin traitant): sees masked documents")
  @APIResponse(
      responseCode = "200",
      description = "The settings",
      content = @Content(schema = @Schema(implementation = SettingsJson.class)))
  public SettingsJson designateGp(
      @PathParam("recordId") String recordId, @Valid @NotNull DesignatedGpRequest request) {
    return SettingsJson.of(
        consent.designateGp(actor.get(), ResourceIds.uuid(recordId), request.rpps));
  }

  @DELETE
  @Path("{recordId}/designated-gp")
  @Operation(summary = "No designated GP any more")
  @APIResponse(responseCode = "204", description = "Cleared")
  public Response clearGp(@PathParam("recordId") String recordId) {
    consent.designateGp(actor.get(), ResourceIds.uuid(recordId), null);
    return Response.noContent().build();
  }

  @GET
  @Path("{recordId}/settings")
  @Operation(summary = "Emergency access, notification channels, designated GP")
  @APIResponse(
      responseCode = "200",
      description = "The settings",
      content = @Content(schema = @Schema(implementation = SettingsJson.class)))
  public SettingsJson settings(@PathParam("recordId") String recordId) {
    return SettingsJson.of(consent.settings(actor.get(), ResourceIds.uuid(recordId)));
  }

  @PUT
  @Path("{recordId}/settings")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Switch emergency access and notification channels")
  @APIResponse(
      responseCode = "200",
      description = "The settings",
      content = @Content(schema = @Schema(implementation = SettingsJson.class)))
  public SettingsJson changeSettings(
      @PathParam("recordId") String recordId, @Valid @NotNull SettingsJson request) {
    return SettingsJson.of(
        consent.changeSettings(
            actor.get(),
            ResourceIds.uuid(recordId),
            request.emergencyAccess,
            request.notifyByEmail,
            request.notifyBySms,
            request.notifyByPost));
  }

  // ---- Research ------------------------------------------------------------------------------

  @GET
  @Path("{recordId}/research-preferences")
  @Operation(summary = "Preferences for research use (secondary use, apart from care)")
  @APIResponse(
      responseCode = "200",
      description = "The preferences",
      content = @Content(schema = @Schema(implementation = ResearchJson.class)))
  public ResearchJson research(@PathParam("recordId") String recordId) {
    return ResearchJson.of(consent.research(actor.get(), ResourceIds.uuid(recordId)));
  }

  @PUT
  @Path("{recordId}/research-preferences")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Global opposition and per-study choices")
  @APIResponse(
      responseCode = "200",
      description = "The preferences",
      content = @Content(schema = @Schema(implementation = ResearchJson.class)))
  public ResearchJson changeResearch(
      @PathParam("recordId") String recordId, @Valid @NotNull ResearchJson request) {
    Map<String, ResearchPreferences.Choice> choices = new LinkedHashMap<>();
    if (request.studies != null) {
      request.studies.forEach(
          (study, choice) -> {
            try {
              choices.put(study, ResearchPreferences.Choice.valueOf(String.valueOf(choice)));
            } catch (IllegalArgumentException e) {
              throw new CarnetException(
                  ErrorCode.VALIDATION_FAILED, "studies: each choice is ACCEPT or REFUSE");
            }
          });
    }
    return ResearchJson.of(
        consent.changeResearch(
            actor.get(), ResourceIds.uuid(recordId), request.globalOpposition, choices));
  }

  // ---- Preview -------------------------------------------------------------------------------

  @GET
  @Path("{recordId}/access-preview")
  @Operation(
      summary = "What would this professional see, and why? Nothing is accessed.",
      description =
          "The record-level decision for the professional as things stand (grants, blocks,"
              + " designated GP, matrix, masked classes; with finess, the block of the organisation"
              + " they act for), then each document of the page with the layer that decides it.")
  @APIResponse(
      responseCode = "200",
      description = "The preview",
      content = @Content(schema = @Schema(implementation = PreviewJson.class)))
  public PreviewJson preview(
      @PathParam("recordId") String recordId,
      @QueryParam("rpps") String rpps,
      @QueryParam("profession") String profession,
      @QueryParam("specialty") String specialty,
      @QueryParam("finess") String finess,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") Integer limit) {
    int size = Paging.limit(limit, DocumentQuery.DEFAULT_LIMIT, DocumentQuery.MAX_LIMIT);
    DocumentQuery query =
        new DocumentQuery(
            null,
            null,
            null,
            null,
            null,
            DocumentStatus.CURRENT,
            DocumentMapping.position(cursor),
            size);
    ConsentService.Preview preview =
        consent.preview(
            actor.get(), ResourceIds.uuid(recordId), rpps, profession, specialty, finess, query);
    String next =
        preview.next() == null
            ? null
            : uri.getRequestUriBuilder()
                .replaceQueryParam("cursor", DocumentMapping.cursor(preview.next()))
                .build()
                .toString();
    var decision = preview.record();
    return new PreviewJson(
        new DecisionJson(
            decision.permitted(),
            decision.layer().name(),
            decision.reason(),
            decision.mode() == null ? null : decision.mode().name()),
        preview.documents().stream()
            .map(
                d ->
                    new PreviewedJson(
                        d.id(),
                        d.classCode(),
                        d.title(),
                        d.authoredAt(),
                        d.visible(),
                        d.layer().name(),
                        d.reason()))
            .toList(),
        next);
  }
}
