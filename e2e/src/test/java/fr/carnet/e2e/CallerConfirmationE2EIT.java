package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The phone desk's confirmation of a caller, through the API (issue 19), as an insider would try to
 * misuse it: who may confirm, a code guessed, codes asked for again and again, a confirmation on
 * the INS and traits alone (what a relative knows) used to widen access, a confirmation kept after
 * the call, a closed record changed. And the person told of every change an agent made for them.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallerConfirmationE2EIT {

  private static final Pattern CODE = Pattern.compile("code de vérification Carnet : (\\d{6})");

  private CarnetServer carnet;
  private Api api;
  private GreenMail mail;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    mail = new GreenMail(new ServerSetup(CarnetServer.smtpPort(), "127.0.0.1", "smtp"));
    mail.start();
  }

  @AfterAll
  void stop() {
    mail.stop();
  }

  private record Person(String nir, String id, String email) {
    String path(String tail) {
      return "/api/v1/records/" + id + tail;
    }

    String lookup() {
      return People.lookupBody(nir, People.marie());
    }
  }

  /** An open record, with an email or with no contact at all. */
  private Person person(boolean withEmail) {
    String nir = People.newNir();
    String email = withEmail ? "caller-" + UUID.randomUUID() + "@example.org" : null;
    Api.Reply created =
        api.post(
            "/api/v1/records",
            carnet.token("admin"),
            "{\"ins\":"
                + People.ins(nir)
                + ",\"traits\":"
                + People.marie()
                + (withEmail ? ",\"contact\":{\"email\":\"" + email + "\"}" : "")
                + ",\"open\":true}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new Person(nir, created.json().getString("id"), email);
  }

  private Api.Reply begin(String token, Person person, String lookup) {
    return api.post(person.path("/caller-confirmation"), token, lookup);
  }

  private Api.Reply code(String token, Person person, String code) {
    return api.post(person.path("/caller-confirmation/code"), token, "{\"code\":\"" + code + "\"}");
  }

  private Api.Reply emergencyOn(String token, Person person) {
    return api.send(
        "PUT",
        person.path("/settings"),
        token,
        "application/json",
        "{\"emergencyAccess\":true,\"notifyByEmail\":true,\"notifyBySms\":false}");
  }

  private Api.Reply emergencyOff(String token, Person person) {
    return api.send(
        "PUT",
        person.path("/settings"),
        token,
        "application/json",
        "{\"emergencyAccess\":false,\"notifyByEmail\":true,\"notifyBySms\":false}");
  }

  @Test
  void onlyAnAgentConfirmsACallerAndOnlyWithTheRecordsOwnTraits() {
    Person person = person(false);
    record Case(String who, String token, int status, String code) {}
    List<Case> cases =
        List.of(
            new Case("professional", carnet.token("professional"), 403, "FORBIDDEN"),
            new Case(
                "the patient", carnet.token("patient", Map.of("ins", person.nir())), 403, null),
            new Case("auditor", carnet.token("auditor"), 403, "FORBIDDEN"),
            new Case("admin", carnet.token("admin"), 403, "FORBIDDEN"),
            new Case("nobody", null, 401, null));
    for (Case c : cases) {
      Api.Reply refused = begin(c.token(), person, person.lookup());
      assertThat(refused.status()).as(c.who()).isEqualTo(c.status());
      if (c.code() != null) {
        assertThat(refused.code()).as(c.who()).isEqualTo(c.code());
      }
    }
    String agent = carnet.token("agent", Map.of("sub", "agent-traits"));
    // Another person's traits: refused, traced, nothing confirmed.
    Api.Reply mismatch =
        begin(agent, person, People.lookupBody(person.nir(), People.traits("MARTIN", "PAUL")));
    assertThat(mismatch.status()).isEqualTo(409);
    assertThat(mismatch.code()).isEqualTo("INS_TRAITS_MISMATCH");
    assertThat(emergencyOff(agent, person).code()).isEqualTo("CALLER_NOT_CONFIRMED");
    assertThat(api.post(person.path("/caller-confirmation"), agent, "{\"ins\":{}}").status())
        .isEqualTo(400);
  }

  @Test
  void theTraitsAloneNarrowButNeverWidenAndTheCallEndsTheConfirmation() {
    Person person = person(false);
    String agent = carnet.token("agent", Map.of("sub", "agent-narrow"));
    Api.Reply confirmed = begin(agent, person, person.lookup());
    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    assertThat(confirmed.json().getBoolean("confirmed")).isTrue();

    // Narrowing: yes. Widening (emergency access back on, a block lifted, a GP): no, the code is
    // needed and there is no contact to send it to.
    assertThat(emergencyOff(agent, person).status()).isEqualTo(200);
    Api.Reply widen = emergencyOn(agent, person);
    assertThat(widen.status()).isEqualTo(403);
    assertThat(widen.code()).isEqualTo("CALLER_CODE_REQUIRED");
    Api.Reply gp =
        api.send(
            "PUT",
            person.path("/designated-gp"),
            agent,
            "application/json",
            "{\"rpps\":\"10101010101\"}");
    assertThat(gp.code()).isEqualTo("CALLER_CODE_REQUIRED");
    // Another agent holds no confirmation of their own.
    String other = carnet.token("agent", Map.of("sub", "agent-other"));
    assertThat(emergencyOff(other, person).code()).isEqualTo("CALLER_NOT_CONFIRMED");

    // The call ends: the confirmation with it.
    assertThat(api.send("DELETE", person.path("/caller-confirmation"), agent, null, null).status())
        .isEqualTo(204);
    assertThat(emergencyOff(agent, person).code()).isEqualTo("CALLER_NOT_CONFIRMED");
  }

  @Test
  void aCodeIsNotGuessedNorAskedForWithoutEndAndAConfirmedChangeIsToldToThePerson()
      throws Exception {
    Person person = person(true);
    String agent = carnet.token("agent", Map.of("sub", "agent-codes"));
    Api.Reply sent = begin(agent, person, person.lookup());
    assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
    String right = codeTo(person.email(), 1);
    String wrong = right.equals("000000") ? "111111" : "000000";
    // Before the code, nothing.
    assertThat(emergencyOff(agent, person).code()).isEqualTo("CALLER_NOT_CONFIRMED");
    for (int i = 0; i < 4; i++) {
      assertThat(code(agent, person, wrong).code()).isEqualTo("CONFIRMATION_CODE_INVALID");
    }
    // The fifth wrong one spends the code: the right one no longer works.
    assertThat(code(agent, person, wrong).code()).isEqualTo("CONFIRMATION_LOCKED");
    assertThat(code(agent, person, right).code()).isEqualTo("CONFIRMATION_CODE_INVALID");

    // Codes by the hundred are not to be had: three an hour for the person, all agents together.
    assertThat(begin(agent, person, person.lookup()).status()).isEqualTo(202);
    String other = carnet.token("agent", Map.of("sub", "agent-codes-2"));
    assertThat(begin(other, person, person.lookup()).status()).isEqualTo(202);
    Api.Reply exhausted = begin(agent, person, person.lookup());
    assertThat(exhausted.status()).isEqualTo(429);
    assertThat(exhausted.code()).isEqualTo("CONFIRMATION_CODES_EXHAUSTED");

    // The second code, read back: confirmed with the code, so a widening change is allowed.
    assertThat(code(agent, person, codeTo(person.email(), 2)).status()).isEqualTo(200);
    assertThat(emergencyOff(agent, person).status()).isEqualTo(200);
    assertThat(emergencyOn(agent, person).status()).isEqualTo(200);

    // The person is told, by email, of what an agent changed for them (no code in it).
    String told = awaitText(person.email(), "à votre demande au téléphone");
    assertThat(told).contains("Un conseiller de l'Assurance Maladie a modifié vos réglages");
    assertThat(told).doesNotContain(right);
    // And sees in their history each step under the agent's name, the refusals included.
    String patient = carnet.token("patient", Map.of("ins", person.nir()));
    String history = api.get(person.path("/access-history?limit=100"), patient).body();
    assertThat(history)
        .contains("(agent-codes) a vérifié votre INS et vos traits et vous a envoyé un code")
        .contains("(agent-codes) a confirmé votre identité au téléphone")
        .contains("(agent-codes) a modifié vos réglages")
        .contains("(agent-codes-2) a vérifié votre INS");
  }

  @Test
  void aClosedRecordIsNobodysToChangeByPhone() {
    Person person = person(false);
    String agent = carnet.token("agent", Map.of("sub", "agent-closed"));
    Api.Reply closed = api.post(person.path("/closure"), agent, "{\"deleteNow\":false}");
    assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    assertThat(begin(agent, person, person.lookup()).status()).isEqualTo(200);
    Api.Reply refused = emergencyOff(agent, person);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("RECORD_CLOSED");
  }

  /** The code of the {@code nth} verification email to the recipient (sent before the answer). */
  private String codeTo(String recipient, int nth) throws Exception {
    List<String> codes = new ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
        Matcher code = CODE.matcher(String.valueOf(message.getContent()));
        if (code.find()) {
          codes.add(code.group(1));
        }
      }
    }
    assertThat(codes).as("verification emails to " + recipient).hasSizeGreaterThanOrEqualTo(nth);
    return codes.get(nth - 1);
  }

  private String awaitText(String recipient, String words) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
    while (Instant.now().isBefore(deadline)) {
      for (MimeMessage message : mail.getReceivedMessages()) {
        String text = String.valueOf(message.getContent());
        if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)
            && text.contains(words)) {
          return text;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("No message to " + recipient + " saying " + words);
  }
}
