package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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

  private CarnetServer carnet;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
  }

  private ConsoleClient browser() {
    return new ConsoleClient(carnet);
  }

  @Test
  void aLoggedOutUserIsSentToTheLoginPage() throws Exception {
    HttpResponse<String> landing = browser().get("/console/index.xhtml");

    assertThat(landing.statusCode()).isEqualTo(302);
    assertThat(landing.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/login.xhtml"));
  }

  @Test
  void theFirstAdministratorLogsInWithTheirOwnPasswordOnceChanged() throws Exception {
    ConsoleClient browser = browser();

    HttpResponse<String> posted = browser.login("admin", carnet.adminPassword());

    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
    HttpResponse<String> landing = browser.get("/console/index.xhtml");
    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(landing.body()).contains("Bienvenue").contains("<li>admin</li>");
  }

  @Test
  void aWrongPasswordIsRefusedWithTheSameWordsAsAnUnknownUser() throws Exception {
    HttpResponse<String> wrongPassword = browser().login("admin", "not-the-password");
    HttpResponse<String> unknownUser = browser().login("nobody", "whatever");

    for (HttpResponse<String> refused : java.util.List.of(wrongPassword, unknownUser)) {
      assertThat(refused.statusCode()).isEqualTo(200);
      assertThat(refused.body()).contains("Identifiant ou mot de passe incorrect.");
    }
  }

  @Test
  void aConsoleSessionNeverAuthenticatesTheApi() throws Exception {
    ConsoleClient browser = browser();
    assertThat(browser.login("admin", carnet.adminPassword()).statusCode()).isEqualTo(302);

    HttpResponse<String> api =
        browser.post(
            "/api/v1/records", "application/json", People.createBody(People.newNir(), false));

    assertThat(api.statusCode()).isEqualTo(401);
  }

  private static final Pattern DESK_LINK =
      Pattern.compile("id=\"agent-desk\"[^>]*href=\"([^\"]+)\"");

  @Test
  void aDeskOpensOnlyWithTheSessionsTokenFromTheHomePage() throws Exception {
    Browser.staffAccount(carnet, "agent-jeton", "un-mot-de-passe-de-test", "agent");
    ConsoleClient browser = browser();
    assertThat(browser.login("agent-jeton", "un-mot-de-passe-de-test").statusCode()).isEqualTo(302);

    HttpResponse<String> bare = browser.get("/console/agent.xhtml");
    assertThat(bare.statusCode()).isEqualTo(302);
    assertThat(bare.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/index.xhtml"));

    HttpResponse<String> home = browser.get("/console/index.xhtml");
    java.util.regex.Matcher link = DESK_LINK.matcher(home.body());
    assertThat(link.find()).as(home.body()).isTrue();
    String href = link.group(1).replace("&amp;", "&");
    assertThat(href).contains("jakarta.faces.Token=");
    HttpResponse<String> desk = browser.get(href.substring(href.indexOf("/console/")));
    assertThat(desk.statusCode()).isEqualTo(200);
    assertThat(desk.body()).contains("Retrouver une personne");
    // Every page carries the security headers.
    assertThat(desk.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(desk.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @Test
  void aDisabledMembersOpenSessionEndsAtItsNextRequest() throws Exception {
    String name = "agent-" + People.letters(8).toLowerCase();
    Browser.staffAccount(carnet, name, "un-mot-de-passe-de-test", "agent");
    ConsoleClient agent = browser();
    assertThat(agent.login(name, "un-mot-de-passe-de-test").statusCode()).isEqualTo(302);
    assertThat(agent.get("/console/index.xhtml").statusCode()).isEqualTo(200);

    Api.Reply disabled =
        carnet
            .api()
            .send(
                "PATCH",
                "/api/v1/staff/" + name,
                carnet.token("admin"),
                "application/json",
                "{\"enabled\":false}");
    assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);

    HttpResponse<String> next = agent.get("/console/index.xhtml");
    assertThat(next.statusCode()).isEqualTo(302);
    assertThat(next.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/console/login.xhtml"));
    assertThat(browser().login(name, "un-mot-de-passe-de-test").statusCode()).isEqualTo(200);
  }

  private java.util.List<jakarta.json.JsonObject> staff() {
    return jakarta.json.Json.createReader(
            new java.io.StringReader(
                carnet.api().get("/api/v1/staff", carnet.token("admin")).body()))
        .readArray()
        .getValuesAs(jakarta.json.JsonObject.class);
  }

  @Test
  void theLastAdministratorCannotBeDisabledAndNothingChanges() {
    // No test creates another administrator: the bootstrap one is the last.
    assertThat(
            staff().stream()
                .filter(member -> member.getBoolean("enabled"))
                .filter(member -> member.getJsonArray("roles").toString().contains("admin"))
                .map(member -> member.getString("username")))
        .containsExactly("admin");

    Api.Reply refused =
        carnet
            .api()
            .send(
                "PATCH",
                "/api/v1/staff/admin",
                carnet.token("admin"),
                "application/json",
                "{\"roles\":[\"auditor\"],\"enabled\":false}");

    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("LAST_ADMIN");
    jakarta.json.JsonObject admin =
        staff().stream()
            .filter(member -> member.getString("username").equals("admin"))
            .findFirst()
            .orElseThrow();
    assertThat(admin.getBoolean("enabled")).isTrue();
    assertThat(admin.getJsonArray("roles").getString(0)).isEqualTo("admin");
  }
}
