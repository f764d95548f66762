package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console user over plain HTTP, as a browser would post the login form: cookies kept, redirects
 * not followed so that they can be checked. For a second session beside the test's real browser.
 */
final class ConsoleClient {

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

  private final String base;
  private final Map<String, String> headers;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  ConsoleClient(CarnetServer carnet) {
    this(carnet, Map.of());
  }

  /**
   * A client whose every request carries these headers: {@code X-Forwarded-For} for a client
   * address of its own (the test server takes 127.0.0.1 as a trusted proxy), {@code
   * X-Forwarded-Proto}.
   */
  ConsoleClient(CarnetServer carnet, Map<String, String> headers) {
    this.base = carnet.api().base();
    this.headers = Map.copyOf(headers);
  }

  /** A client of the console at {@code base} (the cluster's HAProxy, say). */
  ConsoleClient(String base) {
    this.base = base;
    this.headers = Map.of();
  }

  /** A client that comes from this address, as a trusted proxy says. */
  static ConsoleClient from(CarnetServer carnet, String address) {
    return new ConsoleClient(carnet, Map.of("X-Forwarded-For", address));
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return http.send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    headers.forEach(builder::header);
    return builder;
  }

  /** Forgets the session, as a browser closed and opened again. */
  void forgetCookies() {
    cookies.getCookieStore().removeAll();
  }

  /** Posts a form of the page at {@code path}: its fields by id (without the form's), a button. */
  HttpResponse<String> submit(String path, String form, Map<String, String> fields, String button)
      throws Exception {
    HttpResponse<String> page = get(path);
    Matcher state = VIEW_STATE.matcher(page.body());
    assertThat(state.find()).as(path + " has a view state: " + page.statusCode()).isTrue();
    List<String> body = new ArrayList<>();
    body.add(form + "=" + form);
    fields.forEach((field, value) -> body.add(encode(form + ":" + field) + "=" + encode(value)));
    body.add(encode(form + ":" + button) + "=x");
    body.add("jakarta.faces.ViewState=" + encode(state.group(1)));
    return post(path, "application/x-www-form-urlencoded", String.join("&", body));
  }

  /** The view state of a page as fetched, for a form posted later. */
  static String viewState(HttpResponse<String> page) {
    Matcher state = VIEW_STATE.matcher(page.body());
    assertThat(state.find()).as("a view state: " + page.statusCode()).isTrue();
    return state.group(1);
  }

  /** Changes the member's own password on the password page; a 302 home means done. */
  HttpResponse<String> changePassword(String current, String next) throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("current", current);
    fields.put("next", next);
    fields.put("confirmation", next);
    return submit("/console/password.xhtml", "password", fields, "submit");
  }

  /** Logs out through the home page's button. */
  HttpResponse<String> logout() throws Exception {
    return submit("/console/index.xhtml", "logout", Map.of(), "submit");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Posts the login form; a 302 to the home page means logged in. */
  HttpResponse<String> login(String user, String password) throws Exception {
    HttpResponse<String> page = get("/console/login.xhtml");
    Matcher state = VIEW_STATE.matcher(page.body());
    assertThat(state.find()).as("login page has a view state").isTrue();
    String form =
        String.join(
            "&",
            "login=login",
            "login%3Ausername=" + URLEncoder.encode(user, StandardCharsets.UTF_8),
            "login%3Apassword=" + URLEncoder.encode(password, StandardCharsets.UTF_8),
            "login%3Asubmit=Se+connecter",
            "jakarta.faces.ViewState=" + URLEncoder.encode(state.group(1), StandardCharsets.UTF_8));
    return post("/console/login.xhtml", "application/x-www-form-urlencoded", form);
  }
}
