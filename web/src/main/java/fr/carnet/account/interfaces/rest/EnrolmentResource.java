package fr.carnet.account.interfaces.rest;

import fr.carnet.account.application.EnrolmentService;
import fr.carnet.account.application.EnrolmentView;
import fr.carnet.record.interfaces.rest.ResourceIds;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Bulk enrolment: a CSV of insured persons in, a job's progress out (administrators). */
@Path("/v1/enrolments")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Bulk enrolment")
public class EnrolmentResource {

  @EJB private EnrolmentService enrolments;
  @Inject private CurrentActor actor;
  @Context private UriInfo uri;

  /** A rejected line: its number in the file and why. */
  public record RejectionJson(long line, String code, String reason) {}

  public record EnrolmentJson(
      @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
      @Schema(enumeration = {"STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED", "COMPLETED"})
          String status,
      long total,
      long done,
      long created,
      long rejectedCount,
      double ratePerSecond,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant startedAt,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant endedAt,
      List<RejectionJson> rejected) {

    static EnrolmentJson of(EnrolmentView view) {
      return new EnrolmentJson(
          view.id(),
          view.status(),
          view.total(),
          view.done(),
          view.created(),
          view.rejectedCount(),
          Math.round(view.ratePerSecond() * 10) / 10.0,
          view.startedAt(),
          view.endedAt(),
          view.rejected().stream()
              .map(r -> new RejectionJson(r.line(), r.code(), r.reason()))
              .toList());
    }
  }

  @POST
  @Consumes("text/csv")
  @Operation(
      summary =
          "Enrol persons from a CSV (insNumber,insOid,birthName,firstNames,birthDate,sex,"
              + "birthPlace,email,phone): 202, then follow the job at Location")
  @APIResponse(responseCode = "202", description = "Started")
  @APIResponse(
      responseCode = "409",
      description =
          "ENROLMENTS_AT_ONCE: the lanes already running (a chunk each, carnet.enrolment.chunk) and"
              + " this file's would not fit in carnet.audit.tree.reorder-window; nothing is kept,"
              + " start it again once one has ended")
  public Response start(InputStream csv) {
    EnrolmentView started = enrolments.start(actor.get(), csv);
    return Response.accepted(EnrolmentJson.of(started))
        .location(uri.getAbsolutePathBuilder().path(started.id().toString()).build())
        .build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Progress: status, done of total, rate, created, rejected lines")
  @APIResponse(responseCode = "200", description = "The progress")
  public EnrolmentJson progress(@PathParam("id") String id) {
    return EnrolmentJson.of(enrolments.progress(actor.get(), ResourceIds.uuid(id)));
  }

  @POST
  @Path("{id}/restart")
  @Operation(
      summary = "Resume a stopped, failed or crashed enrolment where it left off",
      description =
          "Through any instance: the restart point and the owner are in the database. While"
              + " another instance's lease runs (carnet.enrolment.lease after its last committed"
              + " chunk) the enrolment counts as running there.")
  @APIResponse(responseCode = "200", description = "Restarted")
  @APIResponse(
      responseCode = "409",
      description =
          "LIFECYCLE_TRANSITION_INVALID: running (here, or on another instance whose lease runs),"
              + " or complete")
  public EnrolmentJson restart(@PathParam("id") String id) {
    return EnrolmentJson.of(enrolments.restart(actor.get(), ResourceIds.uuid(id)));
  }
}
