package fr.carnet.record.interfaces.rest;

import fr.carnet.record.application.SummaryService;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The patient summary for apps, in Carnet's JSON; {@code GET /fhir/Patient/{id}/$summary} gives the
 * same as an IPS document. Decided and traced once by {@link SummaryService}.
 */
@Path("/v1/records/{recordId}/summary")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin", "app"})
@Tag(name = "Medical profile")
public class SummaryResource {

  @EJB private SummaryService summaries;
  @Inject private CurrentActor actor;

  @GET
  @Operation(
      summary = "The patient summary (IPS-shaped): profile entries and result documents by section",
      description =
          "Sections by LOINC code (allergies 48765-2, problems 11450-4, medications 10160-0,"
              + " immunizations 11369-6, results 30954-2, vital signs 8716-3, advance directives"
              + " 42348-3); the first three always, with emptyReason when the caller has nothing"
              + " in them. Only what the caller may read by the rules; traced as SUMMARY_READ.")
  @APIResponse(
      responseCode = "200",
      description = "The summary",
      content = @Content(schema = @Schema(implementation = SummaryJson.class)))
  @APIResponse(
      responseCode = "403",
      description =
          "NO_AGREEMENT, EMERGENCY_ACCESS_DISABLED, DENIED_BY_MATRIX, WRITE_ONLY_PROFESSION,"
              + " NOT_OWN_RECORD, REPRESENTED_PERSON_OF_AGE, ROLE_NOT_ALLOWED, FORBIDDEN")
  @APIResponse(
      responseCode = "404",
      description = "RECORD_NOT_FOUND: unknown, unavailable, or the caller is blocked")
  public SummaryJson summary(@PathParam("recordId") String recordId) {
    return SummaryJson.of(summaries.summary(actor.get(), ResourceIds.uuid(recordId)));
  }
}
