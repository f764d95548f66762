package fr.carnet.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console's session cookie, as the container has just set it, given {@code HttpOnly}, {@code
 * SameSite=Strict} and, over TLS, {@code Secure}. Called where a console session is made (the login
 * page) or given its new id (the login), the only two places its cookie is sent.
 */
final class SessionCookies {

  private SessionCookies() {}

  static void harden(HttpServletRequest request, HttpServletResponse response, boolean overTls) {
    String name = request.getServletContext().getSessionCookieConfig().getName();
    String prefix = (name == null ? "JSESSIONID" : name) + "=";
    List<String> cookies = new ArrayList<>(response.getHeaders("Set-Cookie"));
    if (cookies.stream().noneMatch(cookie -> cookie.startsWith(prefix))) {
      return;
    }
    boolean first = true;
    for (String cookie : cookies) {
      String value = cookie.startsWith(prefix) ? hardened(cookie, overTls) : cookie;
      if (first) {
        response.setHeader("Set-Cookie", value);
        first = false;
      } else {
        response.addHeader("Set-Cookie", value);
      }
    }
  }

  /** The cookie with its attributes as Carnet wants them, whatever the container wrote. */
  static String hardened(String cookie, boolean overTls) {
    StringBuilder out = new StringBuilder();
    for (String part : cookie.split(";")) {
      String attribute = part.trim();
      String lower = attribute.toLowerCase(Locale.ROOT);
      if (attribute.isEmpty()
          || lower.equals("secure")
          || lower.equals("httponly")
          || lower.startsWith("samesite")) {
        continue;
      }
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(attribute);
    }
    out.append("; HttpOnly; SameSite=Strict");
    if (overTls) {
      out.append("; Secure");
    }
    return out.toString();
  }
}
