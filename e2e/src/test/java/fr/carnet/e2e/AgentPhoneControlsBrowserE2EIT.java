package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Issue 19: what a person does through the API, an agent does on the phone for them, once the
 * caller's identity is confirmed (INS and traits, then the one-time code sent to their email). Each
 * path is checked afterwards in the patient's own view: their settings, blocks, GP and research
 * choice as the API gives them, and their history naming the agent. And the refusals: nothing
 * before confirmation, a wrong code counted and bounded, wrong traits refused, the history never
 * read by the agent.
 */
@ExtendWith({CarnetServerExtension.class, Browser.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentPhoneControlsBrowserE2EIT {

  private static final String AGENT = "agent-leroy";
  private static final String PASSWORD = "un-mot-de-passe-de-test";
  private static final Pattern CODE = Pattern.compile("code de vérification Carnet : (\\d{6})");
  private static final String BY_AGENT = "Un conseiller de l'Assurance Maladie (" + AGENT + ") ";

  private CarnetServer carnet;
  private WebDriver browser;
  private GreenMail mail;

  @BeforeAll
  void setUp(CarnetServer carnet) {
    this.carnet = carnet;
    Browser.staffAccount(carnet, AGENT, PASSWORD, "agent");
    browser = Browser.open();
    mail = new GreenMail(new ServerSetup(CarnetServer.smtpPort(), "127.0.0.1", "smtp"));
    mail.start();
  }

  @AfterAll
  void tearDown() {
    Browser.close();
    mail.stop();
  }

  @BeforeEach
  void loggedOut() {
    browser.manage().deleteAllCookies();
  }

  private record Person(String nir, String id, String patient, String email) {
    String path(String tail) {
      return "/api/v1/records/" + id + tail;
    }
  }

  private Person person() {
    String nir = People.newNir();
    String email = "caller-" + UUID.randomUUID() + "@example.org";
    Api.Reply created =
        carnet
            .api()
            .post(
                "/api/v1/records",
                carnet.token("admin"),
                "{\"ins\":"
                    + People.ins(nir)
                    + ",\"traits\":"
                    + People.marie()
                    + ",\"contact\":{\"email\":\""
                    + email
                    + "\"},\"open\":true}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new Person(
        nir, created.json().getString("id"), carnet.token("patient", Map.of("ins", nir)), email);
  }

  private void click(String id) {
    Browser.click(browser, id);
  }

  private String page() {
    return browser.getPageSource();
  }

  private void identity(String form, String nir, String birthName) {
    Browser.typeIdentity(browser, form, nir, birthName);
  }

  private void open(Person person) {
    Browser.logIn(browser, carnet.api().base(), AGENT, PASSWORD);
    Browser.openDesk(browser, carnet.api().base(), "agent-desk");
    identity("find", person.nir(), "DUPONT");
    click("find:submit");
    assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("Ouvert");
  }

  private void sendCode(Person person) {
    identity("caller", person.nir(), "DUPONT");
    click("caller:begin");
    assertThat(page()).contains("Un code à six chiffres vient d'être envoyé par courriel");
  }

  private void typeCode(String code) {
    browser.findElement(By.id("code:value")).sendKeys(code);
    click("code:confirm");
  }

  /** The code of the {@code nth} verification email to the recipient, once it has come. */
  private String codeFromEmail(String recipient, int nth) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      int seen = 0;
      for (MimeMessage message : mail.getReceivedMessages()) {
        if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
          Matcher code = CODE.matcher((String) message.getContent());
          if (code.find() && ++seen == nth) {
            return code.group(1);
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No verification email number " + nth + " to " + recipient);
  }

  private boolean anEmailTo(String recipient, String words) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      for (MimeMessage message : mail.getReceivedMessages()) {
        if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)
            && ((String) message.getContent()).contains(words)) {
          return true;
        }
      }
      Thread.sleep(200);
    }
    return false;
  }

  private JsonObject asPatient(Person person, String tail) {
    Api.Reply reply = carnet.api().get(person.path(tail), person.patient());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  private List<JsonObject> asPatientList(Person person, String tail) {
    Api.Reply reply = carnet.api().get(person.path(tail), person.patient());
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return jakarta.json.Json.createReader(new java.io.StringReader(reply.body()))
        .readArray()
        .getValuesAs(JsonObject.class);
  }

  private List<String> history(Person person) {
    return asPatient(person, "/access-history?limit=100")
        .getJsonArray("items")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(item -> item.getString("summary"))
        .toList();
  }

  @Test
  void aConfirmedCallersControlsChangedOnThePhoneAreTheirsToSee() throws Exception {
    Person person = person();
    open(person);
    // Before the caller is confirmed, the desk shows none of their controls.
    assertThat(browser.findElements(By.id("controls-form:emergencyOff"))).isEmpty();

    sendCode(person);
    typeCode(codeFromEmail(person.email(), 1));
    assertThat(page()).contains("Identité de l'appelant confirmée.");
    assertThat(browser.findElement(By.id("confirmed-until")).getText()).isNotBlank();
    // The agent sees settings, never a document's title.
    assertThat(page()).doesNotContain("Compte rendu");

    // Emergency access off, then on again.
    click("controls-form:emergencyOff");
    assertThat(browser.findElement(By.id("emergency")).getText()).isEqualTo("Désactivé");
    assertThat(asPatient(person, "/settings").getBoolean("emergencyAccess")).isFalse();
    click("controls-form:emergencyOn");
    assertThat(asPatient(person, "/settings").getBoolean("emergencyAccess")).isTrue();

    // Notification channels: no more emails.
    browser.findElement(By.id("controls-form:byEmail")).click();
    click("controls-form:channels");
    assertThat(asPatient(person, "/settings").getBoolean("notifyByEmail")).isFalse();

    // A professional blocked by RPPS, then unblocked.
    browser.findElement(By.id("controls-form:blockRpps")).sendKeys("10202020202");
    click("controls-form:blockProfessional");
    assertThat(browser.findElement(By.id("professional-blocks")).getText())
        .contains("RPPS 10202020202");
    assertThat(asPatientList(person, "/blocks"))
        .extracting(b -> b.getString("rpps"))
        .containsExactly("10202020202");
    String unblock =
        browser
            .findElement(By.cssSelector("[aria-label='Débloquer le RPPS 10202020202']"))
            .getAttribute("id");
    click(unblock);
    assertThat(asPatientList(person, "/blocks")).isEmpty();

    // The designated GP.
    browser.findElement(By.id("controls-form:gpRpps")).sendKeys("10101010101");
    click("controls-form:designateGp");
    assertThat(asPatient(person, "/settings").getString("designatedGp")).isEqualTo("10101010101");

    // Research: opposed to any reuse.
    click("controls-form:opposeResearch");
    assertThat(asPatient(person, "/research-preferences").getBoolean("globalOpposition")).isTrue();

    // An organisation blocked, then unblocked on the phone.
    browser.findElement(By.id("restrictions:finess")).sendKeys("750712184");
    click("restrictions:block");
    assertThat(asPatientList(person, "/blocks/organisations")).hasSize(1);
    browser.findElement(By.id("controls-form:unblockFiness")).sendKeys("750712184");
    click("controls-form:unblockOrganisation");
    assertThat(page()).contains("Établissement débloqué");
    assertThat(asPatientList(person, "/blocks/organisations")).isEmpty();

    // The history sent to the person: they are told where to read it; the agent never sees it.
    // Email notifications were switched off above: on again, so that the message can go.
    browser.findElement(By.id("controls-form:byEmail")).click();
    click("controls-form:channels");
    click("controls-form:sendHistory");
    assertThat(page()).contains("l'historique l'attend dans son espace");
    // No postal address in Carnet: no "by post" choice.
    assertThat(browser.findElements(By.id("controls-form:postHistory"))).isEmpty();
    assertThat(anEmailTo(person.email(), "l'historique des accès à votre dossier")).isTrue();
    click("controls-form:sendExport");
    assertThat(page()).contains("l'export l'attend dans son espace");

    // The patient's own history names the agent for each act.
    assertThat(history(person))
        .contains(
            BY_AGENT + "a vérifié votre INS et vos traits et vous a envoyé un code de vérification",
            BY_AGENT + "a confirmé votre identité au téléphone",
            BY_AGENT + "a modifié vos réglages",
            BY_AGENT + "a bloqué un professionnel",
            BY_AGENT + "a débloqué un professionnel",
            BY_AGENT + "a désigné votre médecin traitant",
            BY_AGENT + "a modifié vos choix pour la recherche",
            BY_AGENT + "a débloqué un établissement",
            BY_AGENT + "a demandé l'envoi de l'historique des accès à votre adresse enregistrée",
            BY_AGENT + "a demandé l'envoi de l'export du dossier à votre adresse enregistrée");
    // The agent never reads the history, confirmed or not.
    assertThat(
            carnet
                .api()
                .get(person.path("/access-history"), carnet.token("agent", Map.of()))
                .status())
        .isIn(401, 403);
  }

  @Test
  void wrongTraitsAndWrongCodesConfirmNobodyAndLeaveATrace() throws Exception {
    Person person = person();
    open(person);

    // Traits that are not the record's: refused, no code sent.
    identity("caller", person.nir(), "MARTIN");
    click("caller:begin");
    assertThat(page()).contains("ne sont pas ceux du dossier ouvert");
    assertThat(browser.findElements(By.id("code:value"))).isEmpty();

    // Five wrong codes: the fifth spends the code; the right one no longer works.
    sendCode(person);
    String right = codeFromEmail(person.email(), 1);
    String wrong = right.equals("000000") ? "111111" : "000000";
    for (int i = 0; i < 4; i++) {
      typeCode(wrong);
      assertThat(page()).contains("Code faux, expiré ou déjà utilisé");
    }
    typeCode(wrong);
    assertThat(page()).contains("Trop de codes faux");
    typeCode(right);
    assertThat(page()).contains("Code faux, expiré ou déjà utilisé");
    assertThat(browser.findElements(By.id("controls-form:emergencyOff"))).isEmpty();
    assertThat(asPatient(person, "/settings").getBoolean("emergencyAccess")).isTrue();

    // A new code, read back right: confirmed; a code is single use.
    sendCode(person);
    String fresh = codeFromEmail(person.email(), 2);
    typeCode(fresh);
    assertThat(page()).contains("Identité de l'appelant confirmée.");

    assertThat(history(person))
        .contains(
            BY_AGENT + "a confirmé votre identité au téléphone — accès refusé",
            BY_AGENT + "a confirmé votre identité au téléphone");
  }
}
