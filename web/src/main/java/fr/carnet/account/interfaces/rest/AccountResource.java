package fr.carnet.account.interfaces.rest;

import fr.carnet.account.application.AccountView;
import fr.carnet.account.application.DeletionRequestView;
import fr.carnet.account.application.IssuedCode;
import fr.carnet.account.application.LifecycleService;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The record as an account: its state and dates, activation, codes, opposition, closure, reopening,
 * death. Translates only; {@link LifecycleService} decides and traces.
 */
@Path("/v1/records")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Account lifecycle")
public class AccountResource {

  @EJB private LifecycleService lifecycle;
  @Inject private CurrentActor actor;

  /** The account: state, dates, masked contact, the provisional code's status. */
  public record AccountJson(
      @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
      @Schema(enumeration = {"PENDING", "OPEN", "OPPOSED", "CLOSED", "PURGED"}) String state,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant createdAt,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant openedAt,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true)
          Instant oppositionDeadline,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant opposedAt,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant closedAt,
      @Schema(
              enumeration = {"REQUEST", "DEATH"},
              nullable = true)
          String closureReason,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant purgeAfter,
      @Schema(nullable = true, description = "masked") String contactEmail,
      @Schema(nullable = true, description = "masked") String contactPhone,
      @Schema(enumeration = {"NONE", "ACTIVE", "USED", "EXPIRED", "LOCKED"}) String codeStatus,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true)
          Instant codeExpiresAt,
      int failedCodeAttempts,
      @Schema(
              nullable = true,
              description = "an agent's request to delete the record now, awaiting approval")
          DeletionRequestJson deletionRequest) {

    static AccountJson of(AccountView view) {
      return new AccountJson(
          view.id(),
          view.state().name(),
          view.createdAt(),
          view.openedAt(),
          view.oppositionDeadline(),
          view.opposedAt(),
          view.closedAt(),
          view.closureReason() == null ? null : view.closureReason().name(),
          view.purgeAfter(),
          view.contactEmail(),
          view.contactPhone(),
          view.codeStatus(),
          view.codeExpiresAt(),
          view.failedCodeAttempts(),
          DeletionRequestJson.of(view.deletionRequest()));
    }
  }

  /** An agent's request to delete a record at once, waiting for a second staff member. */
  public record DeletionRequestJson(
      @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
      @Schema(type = SchemaType.STRING, format = "uuid") UUID recordId,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant requestedAt,
      String requestedBy,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant expiresAt,
      @Schema(enumeration = {"PENDING", "EXPIRED", "APPROVED", "REJECTED"}) String status,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant decidedAt,
      @Schema(nullable = true) String decidedBy) {

    static DeletionRequestJson of(DeletionRequestView view) {
      return view == null
          ? null
          : new DeletionRequestJson(
              view.id(),
              view.recordId(),
              view.requestedAt(),
              view.requestedBy(),
              view.expiresAt(),
              view.status().name(),
              view.decidedAt(),
              view.decidedBy());
    }
  }

  /** The code as typed: dashes, spaces and case do not matter. */
  public static class ActivationRequest {
    @NotBlank
    @Size(max = 32)
    public String code;
  }

  public static class ClosureRequest {
    /** Delete everything at once instead of archiving for the retention period. */
    public boolean deleteNow;
  }

  /** A code just issued: shown this once. */
  public record CodeJson(
      String code, @Schema(type = SchemaType.STRING, format = "date-time") Instant expiresAt) {}

  @GET
  @Path("{recordId}/account")
  @Operation(summary = "The account's state, dates and code status (patient, agent); no content")
  @APIResponse(responseCode = "200", description = "The account")
  public AccountJson account(@PathParam("recordId") String recordId) {
    return AccountJson.of(lifecycle.account(actor.get(), ResourceIds.uuid(recordId)));
  }

  @POST
  @Path("{recordId}/activation")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Activate a pending record with the provisional code (patient)")
  @APIResponse(responseCode = "200", description = "Open")
  @APIResponse(
      responseCode = "403",
      description = "ACTIVATION_CODE_INVALID, ACTIVATION_CODE_EXPIRED")
  @APIResponse(responseCode = "409", description = "LIFECYCLE_TRANSITION_INVALID")
  @APIResponse(responseCode = "423", description = "ACTIVATION_LOCKED")
  public AccountJson activate(
      @PathParam("recordId") String recordId, @Valid @NotNull ActivationRequest request) {
    return AccountJson.of(
        lifecycle.activate(actor.get(), ResourceIds.uuid(recordId), request.code));
  }

  @POST
  @Path("{recordId}/codes")
  @Operation(summary = "Issue a new provisional code (agent); the previous code stops working")
  @APIResponse(responseCode = "201", description = "The code, shown once")
  public Response reissueCode(@PathParam("recordId") String recordId) {
    IssuedCode issued = lifecycle.reissueCode(actor.get(), ResourceIds.uuid(recordId));
    return Response.status(Response.Status.CREATED)
        .entity(new CodeJson(issued.code(), issued.expiresAt()))
        .header("Cache-Control", "no-store")
        .build();
  }

  @POST
  @Path("{recordId}/codes/sent")
  @Operation(
      summary =
          "Send a new provisional code to the person's email, else phone (agent); the previous"
              + " code stops working at once, the new one is issued as the message goes")
  @APIResponse(responseCode = "202", description = "The account; the message is on its way")
  @APIResponse(responseCode = "409", description = "CONTACT_MISSING, LIFECYCLE_TRANSITION_INVALID")
  public Response sendNewCode(@PathParam("recordId") String recordId) {
    return Response.accepted(
            AccountJson.of(lifecycle.sendNewCode(actor.get(), ResourceIds.uuid(recordId))))
        .build();
  }

  @DELETE
  @Path("{recordId}/activation-lock")
  @Operation(summary = "Clear the lockout after too many wrong codes (agent)")
  @APIResponse(responseCode = "200", description = "The account")
  public AccountJson unlock(@PathParam("recordId") String recordId) {
    return AccountJson.of(lifecycle.unlock(actor.get(), ResourceIds.uuid(recordId)));
  }

  @POST
  @Path("{recordId}/opposition")
  @Operation(summary = "Oppose the record (patient, representative, agent), at any time")
  @APIResponse(responseCode = "200", description = "Opposed")
  public AccountJson oppose(@PathParam("recordId") String recordId) {
    return AccountJson.of(lifecycle.oppose(actor.get(), ResourceIds.uuid(recordId)));
  }

  @DELETE
  @Path("{recordId}/opposition")
  @Operation(summary = "Withdraw an opposition: the record is open again")
  @APIResponse(responseCode = "200", description = "Open")
  public AccountJson withdrawOpposition(@PathParam("recordId") String recordId) {
    return AccountJson.of(lifecycle.withdrawOpposition(actor.get(), ResourceIds.uuid(recordId)));
  }

  @POST
  @Path("{recordId}/closure")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Close the record: archived for the retention period, or deleted now",
      description =
          "deleteNow by the person (or a protected adult's guardian) purges at once; by an agent,"
              + " the record is closed and archived now and a deletion request (deletionRequest)"
              + " waits for a second staff member; a minor's representative may not delete.")
  @APIResponse(responseCode = "200", description = "Closed (or purged)")
  @APIResponse(responseCode = "403", description = "REPRESENTATIVE_OF_MINOR, FORBIDDEN")
  public AccountJson close(@PathParam("recordId") String recordId, ClosureRequest request) {
    boolean deleteNow = request != null && request.deleteNow;
    return AccountJson.of(lifecycle.close(actor.get(), ResourceIds.uuid(recordId), deleteNow));
  }

  @POST
  @Path("{recordId}/deletion-requests/{requestId}/approval")
  @Operation(
      summary =
          "Approve an agent's deletion request (another agent, or an administrator): purged now")
  @APIResponse(responseCode = "200", description = "Purged")
  @APIResponse(responseCode = "403", description = "SAME_STAFF_MEMBER, FORBIDDEN")
  @APIResponse(responseCode = "404", description = "DELETION_REQUEST_NOT_FOUND")
  @APIResponse(
      responseCode = "409",
      description = "APPROVAL_EXPIRED, ALREADY_DECIDED, LIFECYCLE_TRANSITION_INVALID (reopened)")
  public AccountJson approveDeletion(
      @PathParam("recordId") String recordId, @PathParam("requestId") String requestId) {
    return AccountJson.of(
        lifecycle.approveDeletion(
            actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(requestId)));
  }

  @POST
  @Path("{recordId}/deletion-requests/{requestId}/rejection")
  @Operation(
      summary =
          "Reject an agent's deletion request (another agent, or an administrator): the record"
              + " stays closed and archived")
  @APIResponse(responseCode = "200", description = "The account, still closed")
  @APIResponse(responseCode = "403", description = "SAME_STAFF_MEMBER, FORBIDDEN")
  @APIResponse(responseCode = "404", description = "DELETION_REQUEST_NOT_FOUND")
  @APIResponse(responseCode = "409", description = "APPROVAL_EXPIRED, ALREADY_DECIDED")
  public AccountJson rejectDeletion(
      @PathParam("recordId") String recordId, @PathParam("requestId") String requestId) {
    return AccountJson.of(
        lifecycle.rejectDeletion(
            actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(requestId)));
  }

  @DELETE
  @Path("{recordId}/closure")
  @Operation(summary = "Reopen a closed record during its archiving")
  @APIResponse(responseCode = "200", description = "Open")
  public AccountJson reopen(@PathParam("recordId") String recordId) {
    return AccountJson.of(lifecycle.reopen(actor.get(), ResourceIds.uuid(recordId)));
  }

  @POST
  @Path("{recordId}/death")
  @Operation(summary = "Declare the person's death (admin): closed and archived")
  @APIResponse(responseCode = "200", description = "Closed")
  public AccountJson declareDeath(@PathParam("recordId") String recordId) {
    return AccountJson.of(lifecycle.declareDeath(actor.get(), ResourceIds.uuid(recordId)));
  }
}
