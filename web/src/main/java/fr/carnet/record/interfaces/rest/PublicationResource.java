package fr.carnet.record.interfaces.rest;

import fr.carnet.record.application.DocumentService;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Documents")
public class PublicationResource {

  @EJB private DocumentService documents;
  @Inject private CurrentActor actor;
  @Context private UriInfo uri;

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
        documents.publish(actor.get(), DocumentMapping.command(request)), uri);
  }
}
