package fr.carnet.web.security;

import fr.carnet.shared.ErrorCode;
import fr.carnet.web.rest.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Carnet's coarse role check for the REST API ({@link ApiRoles}), in place of MicroProfile JWT's
 * {@code @RolesAllowed} filter: that one asked Jakarta Security's {@code SecurityContext} for the
 * caller on every request (a principal lookup that tries to load JBoss, WebLogic and GlassFish
 * subject classes each time), reached through {@code CDI.current()}. This one reads each resource
 * method's annotations once, at deployment, and decides on the {@link ApiCaller} that the
 * authentication mechanism left on the request.
 */
@Provider
public class RoleCheckFeature implements DynamicFeature {

  static final String UNAUTHENTICATED_DETAIL = "This resource needs a verified bearer token";
  static final String FORBIDDEN_DETAIL = "The token carries none of the roles this resource serves";

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    RoleCheck.of(resource.getResourceMethod(), resource.getResourceClass())
        .ifPresent(check -> context.register(new Filter(check)));
  }

  /** The check of one resource method, run before any other filter that needs a caller. */
  @Priority(Priorities.AUTHORIZATION)
  static final class Filter implements ContainerRequestFilter {

    private final RoleCheck check;

    Filter(RoleCheck check) {
      this.check = check;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      // Under the servlet container, a JAX-RS request property is the servlet request attribute.
      switch (check.decide(ApiCaller.of(request.getProperty(ApiCaller.ATTRIBUTE)))) {
        case ALLOWED -> {}
        case UNAUTHENTICATED ->
            request.abortWith(Problems.of(ErrorCode.UNAUTHENTICATED, UNAUTHENTICATED_DETAIL));
        case FORBIDDEN -> request.abortWith(Problems.of(ErrorCode.FORBIDDEN, FORBIDDEN_DETAIL));
      }
    }
  }
}
