package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * An administrator changes the authorisation matrix in the console's grid, and a dentist's access
 * to a psychiatry report changes at the very next request.
 */
@ExtendWith({CarnetServerExtension.class, Browser.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatrixDeskBrowserE2EIT {

  private static final String CELL = "40/*/PSYCHIATRY";

  private CarnetServer carnet;
  private WebDriver browser;

  @BeforeAll
  void setUp(CarnetServer carnet) {
    this.carnet = carnet;
    browser = Browser.open();
  }

  @AfterAll
  void tearDown() {
    // The starting policy again, whatever happened, for the other tests.
    carnet
        .api()
        .send(
            "PUT",
            "/api/v1/reference/matrix/" + CELL,
            carnet.token("admin"),
            "application/json",
            "{\"rights\":\"-\"}");
    Browser.close();
  }

  private int visibleTo(String record, String token) {
    Api.Reply page = carnet.api().get("/api/v1/records/" + record + "/documents", token);
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.json().getJsonArray("items").size();
  }

  @Test
  void anAdministratorsChangeToTheMatrixAppliesAtTheNextAccess() {
    browser.manage().deleteAllCookies();
    String nir = People.newNir();
    String record =
        carnet
            .api()
            .post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true))
            .json()
            .getString("id");
    assertThat(
            carnet
                .api()
                .post(
                    "/api/v1/documents",
                    carnet.token("professional"),
                    Documents.about(nir, People.marie(), "PSYCHIATRY", false))
                .status())
        .isEqualTo(201);
    String dentist =
        carnet.token("professional", Map.of("rpps", "40212121212", "profession", "40"));
    assertThat(
            carnet
                .api()
                .post("/api/v1/records/" + record + "/agreements", dentist, "{\"mode\":\"NORMAL\"}")
                .status())
        .isEqualTo(201);
    assertThat(visibleTo(record, dentist)).isZero();

    Browser.logIn(browser, carnet.api().base(), "admin", carnet.adminPassword());
    Browser.click(browser, "matrix-desk");
    Accessibility.audit(browser, "matrix desk, as first opened");
    Select cell =
        new Select(browser.findElement(By.cssSelector("select[data-cell='" + CELL + "']")));
    assertThat(cell.getFirstSelectedOption().getText()).isEqualTo("-");
    cell.selectByValue("R");
    Browser.click(browser, "matrix:save");

    assertThat(browser.getPageSource()).contains("1 cellule(s) modifiée(s).");
    assertThat(browser.findElement(By.id("changes")).getText()).contains(CELL).contains("admin");
    Accessibility.audit(browser, "matrix desk, a confirmation and the change shown");
    assertThat(visibleTo(record, dentist)).isEqualTo(1);
  }

  @Test
  void anAgentWithAValidPageTokenIsRefusedTheMatrix() {
    Browser.staffAccount(carnet, "agent-matrice", "un-mot-de-passe-de-test", "agent");
    browser.manage().deleteAllCookies();
    Browser.logIn(browser, carnet.api().base(), "agent-matrice", "un-mot-de-passe-de-test");
    // The agent's own desk link gives the session's page token, put here on the matrix's page.
    String agentDesk = browser.findElement(By.id("agent-desk")).getAttribute("href");
    browser.get(agentDesk.replace("/console/agent.xhtml", "/console/admin.xhtml"));

    assertThat(browser.findElement(By.id("matrix:messages")).getText())
        .contains("La matrice est réservée aux administrateurs.");
    assertThat(browser.findElements(By.cssSelector("select[data-cell]"))).isEmpty();
    Accessibility.audit(browser, "matrix desk, an error shown");
  }
}
