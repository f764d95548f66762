package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Issue 21, item 4, in a real browser: one administrator submits a reviewed app on the catalogue
 * page, and is offered no approval of their own request; a second approves it, and it is in the
 * patients' catalogue; suspended, then reinstated by two again. An incomplete checklist is refused
 * and nothing stored. The publisher's name is text: a {@code <script>} in it renders as typed.
 */
@ExtendWith({CarnetServerExtension.class, Browser.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogueDeskBrowserE2EIT {

  private static final String FIRST = "admin-catalogue-desk-1";
  private static final String SECOND = "admin-catalogue-desk-2";
  private static final String PASSWORD = "un-mot-de-passe-de-test";
  private static final String HOSTILE_NAME = "<script>window.pwned=1</script>Suivi <i>Asthme</i>";
  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static final Pattern TOKEN = Pattern.compile("jakarta\\.faces\\.Token=([^\"&]+)");

  private CarnetServer carnet;
  private WebDriver browser;

  @BeforeAll
  void setUp(CarnetServer carnet) {
    this.carnet = carnet;
    Browser.staffAccount(carnet, FIRST, PASSWORD, "admin");
    Browser.staffAccount(carnet, SECOND, PASSWORD, "admin");
    browser = Browser.open();
  }

  @AfterAll
  void tearDown() {
    Browser.close();
    // ConsoleE2EIT counts on the bootstrap administrator being the last one enabled.
    for (String admin : List.of(FIRST, SECOND)) {
      Api.Reply disabled =
          carnet
              .api()
              .send(
                  "PATCH",
                  "/api/v1/staff/" + admin,
                  carnet.token("admin"),
                  "application/json",
                  "{\"enabled\":false}");
      assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
    }
  }

  @BeforeEach
  void loggedOut() {
    browser.manage().deleteAllCookies();
  }

  private void openAs(String admin) {
    browser.manage().deleteAllCookies();
    Browser.logIn(browser, carnet.api().base(), admin, PASSWORD);
    Browser.openDesk(browser, carnet.api().base(), "catalogue-desk");
  }

  private static String clientId() {
    return "app-desk-" + System.nanoTime() % 1_000_000 + "-" + SERIAL.incrementAndGet();
  }

  private void type(String id, String value) {
    WebElement field = browser.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  private void submit(String clientId, String name, boolean everyCriterion) {
    type("submission:name", name);
    type("submission:publisher", "Éditeur SAS");
    type("submission:clientId", clientId);
    type("submission:scopes", "documents:read:LAB appointments:write");
    if (everyCriterion) {
      for (WebElement box : browser.findElements(By.name("submission:criteria"))) {
        if (!box.isSelected()) {
          box.click();
        }
      }
    }
    Browser.click(browser, "submission:submit");
  }

  private WebElement row(String clientId) {
    return browser.findElement(By.cssSelector("tr.app[data-client-id='" + clientId + "']"));
  }

  private List<WebElement> rows(String clientId) {
    return browser.findElements(By.cssSelector("tr.app[data-client-id='" + clientId + "']"));
  }

  private void press(String clientId, String buttonId) {
    WebElement button =
        row(clientId).findElements(By.cssSelector("input[type=submit]")).stream()
            .filter(b -> b.getAttribute("id").endsWith(":" + buttonId))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No " + buttonId + " for " + clientId));
    Browser.click(browser, button.getAttribute("id"));
  }

  private List<String> buttons(String clientId) {
    return row(clientId).findElements(By.cssSelector("input[type=submit]")).stream()
        .map(b -> b.getAttribute("id").replaceAll(".*:", ""))
        .toList();
  }

  private String messages() {
    return browser.findElement(By.id("messages")).getText();
  }

  private List<String> patientsCatalogue() {
    Api.Reply apps = carnet.api().get("/api/v1/catalogue/apps", carnet.token("patient"));
    assertThat(apps.status()).as(apps.toString()).isEqualTo(200);
    return apps.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(a -> a.getString("clientId"))
        .toList();
  }

  @Test
  void oneAdministratorSubmitsAndASecondApprovesSuspendsAndReinstatesWithAnother() {
    String clientId = clientId();
    openAs(FIRST);
    submit(clientId, HOSTILE_NAME, true);
    assertThat(messages()).contains("Demande de référencement enregistrée");
    assertThat(row(clientId).findElement(By.className("status")).getText())
        .isEqualTo("En attente d'un second administrateur");
    // Their own request: no approval offered to them (and the service would refuse it).
    assertThat(row(clientId).findElement(By.className("own-request")).getText())
        .contains("Votre demande");
    assertThat(buttons(clientId)).doesNotContain("approve", "reject");
    Accessibility.audit(browser, "catalogue page, one's own request pending");
    // The publisher's markup is text: shown as typed, no element made of it, nothing run.
    assertThat(row(clientId).findElement(By.className("app-name")).getText())
        .isEqualTo(HOSTILE_NAME);
    assertThat(row(clientId).findElements(By.cssSelector("script, i"))).isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined"))
        .isEqualTo(true);
    assertThat(patientsCatalogue()).doesNotContain(clientId);

    openAs(SECOND);
    assertThat(row(clientId).findElement(By.className("pending")).getText())
        .contains("Référencement, demandé par " + FIRST);
    Accessibility.audit(browser, "catalogue page, another administrator's request to decide");
    press(clientId, "approve");
    assertThat(messages()).contains("Demande approuvée.");
    assertThat(row(clientId).findElement(By.className("status")).getText()).isEqualTo("Référencée");
    assertThat(patientsCatalogue()).contains(clientId);

    // Suspended by one: out of the patients' catalogue at once.
    row(clientId).findElement(By.cssSelector("input[type=text]")).sendKeys("Faille signalée");
    press(clientId, "suspend");
    assertThat(messages()).contains("Application suspendue");
    assertThat(row(clientId).findElement(By.className("status")).getText())
        .isEqualTo("Suspendue : Faille signalée");
    assertThat(patientsCatalogue()).doesNotContain(clientId);
    press(clientId, "reinstate");
    assertThat(messages()).contains("Demande de rétablissement enregistrée");
    assertThat(buttons(clientId)).doesNotContain("approve", "reinstate");

    // Reinstated only once another administrator approves.
    openAs(FIRST);
    press(clientId, "approve");
    assertThat(row(clientId).findElement(By.className("status")).getText()).isEqualTo("Référencée");
    assertThat(patientsCatalogue()).contains(clientId);
  }

  @Test
  void anIncompleteChecklistIsRefusedAndNothingStored() {
    String clientId = clientId();
    openAs(FIRST);
    submit(clientId, "Suivi Incomplet", false);
    assertThat(messages())
        .contains("Tous les critères de la grille qui s'appliquent doivent être cochés.");
    Accessibility.audit(browser, "catalogue page, an incomplete checklist refused");
    assertThat(rows(clientId)).isEmpty();
    Api.Reply all = carnet.api().get("/api/v1/catalogue/apps?all=true", carnet.token("admin"));
    assertThat(all.status()).as(all.toString()).isEqualTo(200);
    assertThat(all.body()).doesNotContain(clientId);
  }

  @Test
  void theNewPagesAreProtectedViewsAndTheServicesRefuseAnAgentWithTheToken() throws Exception {
    // Without the session's token (a link from another site, a bookmark): back to the home page.
    ConsoleClient admin = new ConsoleClient(carnet);
    assertThat(admin.login(FIRST, PASSWORD).statusCode()).isEqualTo(302);
    for (String page : List.of("/console/catalogue.xhtml", "/console/prevention.xhtml")) {
      HttpResponse<String> bare = admin.get(page);
      assertThat(bare.statusCode()).as(page).isEqualTo(302);
      assertThat(bare.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/console/index.xhtml"));
    }

    // An agent has no link to them; with their own session's token the page opens, but the
    // services decide: refused, nothing of the catalogue or the calendar shown.
    String agentName = "agent-no-admin-pages";
    Browser.staffAccount(carnet, agentName, PASSWORD, "agent");
    ConsoleClient agent = new ConsoleClient(carnet);
    assertThat(agent.login(agentName, PASSWORD).statusCode()).isEqualTo(302);
    HttpResponse<String> home = agent.get("/console/index.xhtml");
    assertThat(home.body()).doesNotContain("id=\"catalogue-desk\"", "id=\"prevention-desk\"");
    Matcher token = TOKEN.matcher(home.body());
    assertThat(token.find()).as(home.body()).isTrue();
    for (String page : List.of("/console/catalogue.xhtml", "/console/prevention.xhtml")) {
      HttpResponse<String> opened = agent.get(page + "?jakarta.faces.Token=" + token.group(1));
      assertThat(opened.statusCode()).as(page).isEqualTo(200);
      assertThat(opened.body()).contains("Réservé aux administrateurs.");
      assertThat(opened.body()).doesNotContain("BREAST_SCREENING", "class=\"app\"");
    }
  }
}
