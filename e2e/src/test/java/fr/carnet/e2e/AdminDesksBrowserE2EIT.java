package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * An administrator's other screens in a real browser: console accounts (create, disable, reset a
 * password, change roles, each felt at once by the member), a new document type and its class, and
 * a policy duration that the next agreement follows.
 */
@ExtendWith({CarnetServerExtension.class, Browser.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminDesksBrowserE2EIT {

  private static final String PASSWORD = "un-mot-de-passe-de-test";

  private CarnetServer carnet;
  private WebDriver browser;

  @BeforeAll
  void setUp(CarnetServer carnet) {
    this.carnet = carnet;
    browser = Browser.open();
  }

  @AfterAll
  void tearDown() {
    // The rule book's value again, whatever happened, for the other tests.
    carnet
        .api()
        .send(
            "PUT",
            "/api/v1/reference/durations/CARE_RELATIONSHIP",
            carnet.token("admin"),
            "application/json",
            "{\"value\":\"P365D\"}");
    Browser.close();
  }

  @BeforeEach
  void asAdministrator() {
    browser.manage().deleteAllCookies();
    Browser.logIn(browser, carnet.api().base(), "admin", carnet.adminPassword());
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private void click(String id) {
    Browser.click(browser, id);
  }

  private void audit(String state) {
    Accessibility.audit(browser, state);
  }

  private void clickOn(String css) {
    click(browser.findElement(By.cssSelector(css)).getAttribute("id"));
  }

  private void type(String id, String value) {
    WebElement field = browser.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  @Test
  void anAdministratorManagesAConsoleAccountAndTheMemberFeelsEachChange() throws Exception {
    String name = "agent-" + People.letters(8).toLowerCase();
    Browser.openDesk(browser, carnet.api().base(), "staff-desk");
    audit("staff desk, as first opened");

    // Refused first: the password too short, and no role.
    type("create:username", name);
    type("create:password", "court");
    click("create:submit");
    assertThat(text("messages")).contains("mot de passe : 12 caractères au moins");
    audit("staff desk, an error shown");

    type("create:username", name);
    type("create:password", PASSWORD);
    click("create:roles:0"); // agent
    click("create:submit");

    assertThat(browser.getPageSource()).contains("Compte " + name + " créé.");
    assertThat(text("member-list")).contains(name + " agent actif");
    audit("staff desk, a confirmation shown");
    ConsoleClient member = new ConsoleClient(carnet);
    assertThat(member.login(name, PASSWORD).statusCode()).isEqualTo(302);
    assertThat(member.get("/console/index.xhtml").body()).contains("<li>agent</li>");

    // Disabled: the open session ends at its next request.
    clickOn("[data-user='" + name + "']");
    audit("staff desk, a member selected");
    click("manage:disable");
    assertThat(text("member-list")).contains(name + " agent désactivé");
    assertThat(member.get("/console/index.xhtml").statusCode()).isEqualTo(302);
    assertThat(new ConsoleClient(carnet).login(name, PASSWORD).statusCode()).isEqualTo(200);

    // Enabled again with a new password, and an auditor now.
    clickOn("[data-user='" + name + "']");
    click("manage:enable");
    clickOn("[data-user='" + name + "']");
    type("manage:password", "un-tout-nouveau-mot-de-passe");
    click("manage:reset");
    clickOn("[data-user='" + name + "']");
    click("manage:roles:0"); // no longer an agent
    click("manage:roles:1"); // an auditor
    click("manage:changeRoles");
    audit("staff desk, roles changed");

    assertThat(text("member-list")).contains(name + " auditor actif");
    assertThat(new ConsoleClient(carnet).login(name, PASSWORD).statusCode()).isEqualTo(200);
    ConsoleClient again = new ConsoleClient(carnet);
    // A password set by an administrator is the member's to replace before any desk opens.
    HttpResponse<String> reset = again.login(name, "un-tout-nouveau-mot-de-passe");
    assertThat(reset.statusCode()).isEqualTo(302);
    assertThat(reset.headers().firstValue("Location").orElse(""))
        .endsWith("/console/password.xhtml");
    assertThat(again.get("/console/index.xhtml").headers().firstValue("Location").orElse(""))
        .endsWith("/console/password.xhtml");
    assertThat(
            again
                .changePassword("un-tout-nouveau-mot-de-passe", "le-mien-desormais-" + name)
                .statusCode())
        .isEqualTo(302);
    assertThat(again.get("/console/index.xhtml").body())
        .contains("<li>auditor</li>")
        .doesNotContain("<li>agent</li>");
    assertThat(text("changes"))
        .contains("admin " + name + " créé : agent")
        .contains("admin " + name + " désactivé")
        .contains("admin " + name + " mot de passe réinitialisé")
        .contains("admin " + name + " rôles : auditor");
    // Only administrators manage accounts, in the API as in the console.
    assertThat(carnet.api().get("/api/v1/staff", carnet.token("agent")).status()).isEqualTo(403);
  }

  @Test
  void aNewDocumentTypeIsAcceptedInItsClassOnceMapped() {
    String nir = People.newNir();
    carnet.api().post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true));
    String code = (10000 + new java.util.Random().nextInt(89999)) + "-" + 7;
    String gp = carnet.token("professional");
    String push =
        Documents.push(
            Documents.uniqueId(),
            nir,
            "http://loinc.org",
            code,
            "2026-01-05T10:00:00Z",
            "application/pdf",
            Documents.pdf(2000));
    assertThat(carnet.api().post("/api/v1/documents", gp, push).code())
        .isEqualTo("DOCUMENT_TYPE_UNKNOWN");
    Browser.openDesk(browser, carnet.api().base(), "policy-desk");
    audit("policy desk, as first opened");

    type("newType:code", code);
    new Select(browser.findElement(By.id("newType:class"))).selectByValue("IMAGING");
    click("newType:add");

    assertThat(browser.getPageSource()).contains("Type " + code + " ajouté en IMAGING.");
    audit("policy desk, a type added");
    assertThat(text("type-changes"))
        .contains("admin http://loinc.org " + code + " nouveau IMAGING");
    Api.Reply published =
        carnet
            .api()
            .post(
                "/api/v1/documents",
                gp,
                Documents.push(
                    Documents.uniqueId(),
                    nir,
                    "http://loinc.org",
                    code,
                    "2026-01-05T10:00:00Z",
                    "application/pdf",
                    Documents.pdf(2000)));
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    assertThat(published.json().getString("class")).isEqualTo("IMAGING");
  }

  @Test
  void aShorterCareRelationshipAppliesToTheNextAgreement() {
    String nir = People.newNir();
    String record =
        carnet
            .api()
            .post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true))
            .json()
            .getString("id");
    Browser.openDesk(browser, carnet.api().base(), "policy-desk");

    type(
        browser
            .findElement(By.cssSelector("[data-duration='CARE_RELATIONSHIP']"))
            .getAttribute("id"),
        "P30D");
    click("durations:save");

    assertThat(browser.getPageSource()).contains("1 durée(s) modifiée(s).");
    audit("policy desk, a confirmation shown");
    assertThat(text("duration-changes")).contains("admin Durée d'un accès attesté configurée P30D");
    Api.Reply agreed =
        carnet
            .api()
            .post(
                "/api/v1/records/" + record + "/agreements",
                carnet.token("professional"),
                "{\"mode\":\"NORMAL\"}");
    assertThat(agreed.status()).as(agreed.toString()).isEqualTo(201);
    Instant expires = Instant.parse(agreed.json().getString("expiresAt"));
    assertThat(Duration.between(Instant.now(), expires))
        .isBetween(Duration.ofDays(30).minusMinutes(5), Duration.ofDays(30));

    type(
        browser
            .findElement(By.cssSelector("[data-duration='CARE_RELATIONSHIP']"))
            .getAttribute("id"),
        "trente jours");
    click("durations:save");
    assertThat(browser.getPageSource()).contains("valeur refusée");
    audit("policy desk, an error shown");
  }
}
