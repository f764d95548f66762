/**
 * Authentication: bearer tokens (MicroProfile JWT, verified once and cached until expiry) and
 * console sessions become the request's one {@link fr.carnet.security.Actor}; the coarse role check
 * per resource method is {@code RoleCheck} (a method open to all must say so with {@code
 * PublicApi}); the security headers and the session cookie's attributes are set here.
 */
package fr.carnet.web.security;
