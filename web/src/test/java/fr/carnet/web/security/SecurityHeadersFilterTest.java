package fr.carnet.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** HSTS only over TLS; forwarded headers believed only from a trusted proxy. */
class SecurityHeadersFilterTest {

  private static final String PROXY = "192.0.2.10";

  private record Case(
      String name, boolean secure, String remote, String forwardedProto, boolean hsts) {}

  @Test
  void hstsIsSentOnlyWhenTheClientsConnectionIsTls() throws Exception {
    var cases =
        java.util.List.of(
            new Case("plain HTTP", false, "198.51.100.7", null, false),
            new Case("TLS to Carnet", true, "198.51.100.7", null, true),
            new Case("TLS at the trusted proxy", false, PROXY, "https", true),
            new Case("plain HTTP at the trusted proxy", false, PROXY, "http", false),
            new Case("a client claiming https", false, "198.51.100.7", "https", false));
    for (Case c : cases) {
      Map<String, String> headers = new HashMap<>();
      new SecurityHeadersFilter(new ClientConnection(Set.of(PROXY)))
          .doFilter(request(c), response(headers), chain());
      assertThat(headers.containsKey("Strict-Transport-Security")).as(c.name()).isEqualTo(c.hsts());
      if (c.hsts()) {
        assertThat(headers.get("Strict-Transport-Security")).isEqualTo(SecurityHeadersFilter.HSTS);
      }
      assertThat(headers).as(c.name()).containsEntry("X-Frame-Options", "DENY");
    }
  }

  @Test
  void theClientAddressIsTheForwardedOneOnlyFromATrustedProxy() {
    assertThat(ClientConnection.address(PROXY, "203.0.113.5", Set.of(PROXY)))
        .isEqualTo("203.0.113.5");
    // The proxy appends the address it saw: what the client wrote before it is not believed.
    assertThat(ClientConnection.address(PROXY, "10.9.9.9, 203.0.113.5", Set.of(PROXY)))
        .isEqualTo("203.0.113.5");
    assertThat(ClientConnection.address("198.51.100.7", "203.0.113.5", Set.of(PROXY)))
        .isEqualTo("198.51.100.7");
    assertThat(ClientConnection.address(PROXY, null, Set.of(PROXY))).isEqualTo(PROXY);
    assertThat(ClientConnection.address(PROXY, "203.0.113.5", Set.of())).isEqualTo(PROXY);
  }

  @Test
  void theSessionCookieIsHttpOnlyStrictAndSecureOverTls() {
    String container = "JSESSIONID=abc123; Path=/;HttpOnly";
    assertThat(SessionCookies.hardened(container, false))
        .isEqualTo("JSESSIONID=abc123; Path=/; HttpOnly; SameSite=Strict");
    assertThat(SessionCookies.hardened(container, true))
        .isEqualTo("JSESSIONID=abc123; Path=/; HttpOnly; SameSite=Strict; Secure");
    assertThat(SessionCookies.hardened("JSESSIONID=x; Path=/; Secure; SameSite=Lax", false))
        .isEqualTo("JSESSIONID=x; Path=/; HttpOnly; SameSite=Strict");
  }

  private static HttpServletRequest request(Case c) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            SecurityHeadersFilterTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "isSecure" -> c.secure();
                  case "getRemoteAddr" -> c.remote();
                  case "getHeader" ->
                      "X-Forwarded-Proto".equals(args[0]) ? c.forwardedProto() : null;
                  default -> null;
                });
  }

  private static HttpServletResponse response(Map<String, String> headers) {
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            SecurityHeadersFilterTest.class.getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> {
              if (method.getName().equals("setHeader")) {
                headers.put((String) args[0], (String) args[1]);
              }
              return null;
            });
  }

  private static FilterChain chain() {
    return (request, response) -> {};
  }
}
