package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console's own pages in a real browser, each audited for accessibility in each state it shows:
 * the login page (as opened, fields left empty), the home page, and the page where a member changes
 * their own password (as opened, two refusals, the change done).
 */
@ExtendWith({CarnetServerExtension.class, Browser.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsolePagesBrowserE2EIT {

  private static final String MEMBER = "agent-pages";
  private static final String PASSWORD = "un-mot-de-passe-de-test";

  private CarnetServer carnet;
  private WebDriver browser;

  @BeforeAll
  void setUp(CarnetServer carnet) {
    this.carnet = carnet;
    Browser.staffAccount(carnet, MEMBER, PASSWORD, "agent");
    browser = Browser.open();
  }

  @AfterAll
  void tearDown() {
    Browser.close();
  }

  private void type(String id, String value) {
    WebElement field = browser.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  private String messages(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  @Test
  void eachPageOfTheConsoleIsAuditedInEachOfItsStates() {
    browser.get(carnet.api().base() + "/console/login.xhtml");
    Accessibility.audit(browser, "login page, as first opened");
    // The audit ran through the driver; the page itself still runs no inline script.
    assertThat(
            ((JavascriptExecutor) browser)
                .executeScript(
                    "const s = document.createElement('script');"
                        + " s.textContent = 'window.carnetInline = true';"
                        + " document.head.appendChild(s);"
                        + " return window.carnetInline === true;"))
        .as("an inline script run despite the CSP")
        .isEqualTo(false);
    Browser.click(browser, "login:submit");
    assertThat(messages("login:messages")).contains("L'identifiant est obligatoire.");
    Accessibility.audit(browser, "login page, required fields left empty");

    Browser.logIn(browser, carnet.api().base(), MEMBER, PASSWORD);
    Accessibility.audit(browser, "home page");

    Browser.click(browser, "password-page");
    assertThat(browser.getCurrentUrl()).contains("/console/password.xhtml");
    Accessibility.audit(browser, "password page, as first opened");

    type("password:current", PASSWORD);
    type("password:next", "un-nouveau-mot-de-passe");
    type("password:confirmation", "un-autre-mot-de-passe");
    Browser.click(browser, "password:submit");
    assertThat(messages("password:messages"))
        .contains("Les deux saisies du nouveau mot de passe diffèrent.");
    Accessibility.audit(browser, "password page, an error shown");

    type("password:current", PASSWORD);
    type("password:next", "court");
    type("password:confirmation", "court");
    Browser.click(browser, "password:submit");
    assertThat(messages("password:messages")).contains("Le nouveau mot de passe est trop court.");
    Accessibility.audit(browser, "password page, a short password refused");

    String next = "le-mien-desormais-" + People.letters(6).toLowerCase();
    type("password:current", PASSWORD);
    type("password:next", next);
    type("password:confirmation", next);
    Browser.click(browser, "password:submit");
    assertThat(browser.getCurrentUrl()).endsWith("/console/index.xhtml");
    Accessibility.audit(browser, "home page, after the password changed");
  }
}
