package fr.carnet.portability.interfaces.rest;

import fr.carnet.portability.application.ExportService;
import fr.carnet.portability.application.RecordExport;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.rest.Problems;
import fr.carnet.web.rest.SendingChannel;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The portability export: the patient's whole record as one signed ZIP, streamed; and, for the call
 * centre, having it offered to the patient at their registered contact.
 */
@Path("/v1/records")
@ApplicationScoped
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Patient controls")
public class ExportResource {

  static final String ZIP = "application/zip";

  @EJB private ExportService exports;
  @Inject private CurrentActor actor;
  @Inject private ExportSlots slots;

  @GET
  @Path("{recordId}/export")
  @Produces({ZIP, "application/problem+json"})
  @Operation(
      summary = "The whole record as a signed ZIP to take away (patient, representative)",
      description =
          "Streamed. Holds every document the caller may see (metadata and content), the medical"
              + " profile with provenance, the consents by kind, the access history as the"
              + " history endpoint shows it, the record's state and dates, and a FHIR R4 Bundle"
              + " (collection) of DocumentReferences. manifest.json lists every other file with"
              + " its size and SHA-256; manifest.jws is its detached JWS (RFC 7515 appendix F,"
              + " EdDSA), verified with the key of GET /api/v1/exports/keys. A representative's"
              + " export of a minor's record lacks the minor's secrets. One export at a time per"
              + " record; traced once.")
  @APIResponse(
      responseCode = "200",
      description = "The archive",
      content =
          @Content(
              mediaType = ZIP,
              schema =
                  @Schema(
                      type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                      format = "binary")))
  @APIResponse(responseCode = "403", description = "Not the patient's side (FORBIDDEN)")
  @APIResponse(responseCode = "404", description = "No such record for the caller")
  @APIResponse(
      responseCode = "409",
      description = "Another export of the record is running (EXPORT_IN_PROGRESS)")
  @APIResponse(
      responseCode = "503",
      description = "Too many exports on this server (EXPORTS_BUSY), or no signing key",
      headers = @Header(name = "Retry-After", description = "Seconds to wait"))
  public Response export(@PathParam("recordId") String recordId) {
    if (!slots.tryTake()) {
      return Response.fromResponse(
              Problems.of(ErrorCode.EXPORTS_BUSY, ErrorCode.EXPORTS_BUSY.title()))
          .header("Retry-After", slots.retryAfterSeconds())
          .build();
    }
    RecordExport export;
    try {
      export = exports.begin(actor.get(), ResourceIds.uuid(recordId));
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
    StreamingOutput body =
        out -> {
          try (export) {
            ExportArchive.write(export, out);
          } finally {
            slots.release();
          }
        };
    return Response.ok(body, ZIP)
        .header(
            "Content-Disposition",
            "attachment; filename=\"carnet-export-" + export.recordId() + ".zip\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  @POST
  @Path("{recordId}/export/sending")
  @Produces("application/problem+json")
  @Operation(
      summary = "Offer the export to the patient at their registered contact (agent, patient)",
      description =
          "For a caller without a computer: the person is told, by the channels of their"
              + " settings, that their export waits in their space; with by=post, a letter to"
              + " their postal address tells them how to get it (the export, health data, is"
              + " never printed). The export never reaches the caller. An agent must first"
              + " confirm the caller (POST …/caller-confirmation). Traced.")
  @APIResponse(responseCode = "202", description = "The message is queued")
  @APIResponse(responseCode = "403", description = "Neither an agent nor the patient's side")
  @APIResponse(
      responseCode = "409",
      description =
          "The record has no email, phone nor postal address (CONTACT_MISSING), or no postal"
              + " address for by=post (POSTAL_ADDRESS_MISSING)")
  public Response send(@PathParam("recordId") String recordId, @QueryParam("by") String by) {
    exports.requestSending(actor.get(), ResourceIds.uuid(recordId), SendingChannel.byPost(by));
    return Response.accepted().build();
  }
}
