package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The agent's two most frequent calls with the keyboard alone, as an agent who uses no mouse: find
 * a person, then a new code; find a person, then an opposition. Every step is reached with Tab (or
 * Shift+Tab) and done with Enter, never a click; each focus stop is visibly marked; every error is
 * in a {@code role="alert"} region; every page says it is in French. Each page on the way is
 * audited ({@link Accessibility}).
 */
@ExtendWith({CarnetServerExtension.class, Browser.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentKeyboardBrowserE2EIT {

  private static final String AGENT = "agent-clavier";
  private static final String PASSWORD = "un-mot-de-passe-de-test";

  /** More than any page's focus stops, however long the queues other tests left. */
  private static final int MAX_TABS = 400;

  private CarnetServer carnet;
  private WebDriver browser;

  @BeforeAll
  void setUp(CarnetServer carnet) {
    this.carnet = carnet;
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

  @Test
  void anAgentFindsAPersonThenGivesANewCodeWithTheKeyboardAlone() {
    String nir = People.newNir();
    assertThat(
            carnet
                .api()
                .post("/api/v1/records", carnet.token("admin"), People.createBody(nir, false))
                .status())
        .isEqualTo(201);

    // A mistyped password first: refused, and said in an alert.
    openLoginPage();
    Accessibility.audit(browser, "login page, as first opened (keyboard)");
    tabTo("login:username");
    type(AGENT);
    tabTo("login:password");
    type("pas-le-bon-mot-de-passe");
    enter();
    assertAlert("Identifiant ou mot de passe incorrect.");
    Accessibility.audit(browser, "login page, an error shown (keyboard)");
    logInWithTheKeyboard();

    findWithTheKeyboard(nir);
    assertThat(text("state")).isEqualTo("En attente (délai d'opposition en cours)");

    // "I lost my letter": a new code, dictated once.
    tabTo("actions:reissue");
    enter();
    assertPageInFrench();
    assertThat(text("code")).matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
    assertAlert("Nouveau code émis : l'ancien ne fonctionne plus.");
    Accessibility.audit(browser, "agent desk, a code to dictate shown (keyboard)");
  }

  @Test
  void anAgentFindsAPersonThenRecordsAnOppositionWithTheKeyboardAlone() {
    String nir = People.newNir();
    assertThat(
            carnet
                .api()
                .post("/api/v1/records", carnet.token("admin"), People.createBody(nir, false))
                .status())
        .isEqualTo(201);
    logInWithTheKeyboard();

    findWithTheKeyboard(nir);
    assertThat(text("state")).isEqualTo("En attente (délai d'opposition en cours)");

    // "I do not want this record".
    tabTo("actions:oppose");
    enter();
    assertPageInFrench();
    assertThat(text("state")).isEqualTo("Opposition enregistrée");
    assertAlert("Opposition enregistrée.");
    Accessibility.audit(browser, "agent desk, an opposition recorded (keyboard)");
  }

  /** Login page, then the home page, then the agent's desk: Tab and Enter only. */
  private void logInWithTheKeyboard() {
    openLoginPage();
    tabTo("login:username");
    selectAllAndType(AGENT);
    tabTo("login:password");
    type(PASSWORD);
    tabTo("login:submit");
    enter();
    assertThat(browser.getCurrentUrl()).endsWith("/console/index.xhtml");
    assertPageInFrench();
    Accessibility.audit(browser, "home page, an agent's (keyboard)");

    tabTo("agent-desk");
    enter();
    assertThat(browser.getCurrentUrl()).contains("/console/agent.xhtml");
    assertPageInFrench();
  }

  /**
   * The person's INS and traits as they give them on the phone; the birth place forgotten at first,
   * the error announced, then typed in after a step back with Shift+Tab.
   */
  private void findWithTheKeyboard(String nir) {
    // The first stop is the skip link, which leads past the queues to the search in one key.
    assertThat(tabTo("skip-to-find")).isEqualTo(1);
    new Actions(browser).sendKeys(Keys.ENTER).perform(); // within the page: nothing loads
    assertThat(tabTo("find:ins")).isEqualTo(1);
    type(nir);
    tabTo("find:birthName");
    type("DUPONT");
    tabTo("find:firstNames");
    type("MARIE CLAIRE");
    tabTo("find:birthDate");
    // A date input takes the digits as typed in the browser's (here English) order.
    type("05121985");
    tabTo("find:sex");
    type("F"); // the option that starts with the letter typed: Féminin
    tabTo("find:submit");
    enter();
    assertAlert("Le lieu de naissance est obligatoire.");
    Accessibility.audit(browser, "agent desk, a required field missing (keyboard)");

    tabTo("find:submit");
    shiftTabTo("find:birthPlace");
    type("75056");
    tabTo("find:submit");
    enter();
    assertPageInFrench();
    assertThat(browser.findElements(By.id("state"))).as("a person found").hasSize(1);
  }

  private void openLoginPage() {
    browser.get(carnet.api().base() + "/console/login.xhtml");
    assertPageInFrench();
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private void type(String keys) {
    new Actions(browser).sendKeys(keys).perform();
  }

  private void selectAllAndType(String keys) {
    new Actions(browser)
        .keyDown(Keys.CONTROL)
        .sendKeys("a")
        .keyUp(Keys.CONTROL)
        .sendKeys(keys)
        .perform();
  }

  /** Enter on the focused control, which posts its form (or follows its link). */
  private void enter() {
    Browser.nextPage(browser, () -> new Actions(browser).sendKeys(Keys.ENTER).perform());
  }

  /** Tab until the element is focused; returns how many presses it took. */
  private int tabTo(String id) {
    return moveFocusTo(id, false);
  }

  private int shiftTabTo(String id) {
    return moveFocusTo(id, true);
  }

  private int moveFocusTo(String id, boolean backwards) {
    for (int presses = 1; presses <= MAX_TABS; presses++) {
      Actions keys = new Actions(browser);
      if (backwards) {
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
      } else {
        keys.sendKeys(Keys.TAB).perform();
      }
      assertFocusVisible();
      if (id.equals(browser.switchTo().activeElement().getAttribute("id"))) {
        return presses;
      }
    }
    throw new AssertionError(
        id + " is not reached with the keyboard on " + browser.getCurrentUrl());
  }

  /**
   * The console draws a mark around the focused element, as the keyboard reached it: an outline of
   * 2 px at least, or a shadow (the browser's own ring, which a style sheet may take away, is not
   * counted).
   */
  private void assertFocusVisible() {
    Object unseen =
        ((JavascriptExecutor) browser)
            .executeScript(
                """
                const e = document.activeElement;
                if (!e || e === document.body) { return 'nothing focused'; }
                // A date field's own calendar button, inside the field, is a stop of its own
                // where the field is not :focus; Chromium draws its ring, out of a script's reach.
                if (e.type === 'date' && !e.matches(':focus')) { return null; }
                const s = getComputedStyle(e);
                const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                  || s.boxShadow !== 'none';
                return ring ? null
                  : (e.id || e.tagName) + ' focused without a visible mark';
                """);
    assertThat(unseen).as("focus visible on " + browser.getCurrentUrl()).isNull();
  }

  /** The words are shown inside a region that screen readers announce. */
  private void assertAlert(String words) {
    List<WebElement> alerts = browser.findElements(By.cssSelector("[role='alert']"));
    assertThat(alerts)
        .as("an alert region saying: " + words)
        .anySatisfy(alert -> assertThat(alert.getText()).contains(words));
  }

  private void assertPageInFrench() {
    assertThat(((JavascriptExecutor) browser).executeScript("return document.documentElement.lang"))
        .as("<html lang> of " + browser.getCurrentUrl())
        .isEqualTo("fr");
  }
}
