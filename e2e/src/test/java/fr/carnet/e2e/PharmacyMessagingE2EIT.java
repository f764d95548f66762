package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The secure messaging's pharmacy case (issue 21, item 1) over real HTTP with real tokens: the
 * patient sends a prescription of their record to a pharmacy (FINESS) one of whose pharmacists
 * already filed a document in it, and to no other; the pharmacy's pharmacists, and they alone, find
 * and read it; a block of the pharmacy stops both ways; each refusal traced, nothing stored. Also:
 * a message's notification reaches the patient by mail (GreenMail) without sender, subject or
 * words, and the retention job deletes a conversation past its retention.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PharmacyMessagingE2EIT {

  private static final String CONVERSATIONS = "/api/v1/conversations";
  private static final String INBOX = CONVERSATIONS + "/pharmacy-inbox";
  private static final String PRESCRIPTION_LOINC = "57833-6";
  private static final String LAB_LOINC = "11502-2";
  private static final Duration PATIENCE = Duration.ofSeconds(40);

  /** The pharmacy the person has been to, and others; FINESS numbers no other test uses. */
  private static final String PHARMACY = "750021901";

  private static final String PHYSICIANS_CLINIC = "750021902";
  private static final String WITHHELD_PHARMACY = "750021903";
  private static final String WITHDRAWN_PHARMACY = "750021904";
  private static final String UNKNOWN_PHARMACY = "750021905";

  private CarnetServer carnet;
  private Api api;
  private String gp;
  private String pharmacist;
  private String otherPharmacist;
  private String physicianOfThePharmacy;
  private GreenMail mail;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional", Map.of("rpps", "10888888811"));
    this.pharmacist = pharmacist("21888888811", PHARMACY);
    this.otherPharmacist = pharmacist("21888888812", UNKNOWN_PHARMACY);
    // A physician whose token carries the pharmacy's FINESS: not a pharmacist.
    this.physicianOfThePharmacy =
        carnet.token(
            "professional", Map.of("rpps", "10888888813", "profession", "10", "finess", PHARMACY));
    mail = new GreenMail(new ServerSetup(CarnetServer.smtpPort(), "127.0.0.1", "smtp"));
    mail.start();
  }

  @AfterAll
  void stopMail() {
    mail.stop();
  }

  private String pharmacist(String rpps, String finess) {
    return carnet.token(
        "professional",
        Map.of("rpps", rpps, "profession", "21", "finess", finess, "specialty", "pharmacy"));
  }

  /** A person with an open record and an email address. */
  private final class Person {
    final String nir = People.newNir();
    final String email = "pharmacy-" + UUID.randomUUID() + "@example.org";
    final String id;
    final String patient;

    Person() {
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
                  + "\"},\"open\":true}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      id = created.json().getString("id");
      patient = carnet.token("patient", Map.of("ins", nir));
    }

    /** A document pushed by the professional; its id. */
    String push(String token, String loinc, boolean withheld) {
      Api.Reply pushed =
          api.post(
              "/api/v1/documents",
              token,
              Documents.push(
                  Documents.uniqueId(),
                  nir,
                  "http://loinc.org",
                  loinc,
                  "2026-11-20T09:30:00Z",
                  "application/pdf",
                  Documents.pdf(300),
                  withheld));
      assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
      return pushed.json().getString("id");
    }

    Api.Reply sendsToPharmacy(String token, String finess, String prescription) {
      return api.post(
          CONVERSATIONS,
          token,
          "{\"recordId\":\""
              + id
              + "\",\"pharmacy\":{\"finess\":\""
              + finess
              + "\"},\"subject\":\"Mon ordonnance\",\"body\":\"Bonjour, pouvez-vous la préparer ?\""
              + (prescription == null
                  ? ""
                  : ",\"prescription\":{\"documentId\":\"" + prescription + "\"}")
              + "}");
    }

    List<JsonObject> conversations() {
      Api.Reply listed = api.get(CONVERSATIONS + "?record=" + id, patient);
      assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
      return array(listed.body());
    }

    List<String> traces(String outcome) {
      Api.Reply traces =
          api.get(
              "/api/v1/audit/traces?limit=200&outcome=" + outcome + "&record=" + id,
              carnet.token("auditor"));
      assertThat(traces.status()).as(traces.toString()).isEqualTo(200);
      return traces.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
          .map(t -> t.getString("action") + ":" + t.getString("reason"))
          .toList();
    }
  }

  @Test
  void thePatientSendsAPrescriptionToAPharmacyTheyHaveBeenToAndToNoOther() {
    Person person = new Person();
    String prescription = person.push(gp, PRESCRIPTION_LOINC, false);

    // Never been there: refused, traced, nothing stored.
    Api.Reply never = person.sendsToPharmacy(person.patient, PHARMACY, prescription);
    assertThat(never.status()).as(never.toString()).isEqualTo(403);
    assertThat(never.code()).isEqualTo("PHARMACY_NOT_VISITED");

    // What does not show a visit: a physician's document under a FINESS, a pharmacist's document
    // withheld from the patient, one withdrawn.
    person.push(
        carnet.token(
            "professional",
            Map.of("rpps", "10888888814", "profession", "10", "finess", PHYSICIANS_CLINIC)),
        PRESCRIPTION_LOINC,
        false);
    person.push(pharmacist("21888888815", WITHHELD_PHARMACY), PRESCRIPTION_LOINC, true);
    String withdrawnPharmacist = pharmacist("21888888816", WITHDRAWN_PHARMACY);
    String withdrawn = person.push(withdrawnPharmacist, PRESCRIPTION_LOINC, false);
    assertThat(
            api.send(
                    "DELETE",
                    "/api/v1/records/" + person.id + "/documents/" + withdrawn,
                    withdrawnPharmacist,
                    null,
                    null)
                .status())
        .isIn(200, 204);
    for (String finess : List.of(PHYSICIANS_CLINIC, WITHHELD_PHARMACY, WITHDRAWN_PHARMACY)) {
      Api.Reply refused = person.sendsToPharmacy(person.patient, finess, prescription);
      assertThat(refused.status()).as(finess + " " + refused).isEqualTo(403);
      assertThat(refused.code()).isEqualTo("PHARMACY_NOT_VISITED");
    }

    // The pharmacist of the pharmacy files a dispensation: the person has been there.
    person.push(pharmacist, PRESCRIPTION_LOINC, false);

    // Bad input, nothing stored: no prescription, a lab report, another record's document, a
    // FINESS that is not one, a proxy-less agent.
    Api.Reply none = person.sendsToPharmacy(person.patient, PHARMACY, null);
    assertThat(none.status()).as(none.toString()).isEqualTo(400);
    assertThat(none.code()).isEqualTo("PRESCRIPTION_REQUIRED");
    String lab = person.push(gp, LAB_LOINC, false);
    Api.Reply notAPrescription = person.sendsToPharmacy(person.patient, PHARMACY, lab);
    assertThat(notAPrescription.status()).as(notAPrescription.toString()).isEqualTo(400);
    assertThat(notAPrescription.code()).isEqualTo("PRESCRIPTION_REQUIRED");
    Person other = new Person();
    String othersPrescription = other.push(gp, PRESCRIPTION_LOINC, false);
    Api.Reply notTheirs = person.sendsToPharmacy(person.patient, PHARMACY, othersPrescription);
    assertThat(notTheirs.status()).as(notTheirs.toString()).isEqualTo(404);
    assertThat(notTheirs.code()).isEqualTo("DOCUMENT_NOT_FOUND");
    Api.Reply badFiness = person.sendsToPharmacy(person.patient, "75002190", prescription);
    assertThat(badFiness.status()).as(badFiness.toString()).isEqualTo(400);
    assertThat(badFiness.code()).isEqualTo("VALIDATION_FAILED");
    // Someone else's record: absent.
    Api.Reply stranger = person.sendsToPharmacy(other.patient, PHARMACY, prescription);
    assertThat(stranger.status()).as(stranger.toString()).isEqualTo(404);
    Api.Reply agent = person.sendsToPharmacy(carnet.token("agent"), PHARMACY, prescription);
    assertThat(agent.status()).as(agent.toString()).isEqualTo(403);
    assertThat(person.conversations()).isEmpty();

    // Sent: the prescription copied as the attachment, the pharmacy as the counterpart.
    Api.Reply sent = person.sendsToPharmacy(person.patient, PHARMACY, prescription);
    assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    JsonObject conversation = sent.json();
    String id = conversation.getString("id");
    assertThat(conversation.getString("pharmacyFiness")).isEqualTo(PHARMACY);
    // No professional: the key is absent (JSON-B leaves nulls out) or null.
    assertThat(conversation.getOrDefault("professionalRpps", JsonValue.NULL))
        .isEqualTo(JsonValue.NULL);
    JsonObject first = conversation.getJsonArray("messages").getJsonObject(0);
    assertThat(first.getString("from")).isEqualTo("PATIENT");
    JsonObject attachment = first.getJsonArray("attachments").getJsonObject(0);
    String documentHash =
        api.get("/api/v1/records/" + person.id + "/documents/" + prescription, person.patient)
            .json()
            .getString("hash");
    assertThat(attachment.getString("hash")).isEqualTo(documentHash);
    assertThat(attachment.getString("contentType")).isEqualTo("application/pdf");

    // The pharmacy's pharmacist finds it in the inbox; another pharmacy's does not.
    assertThat(inboxIds(pharmacist)).contains(id);
    assertThat(inboxIds(otherPharmacist)).doesNotContain(id);
    Api.Reply notPharmacist = api.get(INBOX, physicianOfThePharmacy);
    assertThat(notPharmacist.status()).as(notPharmacist.toString()).isEqualTo(403);
    assertThat(api.get(INBOX, person.patient).status()).isEqualTo(403);

    // Only the pharmacy's pharmacists read it; staff never.
    for (String token : List.of(otherPharmacist, physicianOfThePharmacy, gp)) {
      Api.Reply read = api.get(CONVERSATIONS + "/" + id, token);
      assertThat(read.status()).as(read.toString()).isEqualTo(404);
    }
    for (String token :
        List.of(carnet.token("agent"), carnet.token("auditor"), carnet.token("admin"))) {
      assertThat(api.get(CONVERSATIONS + "/" + id, token).status()).isEqualTo(403);
    }
    Api.Reply read = api.get(CONVERSATIONS + "/" + id, pharmacist);
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    Api.Reply reply =
        api.post(
            CONVERSATIONS + "/" + id + "/messages",
            pharmacist,
            "{\"body\":\"Elle sera prête demain.\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);

    // The patient reads the reply: the pharmacist sees the receipt.
    assertThat(api.get(CONVERSATIONS + "/" + id, person.patient).status()).isEqualTo(200);
    JsonObject seen =
        api.get(CONVERSATIONS + "/" + id, pharmacist).json().getJsonArray("messages").stream()
            .map(JsonObject.class::cast)
            .filter(m -> m.getString("from").equals("PROFESSIONAL"))
            .findFirst()
            .orElseThrow();
    assertThat(seen.isNull("readAt")).isFalse();

    // The patient's history names the pharmacy: their message, the pharmacist's read.
    Api.Reply history =
        api.get("/api/v1/records/" + person.id + "/access-history?limit=100", person.patient);
    assertThat(history.status()).as(history.toString()).isEqualTo(200);
    List<JsonObject> entries = history.json().getJsonArray("items").getValuesAs(JsonObject.class);
    assertThat(entries)
        .anySatisfy(
            e -> {
              assertThat(e.getString("action")).isEqualTo("MESSAGE_SEND");
              assertThat(e.getString("outcome")).isEqualTo("PERMIT");
              assertThat(e.getString("summary")).contains("pharmacie FINESS " + PHARMACY);
            });
    List<JsonObject> pharmacistReads =
        entries.stream()
            .filter(e -> e.getString("action").equals("MESSAGE_READ"))
            .filter(e -> e.getString("outcome").equals("PERMIT"))
            .filter(e -> e.getJsonObject("actor").getString("role").equals("PROFESSIONAL"))
            .toList();
    assertThat(pharmacistReads)
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.getJsonObject("actor").getString("finess")).isEqualTo(PHARMACY);
              assertThat(e.getJsonObject("actor").getString("profession")).isEqualTo("21");
            });

    // The patient blocks the pharmacy: it finds the record absent, its inbox loses the
    // conversation, and the patient may no longer write to it.
    Api.Reply blocked =
        api.send(
            "PUT",
            "/api/v1/records/" + person.id + "/blocks/organisations/" + PHARMACY,
            person.patient,
            null,
            null);
    assertThat(blocked.status()).as(blocked.toString()).isIn(200, 201, 204);
    Api.Reply walled = api.get(CONVERSATIONS + "/" + id, pharmacist);
    assertThat(walled.status()).as(walled.toString()).isEqualTo(404);
    assertThat(walled.code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(inboxIds(pharmacist)).doesNotContain(id);
    Api.Reply toBlocked = person.sendsToPharmacy(person.patient, PHARMACY, prescription);
    assertThat(toBlocked.status()).as(toBlocked.toString()).isEqualTo(403);
    assertThat(toBlocked.code()).isEqualTo("PHARMACY_BLOCKED");
    assertThat(person.conversations()).hasSize(1);

    assertThat(person.traces("DENY"))
        .contains(
            "MESSAGE_SEND:PHARMACY_NOT_VISITED",
            "MESSAGE_SEND:PRESCRIPTION_REQUIRED",
            "MESSAGE_SEND:NOT_A_PRESCRIPTION",
            "MESSAGE_SEND:PRESCRIPTION_NOT_FOUND",
            "MESSAGE_READ:NOT_A_PHARMACIST",
            "MESSAGE_READ:NOT_A_PARTICIPANT",
            "MESSAGE_READ:ROLE_NOT_ALLOWED",
            "MESSAGE_READ:ORGANISATION_BLOCKED_BY_PATIENT",
            "MESSAGE_SEND:PHARMACY_BLOCKED_BY_PATIENT");
    assertThat(person.traces("PERMIT")).contains("MESSAGE_SEND:OWN_RECORD");
  }

  @Test
  void aWithheldPrescriptionIsAbsentAndAnOpposedRecordSendsNone() {
    Person person = new Person();
    person.push(pharmacist, PRESCRIPTION_LOINC, false);
    String withheld = person.push(gp, PRESCRIPTION_LOINC, true);
    Api.Reply refused = person.sendsToPharmacy(person.patient, PHARMACY, withheld);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
    assertThat(refused.code()).isEqualTo("DOCUMENT_NOT_FOUND");
    assertThat(person.traces("DENY")).contains("MESSAGE_SEND:WITHHELD_FROM_PATIENT");

    String prescription = person.push(gp, PRESCRIPTION_LOINC, false);
    Api.Reply opposed =
        api.post("/api/v1/records/" + person.id + "/opposition", person.patient, "{}");
    assertThat(opposed.status()).as(opposed.toString()).isBetween(200, 204);
    Api.Reply closed = person.sendsToPharmacy(person.patient, PHARMACY, prescription);
    assertThat(closed.status()).as(closed.toString()).isEqualTo(409);
    assertThat(closed.code()).isEqualTo("RECORD_NOT_AVAILABLE");
    assertThat(person.conversations()).isEmpty();
  }

  @Test
  void aMessagesNotificationReachesThePatientByMailWithoutSenderSubjectOrWords() throws Exception {
    Person person = new Person();
    String secretSubject = "Résultat-" + People.letters(8);
    String secretWords = "Mots-" + People.letters(8);
    Api.Reply started =
        api.post(
            CONVERSATIONS,
            gp,
            "{\"patient\":{\"ins\":"
                + People.ins(person.nir)
                + ",\"traits\":"
                + People.marie()
                + "},\"subject\":\""
                + secretSubject
                + "\",\"body\":\""
                + secretWords
                + "\"}");
    assertThat(started.status()).as(started.toString()).isEqualTo(201);

    await(
        () -> to(person.email).stream().anyMatch(m -> text(m).contains("nouveau message")),
        "the message's notification by mail");
    MimeMessage told =
        to(person.email).stream()
            .filter(m -> text(m).contains("nouveau message"))
            .findFirst()
            .orElseThrow();
    assertThat(text(told))
        .contains("1 nouveau message vous attend dans la messagerie de votre espace Carnet.")
        .doesNotContain(secretSubject)
        .doesNotContain(secretWords)
        .doesNotContain("10888888811")
        .doesNotContain(person.nir);
    assertThat(told.getSubject()).doesNotContain(secretSubject);
    assertThat(told.getFrom()[0].toString()).doesNotContain("10888888811");
  }

  @Test
  void theRetentionJobDeletesAConversationPastItsRetentionAndKeepsTheOthers() throws Exception {
    Person person = new Person();
    person.push(pharmacist, PRESCRIPTION_LOINC, false);
    String prescription = person.push(gp, PRESCRIPTION_LOINC, false);
    Api.Reply old = person.sendsToPharmacy(person.patient, PHARMACY, prescription);
    assertThat(old.status()).as(old.toString()).isEqualTo(201);
    Api.Reply recent = person.sendsToPharmacy(person.patient, PHARMACY, prescription);
    assertThat(recent.status()).as(recent.toString()).isEqualTo(201);
    String expired = old.json().getString("id");
    // Its messages eleven years old: past V41's messaging_retention (3650 days), which looks at
    // the messages themselves as well as the conversation's last message.
    try (Connection superuser = carnet.server().database().superuserConnection();
        PreparedStatement messages =
            superuser.prepareStatement(
                "update conversation_message set sent_at = now() - interval '4020 days'"
                    + " where conversation_id = ?::uuid");
        PreparedStatement backdate =
            superuser.prepareStatement(
                "update conversation set last_message_at = now() - interval '4020 days'"
                    + " where id = ?::uuid")) {
      messages.setString(1, expired);
      assertThat(messages.executeUpdate()).isEqualTo(1);
      backdate.setString(1, expired);
      assertThat(backdate.executeUpdate()).isEqualTo(1);
    }
    // The job runs every two seconds in the tests (CarnetServer), on the server's own schedule.
    await(() -> !exists(expired), "the expired conversation deleted by the job");
    assertThat(api.get(CONVERSATIONS + "/" + expired, person.patient).status()).isEqualTo(404);
    assertThat(person.conversations())
        .extracting(c -> c.getString("id"))
        .containsExactly(recent.json().getString("id"));
    assertThat(countMessages(expired)).isZero();
  }

  @Test
  void oneRecordStartsAtMostThreeConversationsADayWithOnePharmacy() {
    Person person = new Person();
    person.push(pharmacist, PRESCRIPTION_LOINC, false);
    String prescription = person.push(gp, PRESCRIPTION_LOINC, false);
    // carnet.messaging.max-pharmacy-conversations-per-day (3): the inbox lists the newest, and one
    // patient must not push every other patient's prescription out of it.
    for (int i = 0; i < 3; i++) {
      Api.Reply sent = person.sendsToPharmacy(person.patient, PHARMACY, prescription);
      assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }
    Api.Reply fourth = person.sendsToPharmacy(person.patient, PHARMACY, prescription);

    assertThat(fourth.status()).as(fourth.toString()).isEqualTo(429);
    assertThat(fourth.code()).isEqualTo("MESSAGE_QUOTA_REACHED");
    assertThat(person.conversations()).hasSize(3);
  }

  @Test
  void theDatabaseKeepsExactlyOneCounterpartPerConversation() throws Exception {
    Person person = new Person();
    Map<String, String> env = carnet.server().database().environment();
    try (Connection application =
        DriverManager.getConnection(
            env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"))) {
      // Both a professional and a pharmacy, or neither: the check of V38 refuses, whoever writes.
      for (String counterpart : List.of("'10888888811', '750021901'", "null, null")) {
        try (PreparedStatement insert =
            application.prepareStatement(
                "insert into conversation (id, record_id, professional_rpps, organisation_finess,"
                    + " subject, started_by, started_at, last_message_at) values"
                    + " (gen_random_uuid(), ?::uuid, "
                    + counterpart
                    + ", 'x', 'PATIENT', now(), now())")) {
          insert.setString(1, person.id);
          assertThatThrownBy(insert::executeUpdate)
              .as(counterpart)
              .isInstanceOfSatisfying(
                  SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23514"));
        }
      }
    }
    assertThat(person.conversations()).isEmpty();
  }

  // ---- Helpers ---------------------------------------------------------------------------------

  private static List<JsonObject> array(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readArray().getValuesAs(JsonObject.class);
    }
  }

  private List<String> inboxIds(String token) {
    Api.Reply inbox = api.get(INBOX, token);
    assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
    return array(inbox.body()).stream().map(c -> c.getString("id")).toList();
  }

  private boolean exists(String conversation) {
    return count("select count(*) from conversation where id = ?::uuid", conversation) > 0;
  }

  private long countMessages(String conversation) {
    return count(
        "select count(*) from conversation_message where conversation_id = ?::uuid", conversation);
  }

  private long count(String sql, String id) {
    try (Connection superuser = carnet.server().database().superuserConnection();
        PreparedStatement query = superuser.prepareStatement(sql)) {
      query.setString(1, id);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<MimeMessage> to(String recipient) {
    List<MimeMessage> messages = new ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      try {
        if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
          messages.add(message);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return messages;
  }

  /** The message's text, decoded (it travels quoted-printable). */
  private static String text(MimeMessage message) {
    try {
      return (String) message.getContent();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(250);
    }
  }
}
