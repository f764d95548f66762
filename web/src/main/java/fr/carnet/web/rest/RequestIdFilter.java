package fr.carnet.web.rest;

import fr.carnet.audit.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;

/**
 * Gives every API request an id, the client's {@code X-Request-Id} when it is a plain token or a
 * new one, answered in the same header and written into the request's traces.
 */
@WebFilter(
    urlPatterns = {"/api/*", "/fhir/*"},
    asyncSupported = true)
public class RequestIdFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  static final String HEADER = "X-Request-Id";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String requestId = request.getHeader(HEADER);
    if (!RequestIds.acceptable(requestId)) {
      requestId = UUID.randomUUID().toString();
    }
    response.setHeader(HEADER, requestId);
    RequestIds.set(requestId);
    try {
      chain.doFilter(request, response);
    } finally {
      RequestIds.clear();
    }
  }
}
