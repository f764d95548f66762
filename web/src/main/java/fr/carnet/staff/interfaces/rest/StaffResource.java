package fr.carnet.staff.interfaces.rest;

import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.staff.application.StaffAccountService;
import fr.carnet.web.security.CurrentActor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Console accounts (administrators): the call centre's agents, auditors, administrators. */
@Path("/v1/staff")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Console accounts")
public class StaffResource {

  @EJB private StaffAccountService staff;
  @Inject private CurrentActor actor;

  public static class StaffRequest {
    @NotNull public String username;
    @NotNull public String password;
    @NotNull public List<String> roles;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a console account (admin): username, password, roles")
  @APIResponse(responseCode = "201", description = "Created")
  @APIResponse(responseCode = "409", description = "STAFF_ACCOUNT_EXISTS")
  public Response create(@Valid @NotNull StaffRequest request) {
    Set<Role> roles =
        request.roles.stream()
            .map(
                name ->
                    Role.ofGroup(name)
                        .orElseThrow(
                            () -> new CarnetException(ErrorCode.VALIDATION_FAILED, "roles")))
            .collect(Collectors.toSet());
    staff.create(actor.get(), request.username, request.password, roles);
    return Response.status(Response.Status.CREATED).build();
  }
}
