package fr.carnet.web.rest;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Names the instance that served a request in {@code X-Carnet-Instance}, when several run behind a
 * load balancer and {@code carnet.instance.name} names this one: operators and tests see where a
 * request went. Only that configured name is sent, nothing about the server or its version.
 */
@WebFilter(
    urlPatterns = "/*",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST})
public class InstanceHeaderFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final String HEADER = "X-Carnet-Instance";

  @Inject
  @ConfigProperty(name = "carnet.instance.name")
  private transient Optional<String> name;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (name != null && name.isPresent() && !name.get().isBlank()) {
      response.setHeader(HEADER, name.get());
    }
    chain.doFilter(request, response);
  }
}
