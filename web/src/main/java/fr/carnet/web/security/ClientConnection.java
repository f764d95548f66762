package fr.carnet.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a request comes from and whether it came over TLS. The connection's own address and scheme
 * count, unless the connection comes from a reverse proxy named in {@code
 * carnet.console.trusted-proxies}: then its {@code X-Forwarded-For} (the last address, the one the
 * proxy itself added) and {@code X-Forwarded-Proto} are believed. Anyone else's forwarded headers
 * are ignored, so a client cannot pick its own address to escape the per-address throttle, nor make
 * Carnet believe a plain connection is encrypted.
 */
@ApplicationScoped
public class ClientConnection {

  @Inject
  @ConfigProperty(name = "carnet.console.trusted-proxies")
  private Optional<String> trustedProxies;

  private volatile Set<String> trusted;

  public ClientConnection() {
    // for CDI
  }

  /** Believing these proxies, as tests set it. */
  ClientConnection(Set<String> trustedProxies) {
    this.trusted = Set.copyOf(trustedProxies);
  }

  /** The client's address, as the throttle and the trail name it. */
  public String address(HttpServletRequest request) {
    // Every line of the header, in order: a proxy may add its own line rather than extend the
    // client's, and the address it added is then on the last line, never the first.
    List<String> lines = Collections.list(request.getHeaders("X-Forwarded-For"));
    return address(
        request.getRemoteAddr(), lines.isEmpty() ? null : String.join(",", lines), trusted());
  }

  /** Whether the client's connection is encrypted (to Carnet, or to a trusted proxy). */
  public boolean overTls(HttpServletRequest request) {
    return overTls(
        request.isSecure(),
        request.getRemoteAddr(),
        request.getHeader("X-Forwarded-Proto"),
        trusted());
  }

  private Set<String> trusted() {
    if (trusted == null) {
      trusted =
          // A comma-separated string: Payara's config producer injects no Optional<List>.
          Arrays.stream(trustedProxies.orElse("").split(","))
              .map(String::trim)
              .filter(address -> !address.isEmpty())
              .collect(Collectors.toUnmodifiableSet());
    }
    return trusted;
  }

  static String address(String remote, String forwardedFor, Set<String> trusted) {
    if (remote != null && trusted.contains(remote) && forwardedFor != null) {
      String[] hops = forwardedFor.split(",");
      String last = hops[hops.length - 1].trim();
      if (!last.isEmpty() && last.length() <= 64) {
        return last;
      }
    }
    return remote == null ? "?" : remote;
  }

  static boolean overTls(
      boolean secure, String remote, String forwardedProto, Set<String> trusted) {
    if (secure) {
      return true;
    }
    return remote != null
        && trusted.contains(remote)
        && forwardedProto != null
        && "https".equalsIgnoreCase(forwardedProto.trim());
  }
}
