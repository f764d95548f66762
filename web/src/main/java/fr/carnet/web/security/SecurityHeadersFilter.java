package fr.carnet.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers that keep browsers from framing, sniffing, caching or leaking what Carnet serves, and,
 * over TLS only (see {@link ClientConnection}), from ever coming back in clear.
 */
@WebFilter(
    urlPatterns = "/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR})
public class SecurityHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** A year, subdomains included: once seen over TLS, browsers never come back in clear. */
  static final String HSTS = "max-age=31536000; includeSubDomains";

  @Inject private transient ClientConnection connection;

  public SecurityHeadersFilter() {
    // for the container
  }

  SecurityHeadersFilter(ClientConnection connection) {
    this.connection = connection;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    if (connection == null ? request.isSecure() : connection.overTls(request)) {
      // Only over TLS: a header received in clear is ignored by browsers, and says nothing true.
      response.setHeader("Strict-Transport-Security", HSTS);
    }
    chain.doFilter(request, response);
  }
}
