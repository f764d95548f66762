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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A new call-centre agent at the console, in a real browser: finds a person by INS and traits,
 * handles the phone cases (a new code, a lockout, an opposition and its withdrawal, a closure
 * confirmed), and is refused the clinical API.
 */
@ExtendWith({CarnetServerExtension.class, Browser.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentDeskBrowserE2EIT {

  private static final String AGENT = "agent-dupont";
  private static final String PASSWORD = "un-mot-de-passe-de-test";
  private static final String SECOND_AGENT = "agent-martin";

  private CarnetServer carnet;
  private WebDriver browser;

  @BeforeAll
  void setUp(CarnetServer carnet) {
    this.carnet = carnet;
    Browser.staffAccount(carnet, AGENT, PASSWORD, "agent");
    Browser.staffAccount(carnet, SECOND_AGENT, PASSWORD, "agent");
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

  private String url(String path) {
    return carnet.api().base() + path;
  }

  private void logIn() {
    Browser.logIn(browser, carnet.api().base(), AGENT, PASSWORD);
  }

  private void openDesk() {
    Browser.openDesk(browser, carnet.api().base(), "agent-desk");
  }

  private void find(String nir) {
    openDesk();
    Browser.typeIdentity(browser, "find", nir, "DUPONT");
    click("find:submit");
  }

  /** A record enrolled by an administrator, its creation checked. */
  private Api.Reply enrol(String body) {
    Api.Reply created = carnet.api().post("/api/v1/records", carnet.token("admin"), body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created;
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private void click(String id) {
    Browser.click(browser, id);
  }

  private void audit(String state) {
    Accessibility.audit(browser, "agent desk, " + state);
  }

  @Test
  void aLoggedOutUserIsSentToTheLoginPage() {
    browser.get(url("/console/agent.xhtml"));

    assertThat(browser.getCurrentUrl()).endsWith("/console/login.xhtml");
  }

  @Test
  void anAgentHandlesTheCallsOfAPersonFromCodeToClosure() {
    String nir = People.newNir();
    assertThat(
            carnet
                .api()
                .post("/api/v1/records", carnet.token("admin"), People.createBody(nir, false))
                .status())
        .isEqualTo(201);
    logIn();
    assertThat(browser.findElement(By.id("agent-desk")).isDisplayed()).isTrue();

    find(nir);
    assertThat(text("state")).isEqualTo("En attente (délai d'opposition en cours)");
    assertThat(text("email")).isEqualTo("m***@example.org");
    audit("a person found");
    // The account, never the record's content.
    // No document, nor its title, on the desk.
    assertThat(browser.getPageSource()).doesNotContain("Compte rendu");

    // "I lost my letter": a new code, dictated once.
    click("actions:reissue");
    assertThat(text("code")).matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
    assertThat(text("code-status")).startsWith("Valide jusqu'au");
    audit("a code to dictate shown");

    // "I typed it wrong five times": locked, then unlocked by the agent.
    String patient = carnet.token("patient", Map.of("ins", nir));
    String record = carnet.api().get("/api/v1/records/mine", patient).json().getString("id");
    for (int i = 0; i < 5; i++) {
      carnet
          .api()
          .post("/api/v1/records/" + record + "/activation", patient, "{\"code\":\"WRONG\"}");
    }
    find(nir);
    assertThat(text("code-status")).isEqualTo("Bloqué après 5 essais erronés");
    click("actions:unlock");
    assertThat(browser.getPageSource()).contains("Activation débloquée.");
    audit("a confirmation shown");
    assertThat(text("code-status")).startsWith("Valide jusqu'au");

    // "I do not want this record": opposition, then "I changed my mind".
    click("actions:oppose");
    assertThat(text("state")).isEqualTo("Opposition enregistrée");
    click("actions:withdraw");
    assertThat(text("state")).isEqualTo("Ouvert");

    // "Close it": refused until confirmed, then archived.
    click("actions:close");
    assertThat(browser.getPageSource()).contains("Cochez la confirmation");
    audit("an error shown");
    assertThat(text("state")).isEqualTo("Ouvert");
    click("actions:confirm");
    click("actions:close");
    assertThat(text("state")).isEqualTo("Fermé (archivé)");
    audit("a closed record");
    assertThat(text("history"))
        .contains("Dossier fermé (conseiller " + AGENT + ")")
        .contains("Opposition enregistrée (conseiller " + AGENT + ")")
        .contains("Dossier créé (administrateur)");

    // Each call is in the person's history, under the agent's name.
    assertThat(
            carnet
                .api()
                .get("/api/v1/records/" + record + "/access-history?limit=50", patient)
                .body())
        .contains(
            "Un conseiller de l'Assurance Maladie (" + AGENT + ") a enregistré votre opposition")
        .contains("(" + AGENT + ") a émis un nouveau code provisoire");
  }

  @Test
  void anAgentOpeningADocumentUrlIsRefused() {
    String nir = People.newNir();
    String record =
        carnet
            .api()
            .post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true))
            .json()
            .getString("id");
    logIn();

    browser.get(url("/api/v1/records/" + record + "/documents"));

    assertThat(browser.getPageSource()).contains("UNAUTHENTICATED").doesNotContain("items");
  }

  @Test
  void aDeskOpenedWithoutTheHomePagesTokenGoesBackHome() {
    logIn();

    browser.get(url("/console/agent.xhtml"));

    assertThat(browser.getCurrentUrl()).endsWith("/console/index.xhtml");
    assertThat(browser.findElements(By.id("find:ins"))).isEmpty();
  }

  @Test
  void anAgentFindsAPersonByNameAndBirthDateWithoutTheirIns() {
    String nir = People.newNir();
    // A name of its own, with accents, so that the search finds this person only.
    String suffix = People.letters(6);
    String birthName = "LÉVÊQUE-" + suffix;
    carnet
        .api()
        .post(
            "/api/v1/records",
            carnet.token("admin"),
            People.createBody(nir, People.traits(birthName, "ÉLODIE"), false));
    logIn();
    openDesk();
    audit("as first opened");

    // Typed as heard: lower case, no accents, the beginning of the name.
    browser.findElement(By.id("byName:name")).sendKeys("leveque " + suffix.toLowerCase());
    browser.findElement(By.id("byName:born")).sendKeys("05121985");
    click("byName:submit");

    assertThat(text("matches")).contains(birthName).contains("ÉLODIE").contains("12/05/1985");
    audit("people found by name");
    // Identity traits and state only: neither the INS nor anything clinical.
    assertThat(browser.getPageSource()).doesNotContain(nir).doesNotContain("document");
    clickOn("[id$=':0:choose']");
    assertThat(text("state")).isEqualTo("En attente (délai d'opposition en cours)");
  }

  @Test
  void anAgentAsksForAParentASecondAgentApprovesAndEndsIt() {
    String childNir = People.newChildNir();
    String parentNir = People.newNir();
    String admin = carnet.token("admin");
    String childId =
        carnet
            .api()
            .post("/api/v1/records", admin, People.createBody(childNir, People.child(), true))
            .json()
            .getString("id");
    carnet.api().post("/api/v1/records", admin, People.createBody(parentNir, true));
    String parent = carnet.token("patient", Map.of("ins", parentNir));
    logIn();
    openDesk();
    findChild(childNir);

    Browser.typeIdentity(browser, "representatives", parentNir, "DUPONT");
    click("representatives:register");

    // Asked, not granted: the parent has no right until another staff member approves.
    assertThat(browser.getPageSource())
        .contains("Demande enregistrée : un second membre du personnel doit l'approuver");
    assertThat(text("representative-list"))
        .contains("MARIE CLAIRE DUPONT")
        .contains("parent d'un mineur")
        .contains("En attente d'approbation")
        .contains(AGENT);
    audit("a representative asked for");
    assertThat(carnet.api().get("/api/v1/records/represented", parent).body())
        .doesNotContain(childId);
    // The requester sees their request in the queue, with no button to approve it.
    WebElement mine = pendingRowOf(AGENT);
    assertThat(mine.getText()).contains("Votre demande").contains("LUC DUPONT");
    assertThat(mine.findElements(By.tagName("input"))).isEmpty();

    // A second agent approves from their own desk.
    browser.manage().deleteAllCookies();
    Browser.logIn(browser, carnet.api().base(), SECOND_AGENT, PASSWORD);
    openDesk();
    WebElement theirs = pendingRowOf(AGENT);
    audit("requests to approve");
    assertThat(theirs.getText()).contains("MARIE CLAIRE DUPONT").doesNotContain("Votre demande");
    click(theirs.findElement(By.cssSelector("[id$=':approve']")).getAttribute("id"));
    assertThat(browser.getPageSource()).contains("Représentant approuvé : il peut désormais agir.");
    assertThat(carnet.api().get("/api/v1/records/represented", parent).body()).contains(childId);

    findChild(childNir);
    assertThat(text("representative-list")).contains("Active").contains(SECOND_AGENT);
    clickOn("[id$=':0:end']");
    assertThat(browser.getPageSource()).contains("Représentation terminée.");
    assertThat(browser.findElements(By.cssSelector("[id$=':0:end']"))).isEmpty();
    assertThat(carnet.api().get("/api/v1/records/represented", parent).body())
        .doesNotContain(childId);
    assertThat(text("history"))
        .contains("Représentant légal demandé (conseiller " + AGENT + ")")
        .contains("Représentant légal approuvé (conseiller " + SECOND_AGENT + ")")
        .contains("Représentation terminée (conseiller " + SECOND_AGENT + ")");
  }

  @Test
  void anAgentsDeletionWaitsForASecondAgentWhoMayRefuseIt() {
    String nir = People.newNir();
    String id =
        carnet
            .api()
            .post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true))
            .json()
            .getString("id");
    logIn();
    find(nir);
    click("actions:deleteNow");
    click("actions:confirm");
    click("actions:close");
    assertThat(browser.getPageSource())
        .contains("la suppression définitive attend l'approbation d'un second membre du personnel");
    assertThat(text("state")).isEqualTo("Fermé (archivé)");
    assertThat(text("deletion-request")).startsWith("Demandée par " + AGENT);
    audit("a deletion awaiting approval");
    WebElement mine = pendingDeletionOf(id);
    assertThat(mine.getText()).contains("Votre demande");
    assertThat(mine.findElements(By.tagName("input"))).isEmpty();

    browser.manage().deleteAllCookies();
    Browser.logIn(browser, carnet.api().base(), SECOND_AGENT, PASSWORD);
    openDesk();
    click(pendingDeletionOf(id).findElement(By.cssSelector("[id$=':reject']")).getAttribute("id"));
    assertThat(browser.getPageSource())
        .contains("Suppression refusée : le dossier reste fermé et archivé.");
    assertThat(
            browser.findElements(
                By.xpath(
                    "//table[@id='pending-deletions']//tr[td[1][normalize-space(text())='"
                        + id
                        + "']]")))
        .isEmpty();
    assertThat(
            carnet
                .api()
                .get("/api/v1/records/" + id + "/account", carnet.token("agent"))
                .json()
                .getString("state"))
        .isEqualTo("CLOSED");
  }

  private WebElement pendingDeletionOf(String recordId) {
    return browser.findElement(
        By.xpath(
            "//table[@id='pending-deletions']//tr[td[1][normalize-space(text())='"
                + recordId
                + "']]"));
  }

  private void findChild(String childNir) {
    browser.findElement(By.id("find:ins")).sendKeys(childNir);
    browser.findElement(By.id("find:birthName")).sendKeys("DUPONT");
    browser.findElement(By.id("find:firstNames")).sendKeys("LUC");
    browser.findElement(By.id("find:birthDate")).sendKeys("03102015");
    new Select(browser.findElement(By.id("find:sex"))).selectByValue("M");
    browser.findElement(By.id("find:birthPlace")).sendKeys("75056");
    click("find:submit");
  }

  /** The queue's row of the one representation {@code requester} asked for in this run. */
  private WebElement pendingRowOf(String requester) {
    return browser.findElement(
        By.xpath(
            "//table[@id='pending-representatives']//tr[td[@class='requested-by' and"
                + " normalize-space(text())='"
                + requester
                + "']]"));
  }

  @Test
  void aNewCodeSentToTheContactKillsTheDictatedOne() {
    String nir = People.newNir();
    carnet.api().post("/api/v1/records", carnet.token("admin"), People.createBody(nir, false));
    logIn();
    find(nir);
    click("actions:reissue");
    String dictated = text("code");

    click("actions:sendCode");

    assertThat(browser.getPageSource()).contains("Nouveau code envoyé au contact");
    assertThat(browser.findElements(By.id("code"))).isEmpty();
    assertThat(text("code-status")).isEqualTo("Aucun");
    String patient = carnet.token("patient", Map.of("ins", nir));
    String record = carnet.api().get("/api/v1/records/mine", patient).json().getString("id");
    Api.Reply old =
        carnet
            .api()
            .post(
                "/api/v1/records/" + record + "/activation",
                patient,
                "{\"code\":\"" + dictated + "\"}");
    assertThat(old.status()).isEqualTo(403);
  }

  /**
   * Issue 18: on the phone, the agent sets the person's restrictions, and has no way to lift them;
   * issue 19: only once the caller is confirmed (here on the INS and traits alone: the record has
   * no contact to send a code to).
   */
  @Test
  void anAgentMasksAClassAndBlocksAnOrganisationButCannotLiftThem() {
    String nir = People.newNir();
    Api.Reply created = enrol(People.createBody(nir, People.marie(), true));
    logIn();
    find(nir);
    assertThat(text("state")).isEqualTo("Ouvert");
    // Before the caller is confirmed, neither their restrictions nor a way to set them.
    assertThat(browser.findElements(By.id("restrictions:mask"))).isEmpty();
    Browser.typeIdentity(browser, "caller", nir, "DUPONT");
    click("caller:begin");
    assertThat(browser.getPageSource()).contains("Identité confirmée par l'INS et les traits");

    new Select(browser.findElement(By.id("restrictions:maskClass"))).selectByValue("PSYCHIATRY");
    click("restrictions:mask");
    assertThat(browser.getPageSource()).contains("Catégorie masquée aux professionnels");
    assertThat(text("class-masks")).contains("PSYCHIATRY").contains(AGENT);

    browser.findElement(By.id("restrictions:finess")).sendKeys("12345");
    click("restrictions:block");
    assertThat(browser.getPageSource()).contains("Saisie incomplète ou invalide.");
    audit("an invalid FINESS refused");
    browser.findElement(By.id("restrictions:finess")).clear();
    browser.findElement(By.id("restrictions:finess")).sendKeys("690781810");
    click("restrictions:block");
    assertThat(text("organisation-blocks")).contains("690781810").contains(AGENT);
    audit("restrictions shown");

    // No way to lift them from the desk; the person does it in their own space.
    assertThat(browser.findElements(By.cssSelector("#restrictions input[type=submit]")))
        .extracting(button -> button.getAttribute("id"))
        .containsExactlyInAnyOrder("restrictions:mask", "restrictions:block");
    // No document, nor its title, on the desk.
    assertThat(browser.getPageSource()).doesNotContain("Compte rendu");

    String patient = carnet.token("patient", Map.of("ins", nir));
    String record = carnet.api().get("/api/v1/records/mine", patient).json().getString("id");
    assertThat(
            carnet
                .api()
                .get("/api/v1/records/" + record + "/access-history?limit=50", patient)
                .body())
        .contains("(" + AGENT + ") a masqué une catégorie de documents")
        .contains("(" + AGENT + ") a bloqué un établissement");
  }

  /**
   * Issue 19: for a person reachable only by post, confirmed on the INS and traits (no contact to
   * send a code to), the agent has the history and the export's how-to sent by post; the person's
   * history names the agent for each, and the caller is no longer confirmed once the call ends.
   */
  @Test
  void anAgentSendsTheHistoryAndTheExportByPostForAPersonWithoutEmailOrPhone() {
    String nir = People.newNir();
    Api.Reply created =
        enrol(
            "{\"ins\":"
                + People.ins(nir)
                + ",\"traits\":"
                + People.marie()
                + ",\"contact\":{\"address\":\"Mme Marie DUPONT\\n3 place du Marché\\n"
                + "69002 LYON\"},\"open\":true}");
    String record = created.json().getString("id");
    logIn();
    find(nir);
    // Nothing to send before the caller is confirmed.
    assertThat(browser.findElements(By.id("controls-form:postHistory"))).isEmpty();
    Browser.typeIdentity(browser, "caller", nir, "DUPONT");
    click("caller:begin");
    assertThat(browser.getPageSource()).contains("Identité confirmée par l'INS et les traits");
    // No email nor phone: the contact buttons refuse, the post ones are offered.
    click("controls-form:postHistory");
    assertThat(browser.getPageSource())
        .contains("L'historique des accès partira par courrier à l'adresse de la personne.");
    audit("history sent by post");
    click("controls-form:postExport");
    assertThat(browser.getPageSource())
        .contains("Un courrier expliquera à la personne comment obtenir son export.");
    click("controls-form:sendHistory");
    assertThat(browser.getPageSource()).contains("Le dossier n'a ni courriel ni téléphone.");
    audit("a sending refused");
    click("caller:endCall");
    assertThat(browser.getPageSource()).contains("Appel terminé");
    assertThat(browser.findElements(By.id("controls-form:postHistory"))).isEmpty();

    String patient = carnet.token("patient", Map.of("ins", nir));
    assertThat(
            carnet
                .api()
                .get("/api/v1/records/" + record + "/access-history?limit=50", patient)
                .body())
        .contains("(" + AGENT + ") a confirmé votre identité au téléphone")
        .contains("(" + AGENT + ") a demandé l'envoi de l'historique des accès")
        .contains("(" + AGENT + ") a demandé l'envoi de l'export du dossier");
  }

  /** Issue 19: the letters that could not be produced, shown on the desk when asked, traced. */
  @Test
  void theImpossibleLettersAreShownOnAskingAndTraced() {
    String nir = People.newNir();
    Api.Reply created = enrol(People.createBody(nir, People.marie(), false));
    String record = created.json().getString("id");
    logIn();
    openDesk();
    assertThat(browser.findElements(By.id("impossible-letters"))).isEmpty();
    // The enrolment's letter finds no address within a few notification windows.
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(40);
    do {
      click("letters:show");
    } while (!text("impossible-letters").contains(record)
        && java.time.Instant.now().isBefore(deadline));
    assertThat(text("impossible-letters"))
        .contains(record)
        .contains("Message d'information et code provisoire")
        .doesNotContain(nir);
    audit("impossible letters shown");
    String auditor = carnet.token("auditor");
    assertThat(
            carnet
                .api()
                .get(
                    "/api/v1/audit/traces?record=" + record + "&action=LETTERS_IMPOSSIBLE_LIST",
                    auditor)
                .json()
                .getJsonArray("items"))
        .isNotEmpty();
  }

  private void clickOn(String css) {
    click(browser.findElement(By.cssSelector(css)).getAttribute("id"));
  }
}
