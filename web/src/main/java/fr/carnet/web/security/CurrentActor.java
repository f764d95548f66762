package fr.carnet.web.security;

import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The {@link Actor} of the current API request, as the authentication mechanism built it from the
 * verified token (once per token, see {@link ApiCaller}), handed to the services, which never read
 * the token themselves.
 *
 * <p>One bean for the application, reading the request's attribute at each call through the
 * container's proxy of the current request: a request-scoped bean was created, injected (through
 * Payara's resource injection) and destroyed for every request, 5 % of a document read's CPU, to
 * remember what the attribute already holds.
 */
@ApplicationScoped
public class CurrentActor {

  @Inject private HttpServletRequest request;

  public Actor get() {
    ApiCaller caller =
        ApiCaller.of(request.getAttribute(ApiCaller.ATTRIBUTE))
            .orElseThrow(
                () ->
                    new CarnetException(
                        ErrorCode.UNAUTHENTICATED, "A valid bearer token is required"));
    if (caller.actor() == null) {
      // A caller acts in one role at a time; two would make every decision ambiguous.
      throw new CarnetException(
          ErrorCode.FORBIDDEN,
          "The token must carry a subject and exactly one Carnet role in groups");
    }
    return caller.actor();
  }
}
