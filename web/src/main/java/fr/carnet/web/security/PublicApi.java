package fr.carnet.web.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A REST resource anyone may call, without a token, checked by {@link RoleCheckFeature}: Carnet's
 * {@code @PermitAll}, for what is public by nature (the keys that verify Carnet's signatures). Not
 * the standard annotation, for the reason {@link ApiRoles} gives. Nothing that reads a record may
 * carry it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublicApi {}
