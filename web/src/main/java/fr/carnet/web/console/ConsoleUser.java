package fr.carnet.web.console;

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

  public String getName() {
    return security.getCallerPrincipal() == null ? "" : security.getCallerPrincipal().getName();
  }

  public List<String> getRoles() {
    return STAFF_ROLES.stream().filter(security::isCallerInRole).toList();
  }

  public void logout() throws IOException, ServletException {
    ExternalContext external = faces.getExternalContext();
    ((HttpServletRequest) external.getRequest()).logout();
    external.invalidateSession();
    external.redirect(external.getRequestContextPath() + "/console/login.xhtml");
    faces.responseComplete();
  }
}
