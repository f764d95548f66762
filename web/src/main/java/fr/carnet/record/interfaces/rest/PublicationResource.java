package fr.carnet.record.interfaces.rest;

import fr.carnet.record.application.DocumentService;
import fr.carnet.record.model.DocumentContent;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pushes of documents by care software, and patients' own uploads. */
@Path("/v1/documents")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin", "app"})
@Tag(name = "Documents")
public class PublicationResource {

  @EJB private DocumentService documents;
  @Inject private CurrentActor actor;
  @Inject private Validator validator;
  @Context private UriInfo uri;

  @Inject
  @ConfigProperty(name = "carnet.documents.max-bytes", defaultValue = "20971520")
  private long maxBytes;

  @POST
  @Operation(
      summary = "Publish a document (professional) or upload one to one's own record (patient)",
      description =
          "Idempotent on uniqueId per source organisation: the same push again answers 200 with"
              + " the same document; another document under a used uniqueId is 409.")
  @APIResponse(
      responseCode = "201",
      description = "Filed",
      content = @Content(schema = @Schema(implementation = DocumentJson.class)))
  @APIResponse(responseCode = "200", description = "Already filed by an earlier identical push")
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_FAILED, DOCUMENT_TYPE_UNKNOWN, INS_*, TRAITS_INVALID")
  @APIResponse(responseCode = "403", description = "DENIED_BY_MATRIX, FORBIDDEN")
  @APIResponse(
      responseCode = "409",
      description = "INS_TRAITS_MISMATCH, RECORD_NOT_AVAILABLE, DOCUMENT_CONFLICT")
  @APIResponse(responseCode = "413", description = "DOCUMENT_TOO_LARGE")
  @APIResponse(responseCode = "415", description = "UNSUPPORTED_CONTENT")
  public Response publish(@Valid @NotNull PublishDocumentRequest request) {
    return PublishedResponse.of(
        documents.publish(actor.get(), DocumentMapping.command(request, maxBytes)), uri);
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(
      summary = "Publish a document as bytes: a part metadata (JSON) and a part content",
      description =
          "The same push as the JSON one, its content as it is (no base64): the part metadata"
              + " holds the JSON of a push without content; the part content, the document. The"
              + " content type is the metadata's, or else the content part's own.")
  @APIResponse(
      responseCode = "201",
      description = "Filed",
      content = @Content(schema = @Schema(implementation = DocumentJson.class)))
  @APIResponse(responseCode = "200", description = "Already filed by an earlier identical push")
  @APIResponse(
      responseCode = "400",
      description = "MULTIPART_INVALID, VALIDATION_FAILED, MALFORMED_JSON, DOCUMENT_TYPE_UNKNOWN")
  @APIResponse(responseCode = "403", description = "DENIED_BY_MATRIX, FORBIDDEN")
  @APIResponse(responseCode = "413", description = "DOCUMENT_TOO_LARGE")
  @APIResponse(responseCode = "415", description = "UNSUPPORTED_CONTENT")
  public Response upload(List<EntityPart> parts) throws IOException {
    MultipartPush push = MultipartPush.of(parts);
    PublishDocumentRequest request = push.request(validator);
    // Counted, hashed and checked as it is read; refused as soon as it passes the bound. A large
    // content waits in a temporary file, removed whatever the outcome.
    try (InputStream bytes = push.content();
        DocumentContent content = DocumentContent.receive(bytes, maxBytes)) {
      return PublishedResponse.of(
          documents.publish(actor.get(), DocumentMapping.command(request, content)), uri);
    }
  }
}
