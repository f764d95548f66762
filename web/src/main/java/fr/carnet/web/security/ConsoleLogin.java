package fr.carnet.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The staff member logged in to the console, kept in the HTTP session.
 *
 * @param username the account
 * @param roles the groups it held at login
 * @param loggedInAt since when the session stands: it ends if the account changes after that
 * @param startedAt when the session began, for its absolute lifetime
 * @param mustChangePassword whether every page but the password change is closed to it
 */
public record ConsoleLogin(
    String username,
    Set<String> roles,
    Instant loggedInAt,
    Instant startedAt,
    boolean mustChangePassword)
    implements Serializable {

  static final String SESSION_ATTRIBUTE = ConsoleLogin.class.getName();

  /** The login of this request's session, if any. */
  public static Optional<ConsoleLogin> of(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof ConsoleLogin login
        ? Optional.of(login)
        : Optional.empty();
  }

  /** The same session, standing from {@code since}, its own password chosen. */
  public ConsoleLogin passwordChanged(Instant since) {
    return new ConsoleLogin(username, roles, since, startedAt, false);
  }

  /** Keeps this login in the request's session. */
  public void keepIn(HttpServletRequest request) {
    request.getSession().setAttribute(SESSION_ATTRIBUTE, this);
  }
}
