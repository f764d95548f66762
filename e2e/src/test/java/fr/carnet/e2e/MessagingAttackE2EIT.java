package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * r21's attacker review of the secure messaging: each test asserts what a secure messaging would
 * do, so that each failure is a hole reproduced (the assertion message says what was observed).
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagingAttackE2EIT {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(MessagingAttackE2EIT.class.getName());

  private static final String CONVERSATIONS = "/api/v1/conversations";
  private static final String GP_RPPS = "10888888811";

  private CarnetServer carnet;
  private Api api;
  private String gp;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional", Map.of("rpps", GP_RPPS));
  }

  private final class Person {
    final String nir;
    final String traits;
    final String id;
    final String patient;

    Person() {
      this(People.newNir(), People.marie());
    }

    Person(String nir, String traits) {
      this.nir = nir;
      this.traits = traits;
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

    String conversationFromGp() {
      Api.Reply started =
          api.post(
              CONVERSATIONS,
              gp,
              "{\"patient\":{\"ins\":"
                  + People.ins(nir)
                  + ",\"traits\":"
                  + traits
                  + "},\"subject\":\"Vos résultats\",\"body\":\"Bonjour, voici vos résultats.\"}");
      assertThat(started.status()).as(started.toString()).isEqualTo(201);
      return started.json().getString("id");
    }
  }

  private Connection applicationRole() throws Exception {
    Map<String, String> env = carnet.server().database().environment();
    return DriverManager.getConnection(
        env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
  }

  /**
   * MS31 (was a hole: purge_expired_conversations trusted its cutoff, and last_message_at was
   * updatable). As the application's role: no column to age a conversation, no cutoff to name, no
   * retention to shorten; the function it may call deletes no live conversation.
   */
  @Test
  void theApplicationsRoleCannotDeleteALiveConversationThroughTheRetentionFunction()
      throws Exception {
    Person target = new Person();
    String targeted = target.conversationFromGp();
    List<String> refused = new ArrayList<>();
    int purged;
    try (Connection application = applicationRole()) {
      for (String attempt :
          List.of(
              "update conversation set last_message_at = '-infinity' where id = '"
                  + targeted
                  + "'::uuid",
              "select purge_expired_conversations('infinity'::timestamptz, 2147483647)",
              "update messaging_retention set retention = interval '0 days'",
              "insert into messaging_retention (only_row, retention) values (false, '0 days')")) {
        try (PreparedStatement statement = application.prepareStatement(attempt)) {
          statement.execute();
          refused.add("ALLOWED: " + attempt);
        } catch (java.sql.SQLException e) {
          // 42501: permission denied; 42883: no such function (the old signature is dropped).
          refused.add(e.getSQLState());
        }
      }
      try (PreparedStatement purge =
              application.prepareStatement("select purge_expired_conversations(2147483647)");
          ResultSet rows = purge.executeQuery()) {
        rows.next();
        purged = rows.getInt(1);
      }
    }
    assertThat(refused).containsExactly("42501", "42883", "42501", "42501");
    assertThat(api.get(CONVERSATIONS + "/" + targeted, target.patient).status())
        .as("a live conversation after the job's call (purged %d)", purged)
        .isEqualTo(200);
  }

  /** Hole: a patient, agent, auditor or admin probes INS and traits through a first message. */
  @Test
  void nobodyButAProfessionalLearnsWhetherAnInsAndTraitsMatchARecord() {
    Person victim = new Person();
    Person attacker = new Person();
    String wrongTraits = People.traits("MARTIN", "MARIE CLAIRE");
    List<String> observed = new ArrayList<>();
    for (String token :
        List.of(
            attacker.patient,
            carnet.token("agent"),
            carnet.token("auditor"),
            carnet.token("admin"))) {
      List<String> answers = new ArrayList<>();
      for (String[] named :
          List.of(
              new String[] {People.ins(People.newNir()), victim.traits},
              new String[] {People.ins(victim.nir), wrongTraits},
              new String[] {People.ins(victim.nir), victim.traits})) {
        Api.Reply reply =
            api.post(
                CONVERSATIONS,
                token,
                "{\"patient\":{\"ins\":"
                    + named[0]
                    + ",\"traits\":"
                    + named[1]
                    + "},\"subject\":\"x\",\"body\":\"x\"}");
        answers.add(reply.status() + " " + reply.code());
      }
      observed.add(String.join(" | ", answers));
    }
    // Unknown INS | wrong traits | right traits: all three must be the same answer.
    assertThat(observed)
        .as("unknown INS | wrong traits | right traits, per role (patient, agent, auditor, admin)")
        .allSatisfy(line -> assertThat(line.split(" \\| ")).containsOnly(line.split(" \\| ")[0]));
  }

  /** Hole: the messaging's professional rule checks the state before the block. */
  @Test
  void aBlockedProfessionalLearnsNothingOfTheRecordsState() {
    Person person = new Person();
    String conversation = person.conversationFromGp();
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/records/" + person.id + "/blocks/" + GP_RPPS,
                    person.patient,
                    null,
                    null)
                .status())
        .isIn(200, 204);
    Api.Reply open = api.get(CONVERSATIONS + "/" + conversation, gp);
    Api.Reply opposed =
        api.post("/api/v1/records/" + person.id + "/opposition", person.patient, "{}");
    assertThat(opposed.status()).as(opposed.toString()).isBetween(200, 204);
    Api.Reply afterOpposition = api.get(CONVERSATIONS + "/" + conversation, gp);
    Api.Reply replyAfter =
        api.post(CONVERSATIONS + "/" + conversation + "/messages", gp, "{\"body\":\"x\"}");
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(afterOpposition.status() + " " + afterOpposition.code())
        .as("read by the blocked GP, record opposed (open: " + open + ")")
        .isEqualTo(open.status() + " " + open.code());
    soft.assertThat(replyAfter.status() + " " + replyAfter.code())
        .as("reply by the blocked GP, record opposed")
        .isEqualTo(open.status() + " " + open.code());
    soft.assertAll();
  }

  /** Hole: bad input reaches PostgreSQL or a null dereference: 500, not 400. */
  @Test
  void badInputIsA400NeverA500() {
    Person person = new Person();
    String conversation = person.conversationFromGp();
    SoftAssertions soft = new SoftAssertions();
    Map<String, String> bodies =
        Map.of(
            "NUL in body",
            "{\"body\":\"a\\u0000b\"}",
            "null attachment",
            "{\"body\":\"ok\",\"attachments\":[null]}",
            "NUL in fileName",
            "{\"body\":\"ok\",\"attachments\":[{\"fileName\":\"a\\u0000.pdf\","
                + "\"contentType\":\"application/pdf\",\"content\":\"JVBERi0xLjQK\"}]}");
    for (Map.Entry<String, String> e : bodies.entrySet()) {
      Api.Reply reply =
          api.post(CONVERSATIONS + "/" + conversation + "/messages", person.patient, e.getValue());
      soft.assertThat(reply.status() + " " + reply.code())
          .as(e.getKey() + ": " + reply)
          .isEqualTo("400 VALIDATION_FAILED");
    }
    // Nothing stored: the conversation still holds its first message only.
    soft.assertThat(
            api.get(CONVERSATIONS + "/" + conversation, person.patient)
                .json()
                .getJsonArray("messages")
                .size())
        .as("messages after the refused ones")
        .isEqualTo(1);
    Api.Reply subject =
        api.post(
            CONVERSATIONS,
            gp,
            "{\"patient\":{\"ins\":"
                + People.ins(person.nir)
                + ",\"traits\":"
                + person.traits
                + "},\"subject\":\"a\\u0000b\",\"body\":\"x\"}");
    soft.assertThat(subject.status() + " " + subject.code())
        .as("NUL in subject: " + subject)
        .isEqualTo("400 VALIDATION_FAILED");
    soft.assertAll();
  }

  /** Hole: a reply answers the whole conversation: read without MESSAGE_READ nor receipt. */
  @Test
  void aReplyDoesNotReadTheConversationBehindTheReceiptAndTheTrace() {
    Person person = new Person();
    String conversation = person.conversationFromGp();
    Api.Reply reply =
        api.post(
            CONVERSATIONS + "/" + conversation + "/messages",
            person.patient,
            "{\"body\":\"Merci.\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    JsonObject gpMessage = reply.json().getJsonArray("messages").getJsonObject(0);
    JsonObject seenByGp =
        api.get(CONVERSATIONS + "/" + conversation, gp)
            .json()
            .getJsonArray("messages")
            .getJsonObject(0);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(gpMessage.getString("body"))
        .as("the reply's answer carries the professional's words")
        .isNotEqualTo("Bonjour, voici vos résultats.");
    soft.assertThat(reply.json().getJsonArray("messages").size())
        .as("the reply's answer is its own message only")
        .isEqualTo(1);
    // MS35: nothing was read, so no receipt is claimed (the patient never opened the conversation).
    soft.assertThat(!seenByGp.containsKey("readAt") || seenByGp.isNull("readAt"))
        .as("the GP's message, never read by the patient, has no receipt")
        .isTrue();
    soft.assertAll();
  }

  /** Hole: a conversation's messages are all loaded and answered, however many. */
  @Test
  void aConversationIsReadAPageAtATime() throws Exception {
    Person person = new Person();
    String conversation = person.conversationFromGp();
    int messages = Integer.getInteger("r21.messages", 1000);
    String body = "x".repeat(20_000);
    try (Connection application = applicationRole();
        PreparedStatement insert =
            application.prepareStatement(
                "insert into conversation_message (id, conversation_id, sent_at, sender_side,"
                    + " sender_subject, body) select gen_random_uuid(), ?::uuid,"
                    + " now() + g * interval '1 millisecond', 'PATIENT', 'p', ? from"
                    + " generate_series(1, ?) g")) {
      // As many as a patient (or a script with their token) may post: no quota, no rate.
      insert.setString(1, conversation);
      insert.setString(2, body);
      insert.setInt(3, messages);
      insert.executeUpdate();
    }
    long started = System.nanoTime();
    Api.Reply read = api.get(CONVERSATIONS + "/" + conversation, gp);
    long readMillis = (System.nanoTime() - started) / 1_000_000;
    started = System.nanoTime();
    Api.Reply reply =
        api.post(
            CONVERSATIONS + "/" + conversation + "/messages", person.patient, "{\"body\":\"y\"}");
    long replyMillis = (System.nanoTime() - started) / 1_000_000;
    LOG.info(
        String.format(
            "r21 figure: %d messages of 20,000 chars: GET %d ms, %d bytes; POST reply %d ms, %d"
                + " bytes",
            messages, readMillis, read.body().length(), replyMillis, reply.body().length()));
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(read.json().getJsonArray("messages").size())
        .as("messages in one GET (%d ms, %d bytes)", readMillis, read.body().length())
        .isLessThanOrEqualTo(100);
    soft.assertThat(reply.json().getJsonArray("messages").size())
        .as("messages in one reply's answer (%d ms, %d bytes)", replyMillis, reply.body().length())
        .isEqualTo(1);
    // MS33: the newest 50, then the 50 before the oldest shown, by the `before` cursor.
    List<JsonObject> page = read.json().getJsonArray("messages").getValuesAs(JsonObject.class);
    soft.assertThat(page).hasSize(50);
    String oldest = page.get(0).getString("sentAt");
    List<JsonObject> previous =
        api.get(CONVERSATIONS + "/" + conversation + "?before=" + oldest, gp)
            .json()
            .getJsonArray("messages")
            .getValuesAs(JsonObject.class);
    soft.assertThat(previous).hasSize(50);
    soft.assertThat(previous)
        .allSatisfy(
            m ->
                assertThat(java.time.Instant.parse(m.getString("sentAt")))
                    .isBefore(java.time.Instant.parse(oldest)));
    soft.assertThat(api.get(CONVERSATIONS + "/" + conversation + "?before=yesterday", gp).code())
        .isEqualTo("VALIDATION_FAILED");
    soft.assertAll();
  }

  /** MS34: one sender writes at most carnet.messaging.max-messages-per-day in a conversation. */
  @Test
  void aSenderWritesAtMostTheDailyCapInAConversation() throws Exception {
    Person person = new Person();
    String conversation = person.conversationFromGp();
    int cap = 50;
    for (int i = 0; i < cap; i++) {
      Api.Reply reply =
          api.post(
              CONVERSATIONS + "/" + conversation + "/messages",
              person.patient,
              "{\"body\":\"m" + i + "\"}");
      assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }
    Api.Reply over =
        api.post(
            CONVERSATIONS + "/" + conversation + "/messages", person.patient, "{\"body\":\"x\"}");
    assertThat(over.status() + " " + over.code()).isEqualTo("429 MESSAGE_QUOTA_REACHED");
    // The other party is not capped by the patient's messages.
    assertThat(
            api.post(CONVERSATIONS + "/" + conversation + "/messages", gp, "{\"body\":\"y\"}")
                .status())
        .isEqualTo(201);
    try (Connection application = applicationRole();
        PreparedStatement count =
            application.prepareStatement(
                "select count(*) from conversation_message where conversation_id = ?::uuid")) {
      count.setString(1, conversation);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        assertThat(rows.getInt(1)).as("the first, the cap, the GP's").isEqualTo(1 + cap + 1);
      }
    }
  }

  /** Hole: a parent writes and reads as the patient; the professional cannot tell them apart. */
  @Test
  void theProfessionalTellsAParentsMessageFromTheMinorsOwn() {
    Person child = new Person(People.newChildNir(), People.child());
    Person parent = new Person();
    Api.Reply asked =
        api.post(
            "/api/v1/records/" + child.id + "/representatives",
            carnet.token("agent", Map.of("sub", "r21-agent-a")),
            "{\"ins\":"
                + People.ins(parent.nir)
                + ",\"traits\":"
                + parent.traits
                + ",\"kind\":\"MINOR\",\"relationship\":\"PARENT\"}");
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    Api.Reply approved =
        api.post(
            "/api/v1/records/"
                + child.id
                + "/representatives/"
                + asked.json().getString("id")
                + "/approval",
            carnet.token("agent", Map.of("sub", "r21-agent-b")),
            "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    String conversation = child.conversationFromGp();
    // The parent reads first (the receipt is set: the GP believes the minor read it), replies.
    assertThat(api.get(CONVERSATIONS + "/" + conversation, parent.patient).status()).isEqualTo(200);
    assertThat(
            api.post(
                    CONVERSATIONS + "/" + conversation + "/messages",
                    parent.patient,
                    "{\"body\":\"Pouvez-vous me redire ?\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            api.post(
                    CONVERSATIONS + "/" + conversation + "/messages",
                    child.patient,
                    "{\"body\":\"Merci.\"}")
                .status())
        .isEqualTo(201);
    List<JsonObject> seen =
        api.get(CONVERSATIONS + "/" + conversation, gp)
            .json()
            .getJsonArray("messages")
            .getValuesAs(JsonObject.class);
    JsonObject byParent = seen.get(1);
    JsonObject byChild = seen.get(2);
    java.util.function.Function<JsonObject, Map<String, Object>> who =
        m -> {
          Map<String, Object> fields = new java.util.TreeMap<>(m);
          fields.keySet().removeAll(List.of("id", "sentAt", "body", "readAt"));
          return fields;
        };
    assertThat(who.apply(byParent))
        .as("what the GP sees of who wrote: parent %s, minor %s", byParent, byChild)
        .isNotEqualTo(who.apply(byChild));
    // MS32: who wrote, as the GP sees it; the parent's reading set no receipt for the minor.
    assertThat(byParent.getString("from")).isEqualTo("REPRESENTATIVE");
    assertThat(byChild.getString("from")).isEqualTo("PATIENT");
    // readAt is left out when null (JSON-B): absent or null, no receipt.
    assertThat(!seen.get(0).containsKey("readAt") || seen.get(0).isNull("readAt"))
        .as("receipt after the parent's read: %s", seen.get(0))
        .isTrue();
  }

  /** MS38: a professional with no conversation of the record is refused the list, traced so. */
  @Test
  void aProfessionalWithNoConversationOfTheRecordIsRefusedTheListAndTracedSo() {
    Person person = new Person();
    person.conversationFromGp();
    String other = carnet.token("professional", Map.of("rpps", "10777777722"));
    Api.Reply listed = api.get(CONVERSATIONS + "?record=" + person.id, other);
    // As a conversation that is not theirs: absent for them (NOT_A_PARTICIPANT in the trace).
    assertThat(listed.status() + " " + listed.code()).isEqualTo("404 CONVERSATION_NOT_FOUND");
    Api.Reply own = api.get(CONVERSATIONS + "?record=" + person.id, gp);
    assertThat(own.status()).isEqualTo(200);
    assertThat(
            jakarta.json.Json.createReader(new java.io.StringReader(own.body())).readArray().size())
        .isEqualTo(1);
    Api.Reply traces =
        api.get(
            "/api/v1/audit/traces?limit=200&outcome=DENY&record=" + person.id,
            carnet.token("auditor"));
    assertThat(
            traces.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("action") + ":" + t.getString("reason"))
                .toList())
        .contains("MESSAGE_READ:NOT_A_PARTICIPANT");
  }
}
