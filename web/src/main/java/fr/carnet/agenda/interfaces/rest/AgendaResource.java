package fr.carnet.agenda.interfaces.rest;

import fr.carnet.agenda.application.AgendaService;
import fr.carnet.agenda.application.AppointmentInput;
import fr.carnet.agenda.application.ReminderService;
import fr.carnet.agenda.model.Appointment;
import fr.carnet.record.interfaces.rest.IdentityMapping;
import fr.carnet.record.interfaces.rest.PatientJson;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The health agenda (issue 21). Parses and answers only: who may push, read or change is the
 * policy's, asked by the services through the gate. Bodies are bounded to 64 KiB on the stream.
 * Connected apps reach every method (the role check lets them in) so that the policy decides and
 * traces: with {@code appointments:write} they push for their own patient; nothing else is theirs.
 */
@Path("/v1/agenda")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin", "app"})
@Tag(name = "Agenda")
public class AgendaResource {

  @EJB private AgendaService agenda;
  @EJB private ReminderService reminders;
  @Inject private CurrentActor actor;

  /** The professional of an appointment: by RPPS, and/or a name. */
  public static class ProfessionalJson {
    public String rpps;
    public String name;
  }

  /** Where: an organisation (FINESS) and/or a label (an address, a room). */
  public static class LocationJson {
    public String finess;
    public String label;
  }

  /**
   * An appointment pushed by a platform ({@code patient}, {@code source}, {@code externalId}
   * required; for a connected app {@code patient} is optional and {@code source} is its client id),
   * or the patient's own ({@code who} in their words, or a professional).
   */
  public static class AppointmentRequest {
    public PatientJson patient;
    public String source;
    public String externalId;
    public ProfessionalJson professional;
    public String who;
    public LocationJson location;
    public Instant start;
    public Instant end;

    @Schema(description = "BOOKED (default), MOVED or CANCELLED")
    public String status;
  }

  /** An appointment as the agenda lists it. */
  public record AppointmentJson(
      String id,
      String recordId,
      String source,
      String externalId,
      boolean patientOwn,
      @Schema(nullable = true) String professionalRpps,
      @Schema(nullable = true) String professionalName,
      @Schema(nullable = true) String who,
      @Schema(nullable = true) String finess,
      @Schema(nullable = true) String locationLabel,
      Instant start,
      Instant end,
      String status,
      Instant updatedAt) {

    static AppointmentJson of(Appointment a) {
      return new AppointmentJson(
          a.id().toString(),
          a.recordId().toString(),
          a.source(),
          a.externalId(),
          a.patientOwn(),
          a.professionalRpps(),
          a.professionalName(),
          a.whoText(),
          a.finess(),
          a.locationLabel(),
          a.startsAt(),
          a.endsAt(),
          a.status().name(),
          a.updatedAt());
    }
  }

  /** A rule of the calendar as the patient sees it. */
  public record ReminderRuleJson(
      String code,
      String label,
      String sex,
      int minAge,
      int maxAge,
      String every,
      boolean enabled) {}

  /** A reminder sent: which rule, for the period starting on {@code dueOn}. */
  public record SentReminderJson(String code, LocalDate dueOn, Instant sentAt) {}

  public record RemindersJson(List<ReminderRuleJson> rules, List<SentReminderJson> sent) {}

  public static class SwitchRequest {
    public Boolean enabled;
  }

  @POST
  @Path("appointments")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Push an appointment (booking platforms, care software): the patient named by INS and"
              + " traits; the same source and externalId from the same organisation update the one"
              + " appointment (moved, cancelled); each organisation has its own ids. A connected"
              + " app granted appointments:write pushes for its own patient (patient optional,"
              + " source its client id). Start within carnet.agenda.earliest-start before now and"
              + " carnet.agenda.latest-start after. Traced APPOINTMENT_PUSH; the patient is told of"
              + " a new one, without content")
  @APIResponse(
      responseCode = "201",
      description = "A new appointment",
      content = @Content(schema = @Schema(implementation = AppointmentJson.class)))
  @APIResponse(responseCode = "200", description = "The appointment updated")
  @APIResponse(responseCode = "400", description = "VALIDATION_FAILED, MALFORMED_JSON")
  @APIResponse(
      responseCode = "403",
      description =
          "FORBIDDEN (neither a professional nor an app); for an app: APP_SCOPE_NOT_GRANTED"
              + " (no appointments:write), APP_NOT_CONNECTED, APP_GRANT_EXPIRED, APP_SUSPENDED,"
              + " APP_NOT_REFERENCED")
  @APIResponse(responseCode = "404", description = "RECORD_NOT_FOUND (blocked professionals too)")
  @APIResponse(
      responseCode = "409",
      description =
          "INS_TRAITS_MISMATCH, RECORD_NOT_AVAILABLE, APPOINTMENT_CONFLICT, AGENDA_PUSHER_LIMIT"
              + " (a new appointment beyond carnet.agenda.max-upcoming-per-pusher to come; a move"
              + " or cancellation still lands)")
  @APIResponse(responseCode = "413", description = "DOCUMENT_TOO_LARGE (over 64 KiB)")
  public Response push(AppointmentRequest request) {
    Actor caller = actor.get();
    // A connected app (issue 21) pushes for the person whose token it holds: naming them is
    // optional, and its appointments are sourced by its client id, no other.
    boolean app = caller.is(Role.APP);
    if (request == null || (request.patient == null && !app)) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "patient (ins, traits) is required");
    }
    if (app) {
      if (request.source != null && !request.source.equals(caller.app())) {
        throw new CarnetException(
            ErrorCode.VALIDATION_FAILED,
            "source: an app's appointments are sourced by its client id");
      }
      request.source = caller.app();
    }
    AgendaService.Pushed pushed =
        agenda.push(
            caller,
            request.patient == null ? null : IdentityMapping.ins(request.patient.ins),
            request.patient == null ? null : IdentityMapping.traits(request.patient.traits),
            input(request, true));
    return Response.status(pushed.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(AppointmentJson.of(pushed.appointment()))
        .build();
  }

  @GET
  @Path("records/{recordId}/appointments")
  @Operation(
      summary =
          "The record's agenda for the patient or a representative (a representative sees only"
              + " the appointments the patient side added): appointments to come (soonest first),"
              + " then past ones (newest first); traced AGENDA_READ")
  @APIResponse(
      responseCode = "200",
      description = "Appointments",
      content = @Content(schema = @Schema(implementation = AppointmentJson[].class)))
  @APIResponse(responseCode = "400", description = "VALIDATION_FAILED (limit 1 to 100)")
  public List<AppointmentJson> list(
      @PathParam("recordId") String recordId, @QueryParam("limit") @DefaultValue("50") int limit) {
    return agenda.list(actor.get(), ResourceIds.uuid(recordId), limit).stream()
        .map(AppointmentJson::of)
        .toList();
  }

  @POST
  @Path("records/{recordId}/appointments")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "The patient side adds an appointment of their own (APPOINTMENT_WRITE)")
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = AppointmentJson.class)))
  public Response add(@PathParam("recordId") String recordId, AppointmentRequest request) {
    Appointment added =
        agenda.add(actor.get(), ResourceIds.uuid(recordId), input(required(request), false));
    return Response.status(Response.Status.CREATED).entity(AppointmentJson.of(added)).build();
  }

  @PUT
  @Path("records/{recordId}/appointments/{appointmentId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "The patient side changes an appointment of their own (APPOINTMENT_WRITE)")
  @APIResponse(responseCode = "200", description = "Changed")
  @APIResponse(responseCode = "404", description = "APPOINTMENT_NOT_FOUND (a platform's too)")
  public AppointmentJson change(
      @PathParam("recordId") String recordId,
      @PathParam("appointmentId") String appointmentId,
      AppointmentRequest request) {
    return AppointmentJson.of(
        agenda.change(
            actor.get(),
            ResourceIds.uuid(recordId),
            ResourceIds.uuid(appointmentId),
            input(required(request), false)));
  }

  @DELETE
  @Path("records/{recordId}/appointments/{appointmentId}")
  @Operation(summary = "The patient side deletes an appointment of their own (APPOINTMENT_WRITE)")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "APPOINTMENT_NOT_FOUND (a platform's too)")
  public Response delete(
      @PathParam("recordId") String recordId, @PathParam("appointmentId") String appointmentId) {
    agenda.delete(actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(appointmentId));
    return Response.noContent().build();
  }

  @GET
  @Path("records/{recordId}/reminders")
  @Operation(
      summary =
          "The prevention calendar's rules, each on or off for the record, and the reminders sent"
              + " (AGENDA_READ)")
  @APIResponse(
      responseCode = "200",
      description = "Rules and reminders sent",
      content = @Content(schema = @Schema(implementation = RemindersJson.class)))
  public RemindersJson reminders(@PathParam("recordId") String recordId) {
    ReminderService.Reminders found = reminders.reminders(actor.get(), ResourceIds.uuid(recordId));
    return new RemindersJson(
        found.rules().stream().map(AgendaResource::json).toList(),
        found.sent().stream()
            .map(s -> new SentReminderJson(s.code(), s.dueOn(), s.sentAt()))
            .toList());
  }

  @PUT
  @Path("records/{recordId}/reminders/{code}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Switch a prevention reminder off ({\"enabled\": false}) or on again, for the record"
              + " (REMINDER_SWITCH)")
  @APIResponse(
      responseCode = "200",
      description = "The rule as it now stands for the record",
      content = @Content(schema = @Schema(implementation = ReminderRuleJson.class)))
  @APIResponse(responseCode = "404", description = "PREVENTION_RULE_NOT_FOUND")
  public ReminderRuleJson switchReminder(
      @PathParam("recordId") String recordId,
      @PathParam("code") String code,
      SwitchRequest request) {
    if (request == null || request.enabled == null) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "enabled: true or false");
    }
    return json(
        reminders.switchReminder(actor.get(), ResourceIds.uuid(recordId), code, request.enabled));
  }

  private static ReminderRuleJson json(ReminderService.RuleView view) {
    return new ReminderRuleJson(
        view.rule().code(),
        view.rule().label(),
        view.rule().sex(),
        view.rule().minAge(),
        view.rule().maxAge(),
        view.rule().every().toString(),
        !view.switchedOff());
  }

  private static AppointmentRequest required(AppointmentRequest request) {
    if (request == null) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "a body is required");
    }
    return request;
  }

  private static AppointmentInput input(AppointmentRequest r, boolean fromPlatform) {
    return AppointmentInput.checked(
        r.professional == null ? null : r.professional.rpps,
        r.professional == null ? null : r.professional.name,
        r.who,
        r.location == null ? null : r.location.finess,
        r.location == null ? null : r.location.label,
        r.start,
        r.end,
        r.status,
        r.source,
        r.externalId,
        fromPlatform);
  }
}
