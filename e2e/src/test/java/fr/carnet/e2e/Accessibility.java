package fr.carnet.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The accessibility audit of a console page as the browser shows it now: axe-core (the script Deque
 * ships on the test class path, brought by the build) is evaluated through the driver, and any
 * violation of impact <em>serious</em> or <em>critical</em> fails the test with its rule, its
 * impact, the elements it found and the rule's help page.
 *
 * <p>Through the driver, not a {@code <script>} tag: the console's Content-Security-Policy allows
 * no script but its own files, and the driver's evaluation is not the page's. Each console action
 * is a full page load, so the script is evaluated again on each new page.
 */
final class Accessibility {

  /** What fails a test; moderate and minor findings are left to review. */
  private static final List<String> FAILING = List.of("critical", "serious");

  private static final String AXE = axeScript();

  private Accessibility() {}

  private static String axeScript() {
    try (InputStream script = Accessibility.class.getResourceAsStream("/axe.min.js")) {
      if (script == null) {
        throw new IllegalStateException("axe.min.js is not on the test class path");
      }
      return new String(script.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Audits the page the browser shows; {@code state} names it in the failure (which desk, and what
   * it shows: as first opened, a result, an error, a confirmation).
   */
  static void audit(WebDriver browser, String state) {
    List<Map<String, Object>> violations = violations(browser);
    if (!violations.isEmpty()) {
      throw new AssertionError(report(state, browser.getCurrentUrl(), violations));
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> violations(WebDriver browser) {
    JavascriptExecutor page = (JavascriptExecutor) browser;
    if (!Boolean.TRUE.equals(page.executeScript("return typeof window.axe === 'object'"))) {
      page.executeScript(AXE);
    }
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    Object found =
        page.executeAsyncScript(
            """
            const done = arguments[arguments.length - 1];
            const failing = arguments[0];
            axe.run(document, {resultTypes: ['violations']})
              .then(result => done(result.violations
                .filter(v => failing.includes(v.impact))
                .map(v => ({
                  id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                  nodes: v.nodes.map(n => ({
                    target: n.target.join(' '), summary: n.failureSummary || ''}))}))))
              .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e),
                helpUrl: '', nodes: []}]));
            """,
            FAILING);
    return (List<Map<String, Object>>) found;
  }

  @SuppressWarnings("unchecked")
  private static String report(String state, String url, List<Map<String, Object>> violations) {
    StringBuilder text =
        new StringBuilder()
            .append("Accessibility of «")
            .append(state)
            .append("» (")
            .append(url)
            .append("): ")
            .append(violations.size())
            .append(" serious or critical violation(s)");
    for (Map<String, Object> violation : violations) {
      text.append("\n- ")
          .append(violation.get("id"))
          .append(" (")
          .append(violation.get("impact"))
          .append("): ")
          .append(violation.get("help"))
          .append(" — ")
          .append(violation.get("helpUrl"));
      for (Map<String, Object> node : (List<Map<String, Object>>) violation.get("nodes")) {
        text.append("\n    ")
            .append(node.get("target"))
            .append(" : ")
            .append(String.valueOf(node.get("summary")).replace("\n", " "));
      }
    }
    return text.toString();
  }
}
