package fr.carnet.web.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles (token groups) a REST resource serves, checked by {@link RoleCheckFeature}: Carnet's
 * {@code @RolesAllowed}. Not the standard annotation, because on a resource that one also installs
 * MicroProfile JWT's own filter, which asks Jakarta Security for the caller on every request (a
 * tenth of a push's CPU), and Payara cannot turn that filter off for a WAR inside an EAR ({@code
 * jaxrs-roles-allowed-enabled} is ignored there: payara/Payara#3581).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ApiRoles {

  /** An empty list serves no one. */
  String[] value();
}
