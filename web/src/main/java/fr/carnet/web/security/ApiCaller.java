package fr.carnet.web.security;

import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import jakarta.json.JsonString;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of an API request, as the authentication mechanism established it from a verified
 * token: its principal and groups for the container and the coarse role check, and the {@link
 * Actor} for the services. Built once per verified token and remembered with it, so that a request
 * carrying a known token reads its caller from a request attribute instead of asking Jakarta
 * Security's {@code SecurityContext} (whose principal lookup walks the subject's classes).
 *
 * @param actor null when the token does not carry exactly one Carnet role
 */
public record ApiCaller(Principal principal, Set<String> groups, Actor actor) {

  /** The request attribute (and JAX-RS request property) that holds the caller. */
  public static final String ATTRIBUTE = ApiCaller.class.getName();

  public ApiCaller {
    groups = Set.copyOf(groups);
  }

  /** The group an app actor is served under ({@link ApiRoles}): never a token's own. */
  public static final String APP_GROUP = Role.APP.group();

  /** A client id as the catalogue accepts one (CatalogueService). */
  private static final java.util.regex.Pattern CLIENT_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  /**
   * The caller of a token the MicroProfile JWT mechanism has just verified. A patient token whose
   * {@code azp} (the client it was issued to) is not one of Carnet's own clients is an app's: its
   * actor is an app acting for that patient, and its groups are only {@link #APP_GROUP}, so that
   * the coarse role check lets it reach only the resources that serve apps, and the policy decides
   * there on the patient's grant.
   */
  static ApiCaller of(JsonWebToken token, Set<String> groups, Set<String> firstPartyClients) {
    Actor actor = actorOf(token);
    if (actor != null && actor.is(Role.PATIENT)) {
      Object azp = token.getClaim("azp");
      if (azp != null) {
        String client = azp instanceof JsonString json ? json.getString() : azp.toString();
        if (!firstPartyClients.contains(client)) {
          // A client id no catalogue entry can have is nobody's (and would not fit a trace).
          if (!CLIENT_ID.matcher(client).matches()) {
            return new ApiCaller(token, Set.of(APP_GROUP), null);
          }
          return new ApiCaller(
              token, Set.of(APP_GROUP), Actor.app(actor.subject(), actor.ins(), client));
        }
      }
    }
    return new ApiCaller(token, groups, actor);
  }

  /**
   * Whether a verified token is refused for naming no client while the operator requires one
   * ({@code carnet.auth.require-azp}): a patient token without {@code azp} would otherwise count as
   * Carnet's own client, with the patient's full powers (security.md CA7, CA26). Other roles'
   * tokens come from other identity providers (Pro Santé Connect, the console) and are not apps'
   * tokens.
   *
   * @param groups the token's groups
   * @param azp the token's {@code azp} claim as text, null when absent
   */
  static boolean lacksRequiredAzp(Set<String> groups, String azp, boolean requireAzp) {
    if (!requireAzp || (azp != null && !azp.isBlank())) {
      return false;
    }
    List<Role> roles =
        (groups == null ? Set.<String>of() : groups)
            .stream().map(Role::ofGroup).flatMap(Optional::stream).toList();
    return roles.size() == 1 && roles.get(0) == Role.PATIENT;
  }

  /** {@link #lacksRequiredAzp(Set, String, boolean)} for a verified token. */
  static boolean lacksRequiredAzp(JsonWebToken token, boolean requireAzp) {
    return lacksRequiredAzp(token.getGroups(), claim(token, "azp"), requireAzp);
  }

  /** The caller of the current request, if its token was verified. */
  public static Optional<ApiCaller> of(Object attribute) {
    return attribute instanceof ApiCaller caller ? Optional.of(caller) : Optional.empty();
  }

  private static Actor actorOf(JsonWebToken token) {
    Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
    List<Role> roles = groups.stream().map(Role::ofGroup).flatMap(Optional::stream).toList();
    if (roles.size() != 1) {
      // A caller acts in one role at a time; two would make every decision ambiguous.
      return null;
    }
    String subject = token.getSubject();
    if (subject == null) {
      return null;
    }
    return switch (roles.get(0)) {
      case PROFESSIONAL ->
          Actor.professional(
              subject,
              claim(token, "rpps"),
              claim(token, "profession"),
              claim(token, "specialty"),
              claim(token, "finess"));
      case PATIENT -> Actor.patient(subject, claim(token, "ins"));
      case AGENT, AUDITOR, ADMIN -> Actor.staff(subject, roles.get(0));
      // An app is known by its azp on a patient token, never by a group it names itself.
      case APP -> null;
    };
  }

  private static String claim(JsonWebToken token, String name) {
    Object value = token.getClaim(name);
    if (value == null) {
      return null;
    }
    String text = value instanceof JsonString json ? json.getString() : value.toString();
    return text.isBlank() ? null : text;
  }
}
