package fr.carnet.web.console;

import fr.carnet.web.security.ConsoleLogin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The console's login form, handed to Jakarta Security. */
@Named("login")
@RequestScoped
public class LoginBean {

  /**
   * Every refused login, whatever the reason: nothing tells a name that exists from one that does
   * not.
   */
  static final String REFUSED =
      "Identifiant ou mot de passe incorrect. Après plusieurs échecs, les connexions sont"
          + " suspendues quelques minutes.";

  @Inject private SecurityContext security;
  @Inject private FacesContext faces;

  private String username;
  private String password;

  public void submit() throws IOException {
    ExternalContext external = faces.getExternalContext();
    AuthenticationStatus status =
        security.authenticate(
            (HttpServletRequest) external.getRequest(),
            (HttpServletResponse) external.getResponse(),
            AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(username, new Password(password))));
    if (status == AuthenticationStatus.SUCCESS) {
      // A password chosen by someone else is replaced before any desk opens.
      boolean mustChange =
          ConsoleLogin.of((HttpServletRequest) external.getRequest())
              .map(ConsoleLogin::mustChangePassword)
              .orElse(false);
      external.redirect(
          external.getRequestContextPath()
              + (mustChange ? "/console/password.xhtml" : "/console/index.xhtml"));
      faces.responseComplete();
    } else {
      // The same words whether the name or the password was wrong, or logins are held back.
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, REFUSED, null));
    }
  }

  /**
   * Whether the browser came with a session that is no more here: ended (timed out, ended by the
   * server) or held by an instance that is gone, the cluster's balancer having sent it to this one.
   * The login page then says why it is shown, rather than an error page.
   */
  public boolean isSessionEnded() {
    HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
    return request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
