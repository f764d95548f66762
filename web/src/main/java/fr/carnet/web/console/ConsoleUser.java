package fr.carnet.web.console;

import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.staff.application.ConsoleLoginService;
import fr.carnet.web.security.ClientConnection;
import fr.carnet.web.security.ConsoleLogin;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;

/** The staff member using the console: name, roles, logout. */
@Named
@RequestScoped
public class ConsoleUser {

  private static final List<String> STAFF_ROLES = List.of("agent", "auditor", "admin");

  @Inject private SecurityContext security;
  @Inject private FacesContext faces;
  @EJB private ConsoleLoginService logins;
  @Inject private ClientConnection connection;

  public String getName() {
    return security.getCallerPrincipal() == null ? "" : security.getCallerPrincipal().getName();
  }

  public List<String> getRoles() {
    return STAFF_ROLES.stream().filter(security::isCallerInRole).toList();
  }

  /**
   * The staff member as the services know them: their console name, acting in {@code role} if they
   * hold it, otherwise in a role they do hold (which the policy then refuses where it must).
   */
  public Actor actor(Role role) {
    String name =
        security.getCallerPrincipal() == null
            ? "anonymous"
            : security.getCallerPrincipal().getName();
    if (security.isCallerInRole(role.group())) {
      return Actor.staff(name, role);
    }
    Role held =
        java.util.stream.Stream.of(Role.AGENT, Role.AUDITOR, Role.ADMIN)
            .filter(candidate -> security.isCallerInRole(candidate.group()))
            .findFirst()
            .orElse(Role.AGENT);
    return Actor.staff(name, held);
  }

  public void logout() throws IOException, ServletException {
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    ConsoleLogin.of(request)
        .ifPresent(
            login -> logins.loggedOut(login.username(), "LOGOUT", connection.address(request)));
    request.logout();
    external.invalidateSession();
    external.redirect(external.getRequestContextPath() + "/console/login.xhtml");
    faces.responseComplete();
  }
}
