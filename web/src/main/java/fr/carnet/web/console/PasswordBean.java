package fr.carnet.web.console;

import fr.carnet.staff.application.ConsoleLoginService;
import fr.carnet.staff.application.ConsoleLoginService.PasswordChangeResult;
import fr.carnet.web.security.ClientConnection;
import fr.carnet.web.security.ConsoleLogin;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;

/**
 * A member chooses their own password: forced after a login with a password someone else chose (the
 * first start, an administrator's reset), open to anyone at any time. The session goes on with the
 * new password; every desk opens again.
 */
@Named("password")
@RequestScoped
public class PasswordBean {

  private static final Map<PasswordChangeResult, String> REFUSALS =
      Map.of(
          PasswordChangeResult.WRONG_CURRENT, "Le mot de passe actuel est incorrect.",
          PasswordChangeResult.SAME_AS_CURRENT,
              "Le nouveau mot de passe doit être différent de l'actuel.",
          PasswordChangeResult.TOO_SHORT, "Le nouveau mot de passe est trop court.");

  @EJB private ConsoleLoginService logins;
  @Inject private ClientConnection connection;
  @Inject private FacesContext faces;

  private String current;
  private String next;
  private String confirmation;

  /** Whether this session may open no desk until the password is changed. */
  public boolean isRequired() {
    return login().map(ConsoleLogin::mustChangePassword).orElse(false);
  }

  public int getMinimumLength() {
    return logins.minimumLength();
  }

  public void submit() throws IOException {
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    ConsoleLogin login = login().orElse(null);
    if (login == null) {
      external.redirect(external.getRequestContextPath() + "/console/login.xhtml");
      faces.responseComplete();
      return;
    }
    if (next == null || !next.equals(confirmation)) {
      refuse("Les deux saisies du nouveau mot de passe diffèrent.");
      return;
    }
    var change =
        logins.changeOwnPassword(
            login.username(),
            current == null ? new char[0] : current.toCharArray(),
            next,
            connection.address(request));
    if (change.member().isEmpty()) {
      String words = REFUSALS.get(change.result());
      refuse(
          change.result() == PasswordChangeResult.TOO_SHORT
              ? words + " Il faut " + logins.minimumLength() + " caractères au moins."
              : words);
      return;
    }
    // The account changed now: the session stands from now on, and every desk opens again.
    login.passwordChanged(change.member().get().standingSince()).keepIn(request);
    external.redirect(external.getRequestContextPath() + "/console/index.xhtml");
    faces.responseComplete();
  }

  private java.util.Optional<ConsoleLogin> login() {
    return ConsoleLogin.of((HttpServletRequest) faces.getExternalContext().getRequest());
  }

  private void refuse(String words) {
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, words, null));
  }

  public String getCurrent() {
    return current;
  }

  public void setCurrent(String current) {
    this.current = current;
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }

  public String getConfirmation() {
    return confirmation;
  }

  public void setConfirmation(String confirmation) {
    this.confirmation = confirmation;
  }
}
