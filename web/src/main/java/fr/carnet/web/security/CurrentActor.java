package fr.carnet.web.security;

import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@link Actor} of the current API request, built from the verified token once and handed to
 * the services, which never read the token themselves.
 */
@RequestScoped
public class CurrentActor {

  @Inject private JsonWebToken token;

  private Actor actor;

  public Actor get() {
    if (actor == null) {
      actor = fromToken();
    }
    return actor;
  }

  private Actor fromToken() {
    List<Role> roles =
        token.getGroups().stream().map(Role::ofGroup).flatMap(Optional::stream).toList();
    if (roles.size() != 1) {
      // A caller acts in one role at a time; two would make every decision ambiguous.
      throw new CarnetException(
          ErrorCode.FORBIDDEN, "The token must carry exactly one Carnet role in groups");
    }
    String subject = token.getSubject();
    return switch (roles.get(0)) {
      case PROFESSIONAL ->
          Actor.professional(
              subject, claim("rpps"), claim("profession"), claim("specialty"), claim("finess"));
      case PATIENT -> Actor.patient(subject, claim("ins"));
      case AGENT, AUDITOR, ADMIN -> Actor.staff(subject, roles.get(0));
    };
  }

  private String claim(String name) {
    Object value = token.getClaim(name);
    if (value == null) {
      return null;
    }
    String text = value instanceof JsonString json ? json.getString() : value.toString();
    return text.isBlank() ? null : text;
  }
}
