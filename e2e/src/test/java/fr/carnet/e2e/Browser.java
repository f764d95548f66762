package fr.carnet.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its own chromedriver (nothing downloaded); a failed test
 * leaves a screenshot in {@code target/screenshots/}.
 */
final class Browser implements TestWatcher {

  private static WebDriver current;

  static WebDriver open() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1024");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver")).toFile())
            .build();
    current = new ChromeDriver(service, options);
    current.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    return current;
  }

  /** Makes sure a console account exists, through the administrators' API. */
  static void staffAccount(CarnetServer carnet, String username, String password, String role) {
    Api.Reply created =
        carnet
            .api()
            .post(
                "/api/v1/staff",
                carnet.token("admin"),
                "{\"username\":\""
                    + username
                    + "\",\"password\":\""
                    + password
                    + "\",\"roles\":[\""
                    + role
                    + "\"]}");
    if (created.status() != 201 && created.status() != 409) {
      throw new AssertionError("Cannot create the console account " + username + ": " + created);
    }
  }

  /** Logs in at the console's form; fails unless the console's home page follows. */
  static void logIn(WebDriver browser, String base, String user, String password) {
    browser.get(base + "/console/login.xhtml");
    browser.findElement(By.id("login:username")).sendKeys(user);
    browser.findElement(By.id("login:password")).sendKeys(password);
    click(browser, "login:submit");
    if (!browser.getCurrentUrl().endsWith("/console/index.xhtml")) {
      throw new AssertionError("Not logged in as " + user + ": " + browser.getCurrentUrl());
    }
  }

  /**
   * Opens a desk the way staff do, from the console's home page: the desks are protected views,
   * reachable only through links that carry the session's token.
   */
  static void openDesk(WebDriver browser, String base, String linkId) {
    browser.get(base + "/console/index.xhtml");
    click(browser, linkId);
  }

  /**
   * Types an INS and the traits of {@link People#marie()} (with this birth name) into the identity
   * form of the desk (identity.xhtml) included in {@code form}.
   */
  static void typeIdentity(WebDriver browser, String form, String nir, String birthName) {
    // A form shown again after a refusal keeps what was typed: typed anew over it.
    type(browser, form + ":ins", nir);
    type(browser, form + ":birthName", birthName);
    type(browser, form + ":firstNames", "MARIE CLAIRE");
    // A date input takes the digits in the browser's (here English) order.
    type(browser, form + ":birthDate", "05121985");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id(form + ":sex")))
        .selectByValue("F");
    type(browser, form + ":birthPlace", "75056");
  }

  private static void type(WebDriver browser, String id, String text) {
    WebElement field = browser.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  /** Clicks, and for a button waits for the next page: each action is a full form post. */
  static void click(WebDriver browser, String id) {
    WebElement target = browser.findElement(By.id(id));
    // Buttons post the form; links (plain or command links) load the next page too.
    boolean submits =
        "submit".equals(target.getAttribute("type")) || "a".equals(target.getTagName());
    if (submits) {
      nextPage(browser, target::click);
    } else {
      target.click();
    }
  }

  /** Does what loads the next page (a click, a key), and waits until it has loaded. */
  static void nextPage(WebDriver browser, Runnable action) {
    // A mark on this page's window: the next page has none.
    ((JavascriptExecutor) browser).executeScript("window.carnetBefore = true");
    action.run();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .ignoring(WebDriverException.class)
        .until(
            driver ->
                Boolean.TRUE.equals(
                    ((JavascriptExecutor) driver)
                        .executeScript(
                            "return window.carnetBefore === undefined"
                                + " && document.readyState === 'complete'")));
  }

  static void close() {
    if (current != null) {
      current.quit();
      current = null;
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (current instanceof TakesScreenshot camera) {
      try {
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        Files.copy(
            camera.getScreenshotAs(OutputType.FILE).toPath(),
            folder.resolve(context.getDisplayName().replaceAll("\\W+", "_") + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
