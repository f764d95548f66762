package fr.carnet.record.interfaces.rest;

import fr.carnet.record.application.ContentHandle;
import fr.carnet.record.application.DocumentPage;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.interfaces.fhir.FhirSearchParameters;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A record's documents: search, metadata, content. Only what the caller may see exists. */
@Path("/v1/records/{recordId}/documents")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin", "app"})
@Tag(name = "Documents")
public class DocumentResource {

  @EJB private DocumentService documents;
  @Inject private CurrentActor actor;
  @Context private UriInfo uri;

  @Inject
  @ConfigProperty(name = "carnet.documents.max-bytes", defaultValue = "20971520")
  private long maxBytes;

  @GET
  @Operation(summary = "Search a record's documents, newest first, paged")
  @APIResponse(
      responseCode = "200",
      description = "A page; follow next for the following one",
      content = @Content(schema = @Schema(implementation = DocumentPageJson.class)))
  public DocumentPageJson search(
      @PathParam("recordId") String recordId,
      @Parameter(description = "Document class, e.g. LAB") @QueryParam("class") String classCode,
      @Parameter(description = "system|code, e.g. http://loinc.org|11502-2") @QueryParam("type")
          String type,
      @Parameter(description = "Authored at or after (ISO-8601 date or date-time)")
          @QueryParam("from")
          String from,
      @Parameter(description = "Authored before (ISO-8601 date or date-time)") @QueryParam("to")
          String to,
      @Parameter(description = "Author's RPPS") @QueryParam("author") String author,
      @Parameter(description = "CURRENT (default) or SUPERSEDED") @QueryParam("status")
          String status,
      @Parameter(description = "From the previous page's next link") @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Page size, 1 to 100 (default 20)") @QueryParam("limit")
          Integer limit,
      @Parameter(
              description =
                  "me: only the documents the calling professional has not yet read, fetched or"
                      + " filed, as the audit trail says (professionals only)")
          @QueryParam("newFor")
          String newFor) {
    DocumentQuery query =
        new DocumentQuery(
            blankToNull(classCode),
            DocumentMapping.type(type),
            DocumentMapping.instant("from", from),
            DocumentMapping.instant("to", to),
            blankToNull(author),
            status(status),
            DocumentMapping.position(cursor),
            Paging.limit(limit, DocumentQuery.DEFAULT_LIMIT, DocumentQuery.MAX_LIMIT));
    if (newFor != null) {
      query = query.updated(null, null, FhirSearchParameters.unseenBy(actor.get(), newFor));
    }
    DocumentPage page = documents.search(actor.get(), ResourceIds.uuid(recordId), query);
    String next =
        page.next() == null
            ? null
            : uri.getRequestUriBuilder()
                .replaceQueryParam("cursor", DocumentMapping.cursor(page.next()))
                .build()
                .toString();
    return new DocumentPageJson(page.items().stream().map(DocumentJson::of).toList(), next);
  }

  @GET
  @Path("{documentId}")
  @Operation(summary = "A document's metadata")
  @APIResponse(
      responseCode = "200",
      description = "The metadata",
      content = @Content(schema = @Schema(implementation = DocumentJson.class)))
  @APIResponse(responseCode = "404", description = "DOCUMENT_NOT_FOUND, also when not visible")
  public DocumentJson read(
      @PathParam("recordId") String recordId, @PathParam("documentId") String documentId) {
    return DocumentJson.of(
        documents.read(actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(documentId)));
  }

  @GET
  @Path("{documentId}/content")
  @Produces(MediaType.WILDCARD)
  @Operation(summary = "A document's content, streamed, with its hash as ETag")
  @APIResponse(responseCode = "200", description = "The bytes, in the document's content type")
  @APIResponse(responseCode = "303", description = "An external reference: where the data is")
  @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
  @APIResponse(responseCode = "404", description = "DOCUMENT_NOT_FOUND, also when not visible")
  public Response content(
      @PathParam("recordId") String recordId,
      @PathParam("documentId") String documentId,
      @HeaderParam("If-None-Match") String ifNoneMatch) {
    ContentHandle content =
        documents.openContent(
            actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(documentId));
    if (content.referenceUrl() != null) {
      // The data is held elsewhere: send the caller there, with its own credentials.
      return Response.seeOther(java.net.URI.create(content.referenceUrl())).build();
    }
    EntityTag tag = new EntityTag(content.hash());
    if (ifNoneMatch != null && ifNoneMatch.contains(content.hash())) {
      return Response.notModified(tag).build();
    }
    StreamingOutput stream = content::writeTo;
    return Response.ok(stream, content.contentType())
        .tag(tag)
        .header("Content-Length", content.size())
        .build();
  }

  @POST
  @Path("{documentId}/versions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace a document by a new version (its author)",
      description =
          "The body is that of a push; patient is not needed and type defaults to the old one."
              + " The old version stays in the history, SUPERSEDED.")
  @APIResponse(
      responseCode = "201",
      description = "The new version",
      content = @Content(schema = @Schema(implementation = DocumentJson.class)))
  @APIResponse(responseCode = "404", description = "DOCUMENT_NOT_FOUND, also when not the author")
  @APIResponse(responseCode = "409", description = "DOCUMENT_NOT_CURRENT, DOCUMENT_CONFLICT")
  public Response revise(
      @PathParam("recordId") String recordId,
      @PathParam("documentId") String documentId,
      @Valid @NotNull PublishDocumentRequest request) {
    return PublishedResponse.of(
        documents.revise(
            actor.get(),
            ResourceIds.uuid(recordId),
            ResourceIds.uuid(documentId),
            DocumentMapping.command(request, maxBytes)),
        uri);
  }

  @DELETE
  @Path("{documentId}")
  @Operation(summary = "Withdraw a document (its author): hidden from everyone, content kept")
  @APIResponse(responseCode = "204", description = "Withdrawn")
  @APIResponse(responseCode = "404", description = "DOCUMENT_NOT_FOUND, also when not the author")
  public Response withdraw(
      @PathParam("recordId") String recordId, @PathParam("documentId") String documentId) {
    documents.withdraw(actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(documentId));
    return Response.noContent().build();
  }

  @POST
  @Path("{documentId}/release")
  @Operation(summary = "Make a withheld document visible to the patient (its author)")
  @APIResponse(
      responseCode = "200",
      description = "Released",
      content = @Content(schema = @Schema(implementation = DocumentJson.class)))
  public DocumentJson release(
      @PathParam("recordId") String recordId, @PathParam("documentId") String documentId) {
    return DocumentJson.of(
        documents.release(actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(documentId)));
  }

  private static DocumentStatus status(String text) {
    if (text == null || text.isBlank()) {
      return DocumentStatus.CURRENT;
    }
    try {
      return DocumentStatus.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "status must be CURRENT or SUPERSEDED");
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
