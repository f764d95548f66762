package fr.carnet.web.security;

import fr.carnet.security.Role;
import fr.carnet.staff.application.StaffAccountService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether a console session may go on: its account still enabled, and unchanged (roles, password)
 * since the login. The answer is kept a few seconds per session, so that a console page costs no
 * database round trip; a change made on this node is seen at once, on the others within that time.
 */
@ApplicationScoped
public class ConsoleSessions {

  private final Map<String, Checked> checked = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  @EJB private StaffAccountService accounts;

  @Inject
  @ConfigProperty(name = "carnet.console.session-recheck", defaultValue = "PT5S")
  private Duration recheck;

  /** The session's roles as they stand, or nothing if the session must end. */
  public Optional<Set<String>> standing(ConsoleLogin login) {
    Instant now = clock.instant();
    String key = login.username() + "@" + login.loggedInAt();
    Checked known = checked.get(key);
    if (known == null || known.at().plus(recheck).isBefore(now)) {
      Optional<Set<String>> roles =
          accounts
              .stillValid(login.username(), login.loggedInAt())
              .map(set -> set.stream().map(Role::group).collect(Collectors.toUnmodifiableSet()));
      known = new Checked(now, roles);
      if (checked.size() > 10_000) {
        checked.clear();
      }
      checked.put(key, known);
    }
    return known.roles();
  }

  /** Forgets what was checked of a member's sessions: called when an administrator changes them. */
  public void forget(String username) {
    checked.keySet().removeIf(key -> key.startsWith(username + "@"));
  }

  private record Checked(Instant at, Optional<Set<String>> roles) {}
}
