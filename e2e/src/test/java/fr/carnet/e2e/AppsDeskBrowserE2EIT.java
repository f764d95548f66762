package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Issue 21, item 4, in a real browser: an agent tells a confirmed caller which apps are connected
 * to their record (name, scopes, until when) and revokes one at their request; the app is refused
 * from then on, the person sees the agent's act in their history. Before the caller is confirmed
 * the desk shows no list. An app's name is the publisher's text: it renders as text, never markup.
 */
@ExtendWith({CarnetServerExtension.class, Browser.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppsDeskBrowserE2EIT {

  private static final String AGENT = "agent-apps";
  private static final String PASSWORD = "un-mot-de-passe-de-test";
  private static final String CATALOGUE = "/api/v1/catalogue";
  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static final String HOSTILE_NAME = "<script>window.pwned=1</script>Suivi <b>Tension</b>";

  private CarnetServer carnet;
  private Api api;
  private WebDriver browser;

  @BeforeAll
  void setUp(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    Browser.staffAccount(carnet, AGENT, PASSWORD, "agent");
    browser = Browser.open();
  }

  @AfterAll
  void tearDown() {
    Browser.close();
  }

  @BeforeEach
  void loggedOut() {
    browser.manage().deleteAllCookies();
  }

  /** A person with an open record and no contact: INS and traits confirm them on the phone. */
  private record Person(String nir, String id, String patient) {
    String path(String tail) {
      return "/api/v1/records/" + id + tail;
    }
  }

  private Person person() {
    String nir = People.newNir();
    Api.Reply created =
        api.post(
            "/api/v1/records", carnet.token("admin"), People.createBody(nir, People.marie(), true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new Person(
        nir, created.json().getString("id"), carnet.token("patient", Map.of("ins", nir)));
  }

  /** An app referenced by two administrators, under this name. */
  private String referenced(String name) {
    String clientId = "app-desk-" + System.nanoTime() % 1_000_000 + "-" + SERIAL.incrementAndGet();
    Api.Reply submitted =
        api.post(
            CATALOGUE + "/apps",
            carnet.token("admin", Map.of("sub", "admin-apps-desk-1")),
            "{\"clientId\":\""
                + clientId
                + "\",\"name\":\""
                + name.replace("\"", "\\\"")
                + "\",\"publisher\":\"Éditeur SAS\",\"exchangesData\":true,\"scopes\":"
                + "[\"documents:read:LAB\",\"appointments:write\"],\"criteria\":[\"ETHICS\","
                + "\"SECURITY\",\"TRANSPARENCY\",\"INTEROPERABILITY\",\"SECURITY_REINFORCED\","
                + "\"REVERSIBILITY\"]}");
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
    String request = submitted.json().getJsonObject("pending").getString("id");
    Api.Reply approved =
        api.post(
            CATALOGUE + "/requests/" + request + "/approval",
            carnet.token("admin", Map.of("sub", "admin-apps-desk-2")),
            "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    return clientId;
  }

  private void connect(Person person, String clientId, String scopes) {
    Api.Reply connected =
        api.post(
            person.path("/apps"),
            person.patient(),
            "{\"clientId\":\""
                + clientId
                + "\",\"scopes\":["
                + scopes
                + "],\"duration\":\"P30D\"}");
    assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
  }

  private List<String> connectedClientIds(Person person) {
    Api.Reply listed = api.get(person.path("/apps"), person.patient());
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    return listed.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(a -> a.getString("clientId"))
        .toList();
  }

  private void open(Person person) {
    Browser.logIn(browser, api.base(), AGENT, PASSWORD);
    Browser.openDesk(browser, api.base(), "agent-desk");
    Browser.typeIdentity(browser, "find", person.nir(), "DUPONT");
    Browser.click(browser, "find:submit");
    assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Ouvert");
  }

  private List<WebElement> rows() {
    return browser.findElements(By.cssSelector("#connected-apps tbody tr"));
  }

  @Test
  void aConfirmedCallersAppsAreListedAndOneRevokedAtTheirRequest() {
    Person person = person();
    String hostile = referenced(HOSTILE_NAME);
    String other = referenced("Agenda Vaccins");
    connect(person, hostile, "\"documents:read:LAB\",\"appointments:write\"");
    connect(person, other, "\"appointments:write\"");
    String appToken = carnet.token("patient", Map.of("ins", person.nir(), "azp", hostile));
    assertThat(api.get(person.path("/documents"), appToken).status()).isEqualTo(200);

    open(person);
    // Not confirmed yet: the panel says so, and lists nothing.
    assertThat(browser.findElement(By.id("apps-unconfirmed")).getText())
        .contains("Confirmez d'abord l'identité de l'appelant");
    assertThat(browser.findElements(By.id("connected-apps"))).isEmpty();
    assertThat(browser.getPageSource()).doesNotContain("Agenda Vaccins");
    Accessibility.audit(browser, "agent's desk, the caller's apps awaiting confirmation");

    Browser.typeIdentity(browser, "caller", person.nir(), "DUPONT");
    Browser.click(browser, "caller:begin");
    assertThat(browser.getPageSource()).contains("Identité confirmée par l'INS et les traits");
    assertThat(browser.findElements(By.id("apps-unconfirmed"))).isEmpty();
    assertThat(rows()).hasSize(2);
    Accessibility.audit(browser, "agent's desk, a confirmed caller's connected apps");

    WebElement hostileRow =
        rows().stream()
            .filter(r -> !r.getText().contains("Agenda Vaccins"))
            .findFirst()
            .orElseThrow();
    // The publisher's markup is text: shown as typed, no script element, nothing run.
    assertThat(hostileRow.findElement(By.className("app-name")).getText()).isEqualTo(HOSTILE_NAME);
    assertThat(browser.findElements(By.cssSelector("#connected-apps script"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("#connected-apps b"))).isEmpty();
    assertThat(
            ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return window.pwned === undefined"))
        .isEqualTo(true);
    assertThat(hostileRow.getText()).contains("appointments:write, documents:read:LAB");
    assertThat(hostileRow.getText()).containsPattern("\\d{2}/\\d{2}/\\d{4} à \\d{2}:\\d{2}");

    WebElement revoke = hostileRow.findElement(By.cssSelector("input[type=submit]"));
    Browser.nextPage(browser, revoke::click);
    assertThat(browser.getPageSource())
        .contains("Application déconnectée : elle n'a plus accès au dossier");
    assertThat(rows()).hasSize(1);
    assertThat(rows().get(0).getText()).contains("Agenda Vaccins");

    // Revoked for the person: their list, the app refused, their history naming the agent.
    assertThat(connectedClientIds(person)).containsExactly(other);
    assertThat(api.get(person.path("/documents"), appToken).code()).isEqualTo("APP_NOT_CONNECTED");
    Api.Reply history = api.get(person.path("/access-history?limit=50"), person.patient());
    assertThat(history.status()).as(history.toString()).isEqualTo(200);
    assertThat(
            history.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("action") + ":" + e.getJsonObject("actor").getString("role")))
        .contains("APP_REVOKE:AGENT");

    // The call is over: the list goes with the confirmation.
    Browser.click(browser, "caller:endCall");
    assertThat(browser.findElements(By.id("connected-apps"))).isEmpty();
    assertThat(browser.findElement(By.id("apps-unconfirmed")).isDisplayed()).isTrue();
  }
}
