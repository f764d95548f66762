package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The account's life over HTTP, as the person, the call centre and an administrator live it: the
 * information email with its code, activation, brute force and its lockout, code reissue,
 * opposition (and a professional shut out), its withdrawal, closure archived or deleted at once,
 * reopening, death; each step in the patient's history, the agent named.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleE2EIT {

  private static final Pattern CODE =
      Pattern.compile("code provisoire est ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})");

  private CarnetServer carnet;
  private Api api;
  private String agent;
  private GreenMail mail;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.agent = carnet.token("agent", Map.of("sub", "agent-martin"));
    mail = new GreenMail(new ServerSetup(CarnetServer.smtpPort(), "127.0.0.1", "smtp"));
    mail.start();
  }

  @AfterAll
  void stopMail() {
    mail.stop();
  }

  private record Person(String nir, String id, String patient, String email) {}

  private Person enrol(boolean open) {
    String nir = People.newNir();
    String email = "enrolled-" + UUID.randomUUID() + "@example.org";
    Api.Reply created =
        api.post(
            "/api/v1/records",
            carnet.token("admin"),
            "{\"ins\":"
                + People.ins(nir)
                + ",\"traits\":"
                + People.marie()
                + ",\"contact\":{\"email\":\""
                + email
                + "\"},\"open\":"
                + open
                + "}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new Person(
        nir, created.json().getString("id"), carnet.token("patient", Map.of("ins", nir)), email);
  }

  private String path(Person person, String tail) {
    return "/api/v1/records/" + person.id() + tail;
  }

  private Api.Reply activate(Person person, String code) {
    return api.post(path(person, "/activation"), person.patient(), "{\"code\":\"" + code + "\"}");
  }

  private Api.Reply send(String method, Person person, String tail, String token) {
    return api.send(method, path(person, tail), token, "application/json", "{}");
  }

  private String reissue(Person person) {
    Api.Reply issued = send("POST", person, "/codes", agent);
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    assertThat(issued.header("Cache-Control")).hasValue("no-store");
    return issued.json().getString("code");
  }

  private String state(Person person) {
    return api.get(path(person, "/account"), agent).json().getString("state");
  }

  @Test
  void theInformationEmailCarriesTheCodeThatActivatesTheRecordOnce() throws Exception {
    Person person = enrol(false);
    JsonObject account = api.get(path(person, "/account"), agent).json();
    assertThat(account.getString("state")).isEqualTo("PENDING");
    Instant deadline = Instant.parse(account.getString("oppositionDeadline"));
    assertThat(Duration.between(Instant.parse(account.getString("createdAt")), deadline))
        .isEqualTo(Duration.ofDays(42));
    assertThat(account.getString("contactEmail")).startsWith("e***@example.org");

    String code = codeFromEmail(person.email());
    assertThat(api.get(path(person, "/account"), agent).json().getString("codeStatus"))
        .isEqualTo("ACTIVE");

    assertThat(activate(person, "AAAA-BBBB-CCCC").code()).isEqualTo("ACTIVATION_CODE_INVALID");
    // As typed on a phone: lower case, spaces instead of dashes.
    Api.Reply opened = activate(person, code.toLowerCase().replace('-', ' '));
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    assertThat(opened.json().getString("state")).isEqualTo("OPEN");
    assertThat(activate(person, code).code()).isEqualTo("LIFECYCLE_TRANSITION_INVALID");
    assertThat(summaries(person)).contains("Carnet a émis un nouveau code provisoire");
    // Someone else's code, or someone else's record: refused without saying more.
    Person other = enrol(false);
    assertThat(
            api.post(path(other, "/activation"), person.patient(), "{\"code\":\"" + code + "\"}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void tooManyWrongCodesLockActivationUntilAnAgentUnlocksIt() {
    Person person = enrol(false);
    String code = reissue(person);

    for (int attempt = 1; attempt < 5; attempt++) {
      assertThat(activate(person, "WRNG-CODE-000" + attempt).code())
          .isEqualTo("ACTIVATION_CODE_INVALID");
    }
    assertThat(activate(person, "WRNG-CODE-0005").status()).isEqualTo(423);
    Api.Reply locked = activate(person, code);
    assertThat(locked.status()).isEqualTo(423);
    assertThat(locked.code()).isEqualTo("ACTIVATION_LOCKED");
    assertThat(api.get(path(person, "/account"), agent).json().getString("codeStatus"))
        .isEqualTo("LOCKED");

    // The patient cannot unlock themselves; the agent can, after identifying the caller.
    assertThat(send("DELETE", person, "/activation-lock", person.patient()).status())
        .isEqualTo(403);
    assertThat(send("DELETE", person, "/activation-lock", agent).status()).isEqualTo(200);
    assertThat(activate(person, code).status()).isEqualTo(200);
  }

  @Test
  void aReissuedCodeKillsTheOldOne() {
    Person person = enrol(false);
    String old = reissue(person);
    String fresh = reissue(person);

    assertThat(activate(person, old).code()).isEqualTo("ACTIVATION_CODE_INVALID");
    assertThat(activate(person, fresh).status()).isEqualTo(200);
    // An open record needs no code.
    assertThat(send("POST", person, "/codes", agent).code())
        .isEqualTo("LIFECYCLE_TRANSITION_INVALID");
  }

  @Test
  void anOpposedRecordIsNeitherFedNorReadAndComesBackWhenTheOppositionIsWithdrawn() {
    Person person = enrol(false);
    String code = reissue(person);
    String gp = carnet.token("professional", Map.of("rpps", "10181818181"));
    assertThat(activate(person, code).status()).isEqualTo(200);
    assertThat(api.post(path(person, "/agreements"), gp, "{\"mode\":\"NORMAL\"}").status())
        .isEqualTo(201);
    assertThat(
            api.post(
                    "/api/v1/documents",
                    gp,
                    Documents.about(person.nir(), People.marie(), "11502-2", false))
                .status())
        .isEqualTo(201);

    Api.Reply opposed = send("POST", person, "/opposition", person.patient());
    assertThat(opposed.status()).as(opposed.toString()).isEqualTo(200);
    assertThat(opposed.json().getString("state")).isEqualTo("OPPOSED");

    assertThat(api.get(path(person, "/documents"), gp).code()).isEqualTo("RECORD_NOT_AVAILABLE");
    assertThat(
            api.post(
                    "/api/v1/documents",
                    gp,
                    Documents.about(person.nir(), People.marie(), "11502-2", false))
                .code())
        .isEqualTo("RECORD_NOT_AVAILABLE");
    // An old code does not undo an opposition.
    assertThat(activate(person, code).code()).isEqualTo("LIFECYCLE_TRANSITION_INVALID");
    assertThat(send("POST", person, "/opposition", agent).code())
        .isEqualTo("LIFECYCLE_TRANSITION_INVALID");

    // The call centre withdraws it on the person's request: open again, the data kept.
    Api.Reply withdrawn = send("DELETE", person, "/opposition", agent);
    assertThat(withdrawn.json().getString("state")).isEqualTo("OPEN");
    assertThat(api.get(path(person, "/documents"), gp).json().getJsonArray("items")).hasSize(1);

    List<String> history = summaries(person);
    assertThat(history)
        .contains("Vous ou votre représentant légal a enregistré votre opposition au dossier")
        .contains(
            "Un conseiller de l'Assurance Maladie (agent-martin) a retiré votre opposition au"
                + " dossier")
        .contains(
            "Vous ou votre représentant légal a activé votre dossier avec le code provisoire");
  }

  @Test
  void aClosedRecordIsArchivedAndReopenedOrDeletedAtOnceOnRequest() {
    Person archived = enrol(true);
    Api.Reply closed = api.post(path(archived, "/closure"), agent, "{\"deleteNow\":false}");
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(closed.json().getString("state")).isEqualTo("CLOSED");
    assertThat(closed.json().getString("closureReason")).isEqualTo("REQUEST");
    assertThat(
            Duration.between(
                Instant.parse(closed.json().getString("closedAt")),
                Instant.parse(closed.json().getString("purgeAfter"))))
        .isBetween(Duration.ofDays(3652), Duration.ofDays(3653));
    assertThat(send("DELETE", archived, "/closure", archived.patient()).json().getString("state"))
        .isEqualTo("OPEN");

    Person deleted = enrol(true);
    Api.Reply purged =
        api.post(path(deleted, "/closure"), deleted.patient(), "{\"deleteNow\":true}");
    assertThat(purged.status()).as(purged.toString()).isEqualTo(200);
    assertThat(purged.json().getString("state")).isEqualTo("PURGED");
    // Nothing of the person is left to find: the INS is free for a new enrolment.
    assertThat(
            api.post(
                    "/api/v1/records/lookup",
                    carnet.token("professional"),
                    People.lookupBody(deleted.nir(), People.marie()))
                .code())
        .isEqualTo("RECORD_NOT_FOUND");
    assertThat(
            api.post(
                    "/api/v1/records",
                    carnet.token("admin"),
                    People.createBody(deleted.nir(), true))
                .status())
        .isEqualTo(201);
  }

  @Test
  void deathIsDeclaredByAnAdministratorOnly() {
    Person person = enrol(true);

    assertThat(send("POST", person, "/death", agent).code()).isEqualTo("FORBIDDEN");
    assertThat(send("POST", person, "/death", person.patient()).code()).isEqualTo("FORBIDDEN");
    Api.Reply dead = send("POST", person, "/death", carnet.token("admin"));
    assertThat(dead.json().getString("state")).isEqualTo("CLOSED");
    assertThat(dead.json().getString("closureReason")).isEqualTo("DEATH");
    assertThat(send("POST", person, "/death", carnet.token("admin")).code())
        .isEqualTo("LIFECYCLE_TRANSITION_INVALID");
  }

  @Test
  void professionalsAndAuditorsHaveNoHandOnAccounts() {
    Person person = enrol(true);
    String gp = carnet.token("professional");
    for (String token : List.of(gp, carnet.token("auditor"))) {
      assertThat(send("POST", person, "/opposition", token).code()).isEqualTo("FORBIDDEN");
      assertThat(send("POST", person, "/closure", token).code()).isEqualTo("FORBIDDEN");
      assertThat(api.get(path(person, "/account"), token).code()).isEqualTo("FORBIDDEN");
    }
    // Another patient's account does not exist for them.
    String stranger = carnet.token("patient", Map.of("ins", People.newNir()));
    assertThat(send("POST", person, "/opposition", stranger).status()).isEqualTo(404);
    assertThat(state(person)).isEqualTo("OPEN");
  }

  private List<String> summaries(Person person) {
    Api.Reply history = api.get(path(person, "/access-history?limit=100"), person.patient());
    assertThat(history.status()).as(history.toString()).isEqualTo(200);
    return history.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(item -> item.getString("summary"))
        .toList();
  }

  private String codeFromEmail(String recipient) throws Exception {
    return codeFromEmail(recipient, 1);
  }

  /** The code of the {@code nth} email to the recipient, once it has come. */
  private String codeFromEmail(String recipient, int nth) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      int seen = 0;
      for (MimeMessage message : mail.getReceivedMessages()) {
        if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)
            && ++seen == nth) {
          Matcher code = CODE.matcher((String) message.getContent());
          assertThat(code.find()).as("the email carries a code").isTrue();
          return code.group(1);
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("No email number " + nth + " to " + recipient);
  }

  @Test
  void aNewCodeSentToTheContactKillsTheOthersAndActivates() throws Exception {
    Person person = enrol(false);
    String first = codeFromEmail(person.email());
    String dictated = reissue(person);

    Api.Reply sent = send("POST", person, "/codes/sent", agent);

    assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
    // Both earlier codes die at once, before the new message has even gone.
    assertThat(activate(person, first).code()).isEqualTo("ACTIVATION_CODE_INVALID");
    assertThat(activate(person, dictated).code()).isEqualTo("ACTIVATION_CODE_INVALID");
    String mailed = codeFromEmail(person.email(), 2);
    assertThat(mailed).isNotIn(first, dictated);
    Api.Reply opened = activate(person, mailed);
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    assertThat(send("POST", person, "/codes/sent", person.patient()).status()).isEqualTo(403);
  }

  @Test
  void aCodeCannotBeSentToARecordWithoutContact() {
    String nir = People.newNir();
    String id =
        api.post(
                "/api/v1/records",
                carnet.token("admin"),
                People.createBody(nir, People.marie(), false))
            .json()
            .getString("id");

    Api.Reply refused =
        api.send("POST", "/api/v1/records/" + id + "/codes/sent", agent, "application/json", "{}");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("CONTACT_MISSING");
  }
}
