package fr.carnet.web.security;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;

/**
 * The coarse role check of a resource method, read once from its {@link ApiRoles} (Carnet's
 * resources use that one), {@code @DenyAll}, {@code @PermitAll} or {@code @RolesAllowed} (the
 * method's first, then its class's, as Jakarta Annotations rank them) and decided on the caller the
 * authentication mechanism left on the request. Who may do what to which record is the access
 * gate's to decide; this only keeps out callers that are not authenticated or hold none of the
 * roles a resource serves.
 */
public record RoleCheck(Rule rule, Set<String> roles) {

  /** What the annotations say. */
  public enum Rule {
    /** {@code @DenyAll}, or an empty list of roles: no one. */
    DENY_ALL,
    /** {@code @PermitAll} or {@link PublicApi}: anyone, authenticated or not. */
    PERMIT_ALL,
    /**
     * {@code @ApiRoles} or {@code @RolesAllowed}: an authenticated caller in one of {@link #roles}.
     */
    ROLES
  }

  /** What the check decides for one request. */
  public enum Decision {
    ALLOWED,
    /** No verified caller: 401. */
    UNAUTHENTICATED,
    /** A caller, but not in a role the resource serves: 403. */
    FORBIDDEN
  }

  public RoleCheck {
    roles = Set.copyOf(roles);
  }

  /** The check of a resource method, or none when neither it nor its class is annotated. */
  public static Optional<RoleCheck> of(Method method, Class<?> resource) {
    Optional<RoleCheck> onMethod = declaredOn(method);
    return onMethod.isPresent() ? onMethod : declaredOn(resource);
  }

  private static Optional<RoleCheck> declaredOn(java.lang.reflect.AnnotatedElement element) {
    if (element.isAnnotationPresent(DenyAll.class)) {
      return Optional.of(new RoleCheck(Rule.DENY_ALL, Set.of()));
    }
    if (element.isAnnotationPresent(PermitAll.class)) {
      return Optional.of(new RoleCheck(Rule.PERMIT_ALL, Set.of()));
    }
    RolesAllowed allowed = element.getAnnotation(RolesAllowed.class);
    if (allowed != null) {
      return Optional.of(roles(allowed.value()));
    }
    if (element.isAnnotationPresent(PublicApi.class)) {
      return Optional.of(new RoleCheck(Rule.PERMIT_ALL, Set.of()));
    }
    ApiRoles served = element.getAnnotation(ApiRoles.class);
    if (served != null) {
      return Optional.of(roles(served.value()));
    }
    return Optional.empty();
  }

  private static RoleCheck roles(String[] roles) {
    return roles.length == 0
        ? new RoleCheck(Rule.DENY_ALL, Set.of())
        : new RoleCheck(Rule.ROLES, Set.of(roles));
  }

  /** The decision for a caller, empty when the request carried no verified token. */
  public Decision decide(Optional<ApiCaller> caller) {
    return switch (rule) {
      case PERMIT_ALL -> Decision.ALLOWED;
      case DENY_ALL -> caller.isEmpty() ? Decision.UNAUTHENTICATED : Decision.FORBIDDEN;
      case ROLES -> {
        if (caller.isEmpty()) {
          yield Decision.UNAUTHENTICATED;
        }
        yield caller.get().groups().stream().anyMatch(roles::contains)
            ? Decision.ALLOWED
            : Decision.FORBIDDEN;
      }
    };
  }
}
