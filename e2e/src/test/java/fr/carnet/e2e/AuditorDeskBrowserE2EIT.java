package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * An auditor at the console, in a real browser: finds a seeded break-glass access in the trail and
 * in the anomaly report, and checks the chains; an agent is refused the same desk.
 */
@ExtendWith({CarnetServerExtension.class, Browser.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditorDeskBrowserE2EIT {

  private static final String AUDITOR = "auditeur-martin";
  private static final String AGENT = "agent-curieux";
  private static final String PASSWORD = "un-autre-mot-de-passe";
  private static final String EMERGENCY_RPPS = "10191919191";

  private CarnetServer carnet;
  private WebDriver browser;

  @BeforeAll
  void setUp(CarnetServer carnet) {
    this.carnet = carnet;
    Browser.staffAccount(carnet, AUDITOR, PASSWORD, "auditor");
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

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private void audit(String state) {
    Accessibility.audit(browser, "auditor desk, " + state);
  }

  @Test
  void anAuditorFindsASeededBreakGlassAccess() throws InterruptedException {
    String nir = People.newNir();
    String record =
        carnet
            .api()
            .post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true))
            .json()
            .getString("id");
    String emergency =
        carnet.token("professional", Map.of("rpps", EMERGENCY_RPPS, "specialty", "emergency"));
    assertThat(
            carnet
                .api()
                .post(
                    "/api/v1/records/" + record + "/agreements",
                    emergency,
                    "{\"mode\":\"BREAK_GLASS\",\"reason\":\"Patiente inconsciente\"}")
                .status())
        .isEqualTo(201);

    Browser.logIn(browser, carnet.api().base(), AUDITOR, PASSWORD);
    Browser.click(browser, "audit-desk");
    audit("as first opened");
    new Select(browser.findElement(By.id("search:mode"))).selectByValue("BREAK_GLASS");
    browser.findElement(By.id("search:record")).sendKeys(record);
    Browser.click(browser, "search:submit");

    assertThat(text("traces")).contains("PROFESSIONAL " + EMERGENCY_RPPS).contains("GRANT_CREATE");
    audit("traces found");

    // The record's timeline, then the emergency doctor's, from the trail's links.
    clickOn("[title='Chronologie de ce dossier']");
    assertThat(text("timeline-subject")).isEqualTo("Dossier " + record);
    assertThat(text("timeline"))
        .contains("RECORD_CREATE")
        .contains("PROFESSIONAL " + EMERGENCY_RPPS + " — GRANT_CREATE (BREAK_GLASS) — PERMIT");
    assertThat(text("timeline").indexOf("RECORD_CREATE"))
        .as("oldest first")
        .isLessThan(text("timeline").indexOf("GRANT_CREATE"));
    audit("a record's timeline");
    clickOn("[title='Chronologie de cet acteur']");
    assertThat(text("timeline-subject")).isEqualTo("Acteur " + EMERGENCY_RPPS);
    assertThat(text("timeline")).contains("dossier " + record).doesNotContain("RECORD_CREATE");

    // The report is computed in the background: shown at once when quick, else after a refresh.
    Browser.click(browser, "search:anomalies");
    for (int i = 0; i < 50 && browser.findElements(By.id("emergencies")).isEmpty(); i++) {
      assertThat(text("anomalies-pending")).contains("en cours");
      if (i == 0) {
        audit("a report being computed");
      }
      Thread.sleep(200);
      Browser.click(browser, "pending:refresh");
    }
    assertThat(text("emergencies")).contains("RPPS " + EMERGENCY_RPPS).contains(record);
    audit("the anomaly report");

    Browser.click(browser, "search:integrity");
    assertThat(text("integrity-text")).startsWith("Intègre");
    audit("the chains checked");
  }

  @Test
  void anAgentIsRefusedTheTrailEvenWithAValidPageToken() {
    Browser.logIn(browser, carnet.api().base(), AGENT, PASSWORD);
    // No link to the trail on an agent's home page; the agent's own desk link gives the session's
    // page token, which the agent then puts on the auditors' page.
    assertThat(browser.findElements(By.id("audit-desk"))).isEmpty();
    String agentDesk = browser.findElement(By.id("agent-desk")).getAttribute("href");
    browser.get(agentDesk.replace("/console/agent.xhtml", "/console/auditor.xhtml"));

    Browser.click(browser, "search:submit");

    assertThat(browser.getPageSource()).contains("Cette action est réservée aux auditeurs.");
    audit("an error shown");
    assertThat(browser.findElements(By.id("traces"))).isEmpty();
  }

  private void clickOn(String css) {
    Browser.click(browser, browser.findElement(By.cssSelector(css)).getAttribute("id"));
  }
}
