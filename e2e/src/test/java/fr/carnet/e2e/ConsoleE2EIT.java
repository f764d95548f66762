package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's form login against the database identity store, over HTTP as a browser would post
 * it. (Browser-driven tests come with the console itself.)
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleE2EIT {

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

  private CarnetServer carnet;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
  }

  /** A browser of its own: cookies kept, redirects not followed so that they can be checked. */
  private static HttpClient browser() {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create(carnet.api().base() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> login(HttpClient browser, String user, String password)
      throws Exception {
    HttpResponse<String> page = get(browser, "/console/login.xhtml");
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
    return browser.send(
        HttpRequest.newBuilder(URI.create(carnet.api().base() + "/console/login.xhtml"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aLoggedOutUserIsSentToTheLoginPage() throws Exception {
    HttpResponse<String> landing = get(browser(), "/console/index.xhtml");

    assertThat(landing.statusCode()).isEqualTo(302);
    assertThat(landing.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/login.xhtml"));
  }

  @Test
  void theFirstAdministratorLogsInWithTheConfiguredPassword() throws Exception {
    HttpClient browser = browser();

    HttpResponse<String> posted = login(browser, "admin", CarnetServer.ADMIN_PASSWORD);

    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
    HttpResponse<String> landing = get(browser, "/console/index.xhtml");
    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(landing.body()).contains("Bienvenue").contains("<li>admin</li>");
  }

  @Test
  void aWrongPasswordIsRefusedWithTheSameWordsAsAnUnknownUser() throws Exception {
    HttpResponse<String> wrongPassword = login(browser(), "admin", "not-the-password");
    HttpResponse<String> unknownUser = login(browser(), "nobody", "whatever");

    for (HttpResponse<String> refused : java.util.List.of(wrongPassword, unknownUser)) {
      assertThat(refused.statusCode()).isEqualTo(200);
      assertThat(refused.body()).contains("Identifiant ou mot de passe incorrect.");
    }
  }

  @Test
  void aConsoleSessionNeverAuthenticatesTheApi() throws Exception {
    HttpClient browser = browser();
    assertThat(login(browser, "admin", CarnetServer.ADMIN_PASSWORD).statusCode()).isEqualTo(302);

    HttpResponse<String> api =
        browser.send(
            HttpRequest.newBuilder(URI.create(carnet.api().base() + "/api/v1/records"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(People.createBody(People.newNir(), false)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(api.statusCode()).isEqualTo(401);
  }
}
