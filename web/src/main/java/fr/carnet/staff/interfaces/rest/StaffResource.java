package fr.carnet.staff.interfaces.rest;

import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.staff.application.StaffAccountService;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.ConsoleSessions;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Console accounts (administrators): the call centre's agents, auditors, administrators. */
@Path("/v1/staff")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Console accounts")
public class StaffResource {

  @EJB private StaffAccountService staff;
  @Inject private CurrentActor actor;
  @Inject private ConsoleSessions sessions;

  public static class StaffRequest {
    @NotNull public String username;
    @NotNull public String password;
    @NotNull public List<String> roles;
  }

  /** What an administrator changes of an account: any of enabled, roles, a new password. */
  public static class StaffChangeRequest {
    public Boolean enabled;
    public List<String> roles;
    public String password;
  }

  /** A console account: never its password. */
  public record StaffJson(
      String username,
      List<String> roles,
      boolean enabled,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant createdAt,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant changedAt) {

    static StaffJson of(StaffAccountService.StaffMember member) {
      return new StaffJson(
          member.username(),
          member.roles().stream().map(Role::group).sorted().toList(),
          member.enabled(),
          member.createdAt(),
          member.changedAt());
    }
  }

  @GET
  @Operation(summary = "Every console account (admin)")
  @APIResponse(
      responseCode = "200",
      description = "Accounts",
      content = @Content(schema = @Schema(implementation = StaffJson[].class)))
  public List<StaffJson> list() {
    return staff.list(actor.get()).stream().map(StaffJson::of).toList();
  }

  @PATCH
  @Path("{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Disable or enable an account, replace its roles, or reset its password (admin); the"
              + " member's open console sessions end at their next request")
  @APIResponse(responseCode = "200", description = "The account as it now is")
  @APIResponse(responseCode = "404", description = "STAFF_ACCOUNT_NOT_FOUND")
  @APIResponse(responseCode = "409", description = "LAST_ADMIN")
  public StaffJson change(
      @PathParam("username") String username, @Valid @NotNull StaffChangeRequest request) {
    StaffAccountService.StaffMember member =
        staff.change(
            actor.get(),
            username,
            request.enabled,
            request.roles == null ? null : roles(request.roles),
            request.password);
    sessions.forget(username);
    return StaffJson.of(member);
  }

  private static Set<Role> roles(List<String> names) {
    return names.stream()
        .map(
            name ->
                Role.ofGroup(name)
                    .orElseThrow(() -> new CarnetException(ErrorCode.VALIDATION_FAILED, "roles")))
        .collect(Collectors.toSet());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a console account (admin): username, password, roles")
  @APIResponse(responseCode = "201", description = "Created")
  @APIResponse(responseCode = "409", description = "STAFF_ACCOUNT_EXISTS")
  public Response create(@Valid @NotNull StaffRequest request) {
    staff.create(actor.get(), request.username, request.password, roles(request.roles));
    return Response.status(Response.Status.CREATED).build();
  }
}
