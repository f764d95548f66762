package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The secure messaging (issue 21, item 1) over real HTTP with real tokens: who starts, replies,
 * reads and files, refusals included, each traced; the read receipt; an attachment filed into the
 * record as a PATIENT document.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagingE2EIT {

  private static final String CONVERSATIONS = "/api/v1/conversations";
  private static final String GP_RPPS = "10888888801";
  private static final String STRANGER_RPPS = "10888888802";
  private static final String PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

  private CarnetServer carnet;
  private Api api;
  private String gp;
  private String stranger;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional", Map.of("rpps", GP_RPPS));
    this.stranger = carnet.token("professional", Map.of("rpps", STRANGER_RPPS));
  }

  /** A person with an open record. */
  private final class Person {
    final String nir = People.newNir();
    final String traits = People.marie();
    final String id;
    final String patient;

    Person() {
      assertThat(
              api.post(
                      "/api/v1/records",
                      carnet.token("admin"),
                      People.createBody(nir, traits, true))
                  .status())
          .isEqualTo(201);
      patient = carnet.token("patient", Map.of("ins", nir));
      id = api.get("/api/v1/records/mine", patient).json().getString("id");
    }

    Api.Reply professionalStarts(String token, String traitsGiven, String attachment) {
      return api.post(
          CONVERSATIONS,
          token,
          "{\"patient\":{\"ins\":"
              + People.ins(nir)
              + ",\"traits\":"
              + traitsGiven
              + "},\"subject\":\"Vos résultats\",\"body\":\"Bonjour, voici vos résultats.\""
              + (attachment == null ? "" : ",\"attachments\":[" + attachment + "]")
              + "}");
    }

    Api.Reply patientStarts(String token, String rpps) {
      return api.post(
          CONVERSATIONS,
          token,
          "{\"recordId\":\""
              + id
              + "\",\"professional\":{\"rpps\":\""
              + rpps
              + "\"},\"subject\":\"Question\",\"body\":\"Bonjour docteur.\"}");
    }

    List<String> refusals() {
      Api.Reply traces =
          api.get(
              "/api/v1/audit/traces?limit=200&outcome=DENY&record=" + id, carnet.token("auditor"));
      assertThat(traces.status()).as(traces.toString()).isEqualTo(200);
      return traces.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
          .map(t -> t.getString("action") + ":" + t.getString("reason"))
          .toList();
    }
  }

  private static String pdfAttachment() {
    return "{\"fileName\":\"resultats.pdf\",\"contentType\":\"application/pdf\",\"content\":\""
        + Base64.getEncoder().encodeToString(PDF.getBytes())
        + "\"}";
  }

  @Test
  void theAuthorisationTable() {
    Person person = new Person();
    // A patient writes first to a professional who never wrote: refused and traced.
    Api.Reply unknown = person.patientStarts(person.patient, STRANGER_RPPS);
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(403);
    assertThat(unknown.code()).isEqualTo("MESSAGING_NOT_ALLOWED");

    // Traits that do not match: never a guess.
    Api.Reply mismatch =
        person.professionalStarts(gp, People.traits("MARTIN", "MARIE CLAIRE"), null);
    assertThat(mismatch.status()).as(mismatch.toString()).isEqualTo(409);
    assertThat(mismatch.code()).isEqualTo("INS_TRAITS_MISMATCH");

    // The professional starts.
    Api.Reply started = person.professionalStarts(gp, person.traits, null);
    assertThat(started.status()).as(started.toString()).isEqualTo(201);
    String conversation = started.json().getString("id");

    // Agents, auditors, another professional, another patient: no such conversation for them.
    for (String token :
        List.of(
            carnet.token("agent"),
            carnet.token("auditor"),
            carnet.token("admin"),
            stranger,
            new Person().patient)) {
      Api.Reply read = api.get(CONVERSATIONS + "/" + conversation, token);
      assertThat(read.status()).as(read.toString()).isIn(403, 404);
    }

    // The patient reads (the receipt is set) and replies; then may write first to that GP.
    Api.Reply read = api.get(CONVERSATIONS + "/" + conversation, person.patient);
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    Api.Reply reply =
        api.post(
            CONVERSATIONS + "/" + conversation + "/messages",
            person.patient,
            "{\"body\":\"Merci docteur.\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(person.patientStarts(person.patient, GP_RPPS).status()).isEqualTo(201);

    // The read receipt, for the professional.
    JsonObject seen = api.get(CONVERSATIONS + "/" + conversation, gp).json();
    JsonObject first = seen.getJsonArray("messages").getJsonObject(0);
    assertThat(first.getString("from")).isEqualTo("PROFESSIONAL");
    assertThat(first.isNull("readAt")).isFalse();

    // The patient blocks the GP: their messages are refused, the record absent for them.
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/records/" + person.id + "/blocks/" + GP_RPPS,
                    person.patient,
                    null,
                    null)
                .status())
        .isIn(200, 204);
    Api.Reply blocked =
        api.post(CONVERSATIONS + "/" + conversation + "/messages", gp, "{\"body\":\"Encore\"}");
    assertThat(blocked.status()).as(blocked.toString()).isEqualTo(404);
    assertThat(person.professionalStarts(gp, person.traits, null).status()).isEqualTo(404);

    assertThat(person.refusals())
        .contains(
            "MESSAGE_SEND:PROFESSIONAL_NEVER_WROTE",
            "MESSAGE_SEND:INS_TRAITS_MISMATCH",
            "MESSAGE_READ:ROLE_NOT_ALLOWED",
            "MESSAGE_READ:NOT_A_PARTICIPANT",
            "MESSAGE_SEND:BLOCKED_BY_PATIENT");
  }

  @Test
  void anOpposedRecordReceivesNone() {
    Person person = new Person();
    Api.Reply opposed =
        api.post("/api/v1/records/" + person.id + "/opposition", person.patient, "{}");
    assertThat(opposed.status()).as(opposed.toString()).isBetween(200, 204);
    Api.Reply refused = person.professionalStarts(gp, person.traits, null);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("RECORD_NOT_AVAILABLE");
  }

  @Test
  void aConversationKeptFromTheRepresentativesIsRefusedAndNothingIsStored() {
    Person person = new Person();
    Api.Reply refused =
        api.post(
            CONVERSATIONS,
            gp,
            "{\"patient\":{\"ins\":"
                + People.ins(person.nir)
                + ",\"traits\":"
                + person.traits
                + "},\"subject\":\"Secret\",\"hiddenFromRepresentatives\":true,"
                + "\"body\":\"Bonjour.\"}");
    // A parent would read its traces, its notification and the fact that the doctor wrote.
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.code()).isEqualTo("MESSAGE_SECRET_UNSUPPORTED");
    // Nothing stored: the person's list answers, and it is empty (not merely without the word).
    Api.Reply listed = api.get(CONVERSATIONS + "?record=" + person.id, person.patient);
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    assertThat(listed.body().strip()).isEqualTo("[]");
  }

  @Test
  void messagesGoWithTheRecordsContentAndTheApplicationsRoleDeletesNoneDirectly() throws Exception {
    Person person = new Person();
    Api.Reply started = person.professionalStarts(gp, person.traits, pdfAttachment());
    assertThat(started.status()).as(started.toString()).isEqualTo(201);
    String conversation = started.json().getString("id");
    Map<String, String> env = carnet.server().database().environment();
    try (Connection application =
        DriverManager.getConnection(
            env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"))) {
      for (String delete :
          List.of(
              "delete from conversation where id = ?::uuid",
              "delete from conversation_message where conversation_id = ?::uuid")) {
        try (PreparedStatement statement = application.prepareStatement(delete)) {
          statement.setString(1, conversation);
          assertThatThrownBy(statement::executeUpdate)
              .as(delete)
              .isInstanceOfSatisfying(
                  SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
      }
      assertThat(api.get(CONVERSATIONS + "/" + conversation, person.patient).status())
          .isEqualTo(200);
      // What an opposition that deletes the data runs (carnet.lifecycle.opposition-data=DELETE):
      // no message of the record may survive it and come back with a withdrawal.
      try (PreparedStatement erase =
          application.prepareStatement("select erase_record_content(?::uuid)")) {
        erase.setString(1, person.id);
        erase.execute();
      }
    }
    assertThat(api.get(CONVERSATIONS + "/" + conversation, person.patient).status()).isEqualTo(404);
    assertThat(api.get(CONVERSATIONS + "/" + conversation, gp).status()).isEqualTo(404);
  }

  @Test
  void thePatientFilesAnAttachmentIntoTheRecord() {
    Person person = new Person();
    Api.Reply started = person.professionalStarts(gp, person.traits, pdfAttachment());
    assertThat(started.status()).as(started.toString()).isEqualTo(201);
    JsonObject message = started.json().getJsonArray("messages").getJsonObject(0);
    String attachment = message.getJsonArray("attachments").getJsonObject(0).getString("id");
    String path =
        CONVERSATIONS
            + "/"
            + started.json().getString("id")
            + "/attachments/"
            + attachment
            + "/filing";
    // The professional does not file into the record; the patient does, in one action.
    assertThat(api.post(path, gp, "").status()).isEqualTo(403);
    Api.Reply filed = api.post(path, person.patient, "");
    assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
    assertThat(filed.json().getString("class")).isEqualTo("PATIENT");
    Api.Reply document =
        api.get(
            "/api/v1/records/" + person.id + "/documents/" + filed.json().getString("documentId"),
            person.patient);
    assertThat(document.status()).as(document.toString()).isEqualTo(200);
    assertThat(document.json().getString("title")).contains("RPPS " + GP_RPPS);
  }

  @Test
  void anAttachmentThatIsNotWhatItSaysIsRefused() {
    Person person = new Person();
    Api.Reply refused =
        person.professionalStarts(
            gp,
            person.traits,
            "{\"fileName\":\"x.pdf\",\"contentType\":\"application/pdf\",\"content\":\""
                + Base64.getEncoder().encodeToString("not a pdf".getBytes())
                + "\"}");
    assertThat(refused.code()).as(refused.toString()).isEqualTo("UNSUPPORTED_CONTENT");
  }
}
