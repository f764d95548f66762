package fr.carnet.web.security;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/** The staff member logged in to the console, kept in the HTTP session. */
public record ConsoleLogin(String username, Set<String> roles, Instant loggedInAt)
    implements Serializable {

  static final String SESSION_ATTRIBUTE = ConsoleLogin.class.getName();
}
