package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Console logins over real HTTP: throttled per account name and per client address with the same
 * words whatever the reason, traced for auditors, the first administrator's password never logged
 * and changed at the first login, the session cookie's attributes, HSTS, the absolute lifetime.
 *
 * <p>The test server takes 127.0.0.1 as a trusted proxy: each client here says its own address in
 * {@code X-Forwarded-For} (documentation addresses, never contacted), so that the per-address
 * counters of one test touch no other.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleLoginE2EIT {

  private static final String REFUSED = "Identifiant ou mot de passe incorrect.";
  private static final String PASSWORD = "un-mot-de-passe-de-test";
  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  private CarnetServer carnet;
  private String run;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.run = People.letters(6).toLowerCase();
  }

  /** A client address of its own for each call: 203.0.113.0/24 (TEST-NET-3), as a header only. */
  private String newAddress() {
    int n = ADDRESSES.incrementAndGet();
    return "203.0." + (113 + n / 250) + "." + (n % 250 + 1);
  }

  private ConsoleClient from(String address) {
    return ConsoleClient.from(carnet, address);
  }

  private String account(String prefix, String role) {
    String name = prefix + "-" + run;
    Browser.staffAccount(carnet, name, PASSWORD, role);
    return name;
  }

  private static void assertRefused(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains(REFUSED);
  }

  private static void assertLoggedIn(HttpResponse<String> response, String page) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElse("")).endsWith(page);
  }

  private static String message(HttpResponse<String> page) {
    int start = page.body().indexOf("id=\"login:messages\"");
    assertThat(start).as(page.body()).isPositive();
    return page.body().substring(start, page.body().indexOf("</ul>", start));
  }

  @Test
  void aWrongPasswordAndAnUnknownNameGetTheSameAnswer() throws Exception {
    String name = account("meme-reponse", "agent");
    String address = newAddress();

    HttpResponse<String> wrongPassword = from(address).login(name, "pas-le-bon-mot-de-passe");
    HttpResponse<String> unknownName =
        from(newAddress()).login("personne-" + run, "pas-le-bon-mot-de-passe");

    assertRefused(wrongPassword);
    assertRefused(unknownName);
    assertThat(message(wrongPassword)).isEqualTo(message(unknownName));
    // Traced as the member's own, with the address the trusted proxy gave.
    assertThat(traces(name, null))
        .extracting(t -> t.getString("action") + " " + t.getString("reason") + " " + detail(t))
        .containsExactly("STAFF_LOGIN_FAILED WRONG_PASSWORD from " + address);
  }

  @Test
  void delaysGrowThenTheAccountIsLockedOutEvenForTheRightPasswordAndEveryStepIsTraced()
      throws Exception {
    String name = account("verrou", "agent");
    // Each attempt from another address: only the account's counter is at work here.
    for (int i = 1; i <= CarnetServer.LOGIN_FREE_FAILURES; i++) {
      assertRefused(from(newAddress()).login(name, "faux-" + i));
    }
    assertRefused(from(newAddress()).login(name, "faux-3")); // now 1 s before the next attempt
    // Too soon: even the right password is refused, without a word more.
    assertRefused(from(newAddress()).login(name, PASSWORD));
    Thread.sleep(1_100);
    assertRefused(from(newAddress()).login(name, "faux-4")); // now 2 s
    assertRefused(from(newAddress()).login(name, "faux-encore")); // too soon, not counted
    Thread.sleep(2_100);
    assertRefused(from(newAddress()).login(name, "faux-5")); // the 5th: locked out
    Instant locked = Instant.now();
    Thread.sleep(2_100); // any delay is over; the lockout is not
    assertRefused(from(newAddress()).login(name, PASSWORD));
    assertRefused(from(newAddress()).login(name, PASSWORD));

    long wait =
        Duration.between(Instant.now(), locked.plus(CarnetServer.LOGIN_LOCKOUT)).toMillis() + 300;
    Thread.sleep(Math.max(0, wait));
    ConsoleClient member = from(newAddress());
    assertLoggedIn(member.login(name, PASSWORD), "/console/index.xhtml");
    assertThat(member.get("/console/index.xhtml").body()).contains("<li>agent</li>");
    assertLoggedIn(member.logout(), "/console/login.xhtml");
    assertThat(member.get("/console/index.xhtml").statusCode()).isEqualTo(302);

    List<String> trail = trailOf(name);
    assertThat(trail)
        .containsSubsequence(
            "STAFF_LOGIN_FAILED DENY WRONG_PASSWORD",
            "STAFF_LOGIN_FAILED DENY WRONG_PASSWORD",
            "STAFF_LOGIN_FAILED DENY WRONG_PASSWORD",
            "STAFF_LOGIN_FAILED DENY TOO_SOON",
            "STAFF_LOGIN_FAILED DENY WRONG_PASSWORD",
            "STAFF_LOGIN_FAILED DENY TOO_SOON",
            "STAFF_LOGIN_FAILED DENY WRONG_PASSWORD",
            "STAFF_LOCKED_OUT DENY ACCOUNT_LOCKED_OUT",
            "STAFF_LOGIN_FAILED DENY LOCKED_OUT",
            "STAFF_LOGIN_FAILED DENY LOCKED_OUT",
            "STAFF_LOGIN PERMIT PASSWORD_VERIFIED",
            "STAFF_LOGOUT PERMIT LOGOUT");
    assertThat(trail.stream().filter(t -> t.contains("WRONG_PASSWORD"))).hasSize(5);
  }

  @Test
  void oneAddressIsHeldBackAcrossSeveralAccountNamesAndUnknownNamesAreTracedWithoutTheirText()
      throws Exception {
    String member = account("adresse", "agent");
    String attacker = newAddress();
    List<String> typed = new ArrayList<>();
    for (int i = 1; i <= CarnetServer.ADDRESS_FREE_FAILURES + 1; i++) {
      typed.add("devine-" + run + "-" + i);
      assertRefused(from(attacker).login(typed.get(i - 1), "secret-tape-" + i));
    }
    // The address must now wait: a real member's right password from there is refused, while the
    // same member from elsewhere logs in.
    assertRefused(from(attacker).login(member, PASSWORD));
    assertLoggedIn(from(newAddress()).login(member, PASSWORD), "/console/index.xhtml");
    // On to the address's lockout, waiting out its delays.
    for (int i = CarnetServer.ADDRESS_FREE_FAILURES + 2;
        i <= CarnetServer.ADDRESS_LOCKOUT_FAILURES;
        i++) {
      Thread.sleep(2_100);
      typed.add("devine-" + run + "-" + i);
      assertRefused(from(attacker).login(typed.get(i - 1), "secret-tape-" + i));
    }
    Thread.sleep(2_100);
    assertRefused(from(attacker).login(member, PASSWORD));

    List<JsonObject> unknown = traces("console:unknown", attacker);
    assertThat(unknown)
        .extracting(t -> t.getString("action") + " " + t.getString("reason"))
        .contains("STAFF_LOCKED_OUT ADDRESS_LOCKED_OUT")
        .filteredOn(t -> t.equals("STAFF_LOGIN_FAILED UNKNOWN_ACCOUNT"))
        .hasSize(CarnetServer.ADDRESS_LOCKOUT_FAILURES);
    assertThat(traces(member, attacker))
        .extracting(t -> t.getString("action") + " " + t.getString("reason"))
        .containsExactly(
            "STAFF_LOGIN_FAILED ADDRESS_LOCKED_OUT", "STAFF_LOGIN_FAILED ADDRESS_TOO_SOON");
    // Neither a typed name nor a typed password is kept, in the trail or in the throttle's table.
    String everything = unknown.toString() + rows("select * from console_login_throttle");
    for (int i = 1; i <= typed.size(); i++) {
      assertThat(everything).doesNotContain(typed.get(i - 1)).doesNotContain("secret-tape-" + i);
    }
  }

  @Test
  void theFirstAdministratorsPasswordIsInAnOwnerOnlyFileNeverInTheLogAndIsChangedFirst()
      throws Exception {
    CarnetServer.FirstLogin first = carnet.firstLogin();

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(carnet.adminPasswordFile())))
        .isEqualTo("rw-------");
    assertThat(first.bootstrapPassword()).hasSizeGreaterThanOrEqualTo(20);
    String logs = carnet.logs();
    assertThat(logs).doesNotContain(first.bootstrapPassword());
    assertThat(logs).contains("its one-time password is in").contains("admin-password");
    // The first login landed on the password change, and every desk sent it back there.
    assertThat(first.status()).isEqualTo(302);
    assertThat(first.landing()).endsWith("/console/password.xhtml");
    assertThat(first.index()).endsWith("/console/password.xhtml");
    assertThat(first.staffDesk()).endsWith("/console/password.xhtml");
    // The drawn password is dead; the administrator's own works and opens the home page.
    assertRefused(from(newAddress()).login("admin", first.bootstrapPassword()));
    assertLoggedIn(
        from(newAddress()).login("admin", carnet.adminPassword()), "/console/index.xhtml");
  }

  @Test
  void anAccountResetByAnAdministratorChoosesItsOwnPasswordBeforeAnyDesk() throws Exception {
    String name = account("reinitialise", "agent");
    String given = "donne-par-l-administrateur";
    Api.Reply reset =
        carnet
            .api()
            .send(
                "PATCH",
                "/api/v1/staff/" + name,
                carnet.token("admin"),
                "application/json",
                "{\"password\":\"" + given + "\"}");
    assertThat(reset.status()).as(reset.toString()).isEqualTo(200);

    ConsoleClient member = from(newAddress());
    assertLoggedIn(member.login(name, given), "/console/password.xhtml");
    for (String page : List.of("/console/index.xhtml", "/console/agent.xhtml", "/console/")) {
      HttpResponse<String> closed = member.get(page);
      assertThat(closed.statusCode()).as(page).isEqualTo(302);
      assertThat(closed.headers().firstValue("Location").orElse(""))
          .as(page)
          .endsWith("/console/password.xhtml");
    }
    Map<String, String> refusals = Map.of(given, "doit être différent", "court", "trop court");
    for (var refusal : refusals.entrySet()) {
      HttpResponse<String> refused = member.changePassword(given, refusal.getKey());
      assertThat(refused.statusCode()).isEqualTo(200);
      assertThat(refused.body()).contains(refusal.getValue());
    }
    HttpResponse<String> wrongCurrent =
        member.changePassword("pas-le-bon", "un-mot-de-passe-a-moi");
    assertThat(wrongCurrent.body()).contains("Le mot de passe actuel est incorrect.");

    assertLoggedIn(member.changePassword(given, "un-mot-de-passe-a-moi"), "/console/index.xhtml");
    assertThat(member.get("/console/index.xhtml").body()).contains("<li>agent</li>");
    assertLoggedIn(from(newAddress()).login(name, "un-mot-de-passe-a-moi"), "/console/index.xhtml");
    assertThat(trailOf(name))
        .contains(
            "STAFF_PASSWORD_CHANGE DENY SAME_AS_CURRENT",
            "STAFF_PASSWORD_CHANGE DENY TOO_SHORT",
            "STAFF_PASSWORD_CHANGE DENY WRONG_CURRENT",
            "STAFF_PASSWORD_CHANGE PERMIT OWN_PASSWORD");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndStrictAndSecureAndHstsSentOnlyOverTls() throws Exception {
    ConsoleClient plain = from(newAddress());
    HttpResponse<String> page = plain.get("/console/login.xhtml");
    List<String> cookies = sessionCookies(page);
    assertThat(cookies).isNotEmpty();
    assertThat(cookies)
        .allSatisfy(
            c ->
                assertThat(c)
                    .contains("HttpOnly")
                    .contains("SameSite=Strict")
                    .doesNotContain("Secure"));
    assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();

    String name = account("cookie", "agent");
    HttpResponse<String> login = plain.login(name, PASSWORD);
    assertLoggedIn(login, "/console/index.xhtml");
    assertThat(sessionCookies(login))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c).contains("HttpOnly").contains("SameSite=Strict"));
    assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();

    // Over TLS at the trusted proxy: the cookie is Secure, and HSTS is sent.
    ConsoleClient tls =
        new ConsoleClient(
            carnet, Map.of("X-Forwarded-For", newAddress(), "X-Forwarded-Proto", "https"));
    HttpResponse<String> secured = tls.get("/console/login.xhtml");
    assertThat(sessionCookies(secured))
        .isNotEmpty()
        .allSatisfy(
            c -> assertThat(c).contains("HttpOnly").contains("SameSite=Strict").contains("Secure"));
    assertThat(secured.headers().firstValue("Strict-Transport-Security"))
        .hasValueSatisfying(h -> assertThat(h).startsWith("max-age="));
    assertThat(
            carnet
                .api()
                .get("/health", null)
                .response()
                .headers()
                .firstValue("Strict-Transport-Security"))
        .isEmpty();
  }

  @Test
  void aSessionEndsAtItsAbsoluteLifetimeHoweverActive() throws Exception {
    String name = account("duree", "agent");
    ConsoleClient member = from(newAddress());
    // Meanwhile, an anonymous visit to the login page: its session lives briefly, so that a flood
    // of visits cannot pile sessions up for the console's idle time.
    ConsoleClient visitor = from(newAddress());
    String staleState = ConsoleClient.viewState(visitor.get("/console/login.xhtml"));
    Instant start = Instant.now();
    assertLoggedIn(member.login(name, PASSWORD), "/console/index.xhtml");
    Instant end = start.plus(CarnetServer.SESSION_LIFETIME);
    // Active all along, well within the idle timeout.
    while (Instant.now().plusSeconds(7).isBefore(end)) {
      assertThat(member.get("/console/index.xhtml").statusCode()).isEqualTo(200);
      Thread.sleep(5_000);
    }
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), end).toMillis() + 1_000));
    HttpResponse<String> after = member.get("/console/index.xhtml");
    assertLoggedIn(after, "/console/login.xhtml");
    assertThat(trailOf(name)).contains("STAFF_LOGOUT PERMIT SESSION_EXPIRED");
    assertThat(Duration.between(start, Instant.now()))
        .isGreaterThan(CarnetServer.LOGIN_PAGE_SESSION_IDLE);
    // The visitor's page is gone with its session: its form, even with the right password, logs
    // nobody in; a fresh page does.
    HttpResponse<String> stale =
        visitor.post(
            "/console/login.xhtml",
            "application/x-www-form-urlencoded",
            "login=login&login%3Ausername="
                + name
                + "&login%3Apassword="
                + java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
                + "&login%3Asubmit=x&jakarta.faces.ViewState="
                + java.net.URLEncoder.encode(staleState, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(302);
    assertThat(visitor.get("/console/index.xhtml").headers().firstValue("Location").orElse(""))
        .endsWith("/console/login.xhtml");
  }

  private static List<String> sessionCookies(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .toList();
  }

  /** An actor's console trail, oldest first, as an auditor reads it through the API. */
  private List<String> trailOf(String actor) {
    List<String> trail = new ArrayList<>();
    for (JsonObject t : traces(actor, null)) {
      trail.add(t.getString("action") + " " + t.getString("outcome") + " " + t.getString("reason"));
    }
    java.util.Collections.reverse(trail);
    return trail;
  }

  /** An actor's traces, newest first, from this address if one is given. */
  private List<JsonObject> traces(String actor, String address) {
    Api.Reply page =
        carnet
            .api()
            .get(
                "/api/v1/audit/traces?limit=500&actor="
                    + java.net.URLEncoder.encode(actor, java.nio.charset.StandardCharsets.UTF_8),
                carnet.token("auditor"));
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .filter(t -> t.getString("action").startsWith("STAFF_"))
        .filter(t -> address == null || ("from " + address).equals(detail(t)))
        .toList();
  }

  private static String detail(JsonObject t) {
    String detail = t.isNull("detail") ? "" : t.getString("detail");
    int until = detail.indexOf(" until ");
    return until < 0 ? detail : detail.substring(0, until);
  }

  private String rows(String sql) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Connection connection = carnet.server().database().superuserConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int i = 1; i <= columns; i++) {
          all.append(rows.getString(i)).append(' ');
        }
        all.append('\n');
      }
    }
    return all.toString();
  }
}
