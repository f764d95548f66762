package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
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
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 21, item 4, in a real browser: an administrator lists the national prevention calendar,
 * adds a rule, changes it and retires then restores it, each change then read through the
 * administrators' API; a bad rule is refused in words and nothing stored; a label with markup is
 * rendered as text.
 */
@ExtendWith({CarnetServerExtension.class, Browser.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreventionDeskBrowserE2EIT {

  private static final String CALENDAR = "/api/v1/admin/prevention-calendar";
  private static final String HOSTILE_LABEL = "<script>window.pwned=1</script>Rappel <u>ROR</u>";

  private CarnetServer carnet;
  private WebDriver browser;

  @BeforeAll
  void setUp(CarnetServer carnet) {
    this.carnet = carnet;
    browser = Browser.open();
  }

  @AfterAll
  void tearDown() {
    Browser.close();
  }

  @BeforeEach
  void asAdministrator() {
    browser.manage().deleteAllCookies();
    Browser.logIn(browser, carnet.api().base(), "admin", carnet.adminPassword());
    Browser.openDesk(browser, carnet.api().base(), "prevention-desk");
  }

  private void type(String id, String value) {
    WebElement field = browser.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  private WebElement row(String code) {
    return browser.findElement(By.cssSelector("tr.rule[data-code='" + code + "']"));
  }

  private String cell(String code, String css) {
    return row(code).findElement(By.className(css)).getText();
  }

  private void press(String code, String buttonId) {
    WebElement button =
        row(code).findElements(By.cssSelector("input[type=submit]")).stream()
            .filter(b -> b.getAttribute("id").endsWith(":" + buttonId))
            .findFirst()
            .orElseThrow(() -> new AssertionError("No " + buttonId + " for " + code));
    Browser.click(browser, button.getAttribute("id"));
  }

  private String messages() {
    return browser.findElement(By.id("messages")).getText();
  }

  /** The rule as the administrators' API gives it, or null. */
  private JsonObject rule(String code) {
    Api.Reply listed = carnet.api().get(CALENDAR, carnet.token("admin"));
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    List<JsonObject> items =
        jakarta.json.Json.createReader(new java.io.StringReader(listed.body()))
            .readArray()
            .getValuesAs(JsonObject.class);
    return items.stream().filter(r -> r.getString("code").equals(code)).findFirst().orElse(null);
  }

  private static boolean retired(JsonObject rule) {
    return rule.containsKey("retiredAt") && !rule.isNull("retiredAt");
  }

  private void fill(String form, String label, String sex, String min, String max, String every) {
    type(form + ":label", label);
    new Select(browser.findElement(By.id(form + ":sex"))).selectByValue(sex);
    type(form + ":minAge", min);
    type(form + ":maxAge", max);
    type(form + ":every", every);
  }

  @Test
  void aRuleIsAddedChangedRetiredAndRestored() {
    // The national calendar as seeded is listed.
    assertThat(browser.findElements(By.cssSelector("tr.rule"))).isNotEmpty();
    Accessibility.audit(browser, "prevention calendar, as first opened");
    String code = "E2E_DESK_" + System.nanoTime() % 1_000_000;

    type("add:code", code);
    fill("add", HOSTILE_LABEL, "ANY", "11", "13", "P1Y");
    Browser.click(browser, "add:submit");
    assertThat(messages()).contains("Règle ajoutée au calendrier.");
    assertThat(cell(code, "label")).isEqualTo(HOSTILE_LABEL);
    assertThat(row(code).findElements(By.cssSelector("script, u"))).isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined"))
        .isEqualTo(true);
    assertThat(cell(code, "ages")).isEqualTo("11–13 ans");
    assertThat(cell(code, "every")).isEqualTo("tous les 1 an(s)");
    JsonObject added = rule(code);
    assertThat(added).isNotNull();
    assertThat(added.getString("label")).isEqualTo(HOSTILE_LABEL);

    press(code, "edit");
    assertThat(browser.findElement(By.id("editing")).getText()).isEqualTo(code);
    Accessibility.audit(browser, "prevention calendar, a rule being changed");
    fill("change", "Rappel vaccinal des filles", "F", "11", "14", "P6M");
    Browser.click(browser, "change:save");
    assertThat(messages()).contains("Règle modifiée.");
    assertThat(cell(code, "sex")).isEqualTo("Femmes");
    assertThat(cell(code, "every")).isEqualTo("tous les 6 mois");
    JsonObject changed = rule(code);
    assertThat(changed.getString("label")).isEqualTo("Rappel vaccinal des filles");
    assertThat(changed.getString("sex")).isEqualTo("F");
    assertThat(changed.getInt("maxAge")).isEqualTo(14);
    assertThat(changed.getString("every")).isEqualTo("P6M");

    press(code, "retire");
    assertThat(messages()).contains("Règle retirée");
    assertThat(cell(code, "state")).isEqualTo("Retirée");
    assertThat(retired(rule(code))).isTrue();
    press(code, "restore");
    assertThat(cell(code, "state")).isEqualTo("En vigueur");
    assertThat(retired(rule(code))).isFalse();
  }

  @Test
  void aBadRuleIsRefusedInWordsAndNothingStored() {
    String code = "E2E_BAD_DESK_" + System.nanoTime() % 1_000;
    type("add:code", code);
    fill("add", "Âges à l'envers", "ANY", "30", "20", "P1Y");
    Browser.click(browser, "add:submit");
    assertThat(messages()).contains("Saisie invalide");
    Accessibility.audit(browser, "prevention calendar, a bad rule refused");
    assertThat(browser.findElements(By.cssSelector("tr.rule[data-code='" + code + "']"))).isEmpty();
    assertThat(rule(code)).isNull();

    // An interval in days is no interval of the calendar.
    fill("add", "Tous les dix jours", "ANY", "20", "30", "P10D");
    Browser.click(browser, "add:submit");
    assertThat(messages()).contains("Saisie invalide");
    assertThat(rule(code)).isNull();
  }
}
