package fr.carnet.web.security;

import fr.carnet.security.Role;
import fr.carnet.shared.ErrorCode;
import fr.carnet.staff.application.ConsoleLoginService;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * One WAR, two ways in: {@code /api} (and {@code /fhir}) takes MicroProfile JWT bearer tokens only,
 * and the console takes a form login kept in the HTTP session. Jakarta Security 3 allows one
 * mechanism per module, so this one, chosen as the CDI alternative, routes by path: API requests go
 * to the MicroProfile JWT mechanism untouched, and a console session never authenticates an API
 * call (which would open the API to cross-site requests riding on the session cookie).
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class CarnetAuthenticationMechanism implements HttpAuthenticationMechanism {

  static final String LOGIN_PAGE = "/console/login.xhtml";
  static final String PASSWORD_PAGE = "/console/password.xhtml";

  @Inject private BeanManager beans;
  @EJB private ConsoleLoginService logins;
  @Inject private ConsoleSessions sessions;
  @Inject private ClientConnection connection;

  @Inject
  @ConfigProperty(name = "carnet.console.session-absolute-lifetime", defaultValue = "PT8H")
  private Duration absoluteLifetime;

  // Anyone may open the login page, and each visit keeps a form's state in a session: such a
  // session lives briefly, so that a flood of visits cannot pile sessions up for the idle time.
  @Inject
  @ConfigProperty(name = "carnet.console.login-page-session-idle", defaultValue = "PT5M")
  private Duration loginPageSessionIdle;

  // Where the MicroProfile JWT mechanism reads tokens (mp.jwt.token.header): Authorization, the
  // default, or Cookie, in which case every request goes to it as before.
  @Inject
  @ConfigProperty(name = "mp.jwt.token.header", defaultValue = AUTHORIZATION)
  private String tokenHeader;

  private static final String AUTHORIZATION = "Authorization";

  // Carnet's own clients at the patient identity provider (issue 21): a patient token issued to any
  // other client (its azp) is an app's, which acts only within the patient's grant to it. A token
  // without azp is Carnet's own, as every token was before apps.
  @Inject
  @ConfigProperty(
      name = "carnet.auth.first-party-clients",
      defaultValue = "carnet-web,carnet-mobile")
  private String firstPartyClients;

  private volatile Set<String> firstParty;

  // Whether a patient token must name its client (issue 21, security.md CA26): off by default, as
  // every patient token was Carnet's own before apps; on, a patient token without azp is a 401
  // TOKEN_AZP_MISSING, and only the identity provider's azp makes Carnet's own client.
  @Inject
  @ConfigProperty(name = "carnet.auth.require-azp", defaultValue = "false")
  private boolean requireAzp;

  private volatile HttpAuthenticationMechanism jwt;

  private final VerifiedTokens verified = new VerifiedTokens(4096, Clock.systemUTC());

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    if (isApi(request)) {
      return api(request, response, context);
    }
    return console(request, response, context);
  }

  /**
   * A bearer token verified before is recognised by its exact bytes; any other goes to the
   * MicroProfile JWT mechanism, and is remembered once it has been verified there. Either way the
   * caller is left on the request ({@link ApiCaller#ATTRIBUTE}) for the coarse role check ({@link
   * RoleCheck}) and {@link CurrentActor}, which so never ask Jakarta Security who is calling.
   */
  private AuthenticationStatus api(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    // Only a token from where the JWT mechanism reads it may be remembered: in cookie mode, an
    // Authorization header beside a valid cookie must not become a key to that cookie's caller.
    boolean bearerMode = AUTHORIZATION.equals(tokenHeader);
    String token = bearerMode ? bearer(request) : null;
    if (token != null) {
      var known = verified.find(token);
      if (known.isPresent()) {
        ApiCaller caller = known.get();
        request.setAttribute(ApiCaller.ATTRIBUTE, caller);
        return context.notifyContainerAboutLogin(caller.principal(), caller.groups());
      }
    } else if (bearerMode) {
      // No bearer token where the operator said tokens come: the JWT mechanism would find none
      // either, and would only have looked its identity store up through CDI.current() first.
      return context.doNothing();
    }
    AuthenticationStatus status = jwt().validateRequest(request, response, context);
    if (status == AuthenticationStatus.SUCCESS
        && context.getCallerPrincipal() instanceof JsonWebToken principal
        && context.getGroups() != null) {
      if (ApiCaller.lacksRequiredAzp(principal, requireAzp)) {
        // Neither remembered nor let through: the error page answers with this code.
        request.setAttribute(ErrorPageServlet.REFUSAL, ErrorCode.TOKEN_AZP_MISSING);
        return context.responseUnauthorized();
      }
      ApiCaller caller = ApiCaller.of(principal, context.getGroups(), firstParty());
      request.setAttribute(ApiCaller.ATTRIBUTE, caller);
      if (token != null) {
        verified.remember(token, caller, Instant.ofEpochSecond(principal.getExpirationTime()));
      }
    }
    return status;
  }

  /**
   * The caller of an API request whose bearer token was verified before, as {@link
   * #validateRequest} would find it, for {@link KnownTokenAuthentication} to answer without Jakarta
   * Security's bridge; empty for any other request (not the API, tokens read from a cookie, no
   * token, a token not verified yet), which goes to {@link #validateRequest} as before.
   */
  Optional<ApiCaller> knownCaller(HttpServletRequest request) {
    if (!AUTHORIZATION.equals(tokenHeader) || !isApi(request)) {
      return Optional.empty();
    }
    String token = bearer(request);
    return token == null ? Optional.empty() : verified.find(token);
  }

  private static String bearer(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).trim()
        : null;
  }

  @Override
  public AuthenticationStatus secureResponse(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    return isApi(request)
        ? jwt().secureResponse(request, response, context)
        : AuthenticationStatus.SUCCESS;
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    if (isApi(request)) {
      jwt().cleanSubject(request, response, context);
    } else {
      HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }
  }

  private AuthenticationStatus console(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    if (context.isAuthenticationRequest()
        && context.getAuthParameters().getCredential()
            instanceof UsernamePasswordCredential credential) {
      var outcome =
          logins.login(
              credential.getCaller(),
              credential.getPassword().getValue(),
              connection.address(request));
      if (!outcome.succeeded()) {
        return AuthenticationStatus.SEND_FAILURE;
      }
      var member = outcome.member().get();
      Set<String> groups =
          member.roles().stream().map(Role::group).collect(Collectors.toUnmodifiableSet());
      // A fresh session id at login: a session fixed before login is worth nothing after.
      request.getSession(true);
      request.changeSessionId();
      // A member's session lives the console's idle time (web.xml), not the login page's.
      request
          .getSession()
          .setMaxInactiveInterval(request.getServletContext().getSessionTimeout() * 60);
      Instant now = Instant.now();
      new ConsoleLogin(member.username(), groups, now, now, member.mustChangePassword())
          .keepIn(request);
      SessionCookies.harden(request, response, connection.overTls(request));
      return context.notifyContainerAboutLogin(member.username(), groups);
    }
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(ConsoleLogin.SESSION_ATTRIBUTE) instanceof ConsoleLogin login) {
      if (!Instant.now().isBefore(login.startedAt().plus(absoluteLifetime))) {
        // However active, a session ends at its absolute lifetime: log in again.
        logins.loggedOut(login.username(), "SESSION_EXPIRED", connection.address(request));
        session.invalidate();
      } else {
        // A member disabled, or given other roles or a password since the login, starts again.
        var roles = sessions.standing(login);
        if (roles.isPresent()) {
          if (login.mustChangePassword() && isClosedUntilPasswordChanged(request)) {
            return context.redirect(request.getContextPath() + PASSWORD_PAGE);
          }
          return context.notifyContainerAboutLogin(login.username(), roles.get());
        }
        session.invalidate();
      }
    }
    if (isProtectedConsolePage(request)) {
      return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }
    if (path(request).equals(LOGIN_PAGE) && request.getSession(false) == null) {
      // The login page keeps its form's state in a session: made here, so that its cookie is ours.
      request
          .getSession(true)
          .setMaxInactiveInterval((int) Math.max(30, loginPageSessionIdle.toSeconds()));
      SessionCookies.harden(request, response, connection.overTls(request));
    }
    return context.doNothing();
  }

  private Set<String> firstParty() {
    if (firstParty == null) {
      firstParty =
          java.util.Arrays.stream(firstPartyClients.split(","))
              .map(String::trim)
              .filter(id -> !id.isEmpty())
              .collect(Collectors.toUnmodifiableSet());
    }
    return firstParty;
  }

  /** Until the password is changed, every console page but that form (and the login) is closed. */
  private static boolean isClosedUntilPasswordChanged(HttpServletRequest request) {
    String path = path(request);
    return isProtectedConsolePage(request) && !path.equals(PASSWORD_PAGE);
  }

  /** The API and its FHIR form take bearer tokens alike. */
  private static boolean isApi(HttpServletRequest request) {
    String path = path(request);
    return path.startsWith("/api/")
        || path.equals("/api")
        || path.startsWith("/fhir/")
        || path.equals("/fhir");
  }

  /** Every console page but the login page needs a staff login. */
  private static boolean isProtectedConsolePage(HttpServletRequest request) {
    String path = path(request);
    return (path.startsWith("/console/") || path.equals("/console")) && !path.equals(LOGIN_PAGE);
  }

  // Servlet path and path info are decoded and normalised, unlike the raw request URI.
  private static String path(HttpServletRequest request) {
    String info = request.getPathInfo();
    return request.getServletPath() + (info == null ? "" : info);
  }

  /**
   * The MicroProfile JWT mechanism that the runtime installs for {@code @LoginConfig}. Asked of the
   * bean manager directly: a CDI lookup would resolve to this alternative again.
   */
  private HttpAuthenticationMechanism jwt() {
    if (jwt == null) {
      Bean<?> bean =
          beans.getBeans(HttpAuthenticationMechanism.class).stream()
              .filter(candidate -> candidate.getBeanClass() != CarnetAuthenticationMechanism.class)
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("No MicroProfile JWT mechanism"));
      jwt =
          (HttpAuthenticationMechanism)
              beans.getReference(
                  bean, HttpAuthenticationMechanism.class, beans.createCreationalContext(bean));
    }
    return jwt;
  }
}
