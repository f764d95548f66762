package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Four eyes for staff, over HTTP with real tokens: no single agent or administrator gives anyone a
 * right over a record (a representative) or destroys one (deletion at once). The abuse case first:
 * an agent who registers their own INS as the guardian of a stranger gets nothing until another
 * staff member approves; the person is told; auditors see an approval followed by reads.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FourEyesE2EIT {

  private static final String PUSH = "/api/v1/documents";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private CarnetServer carnet;
  private Api api;
  private String gp;
  private String admin;
  private String agentA;
  private String agentASub;
  private String agentB;
  private GreenMail mailServer;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional", Map.of("rpps", "10181818181"));
    this.admin = carnet.token("admin");
    agentASub = "agent-a-" + People.letters(6).toLowerCase();
    this.agentA = carnet.token("agent", Map.of("sub", agentASub));
    this.agentB =
        carnet.token("agent", Map.of("sub", "agent-b-" + People.letters(6).toLowerCase()));
    mailServer = new GreenMail(new ServerSetup(CarnetServer.smtpPort(), "127.0.0.1", "smtp"));
    mailServer.start();
  }

  @AfterAll
  void stopMail() {
    if (mailServer != null) {
      mailServer.stop();
    }
  }

  /** A person with an open record, a contact to be told at, and a lab report by the GP. */
  private final class Person {
    final String nir;
    final String traits;
    final String id;
    final String patient;
    final String email = "person-" + UUID.randomUUID() + "@example.org";
    final String lab;

    Person() {
      this(People.newNir(), People.marie());
    }

    Person(String nir, String traits) {
      this.nir = nir;
      this.traits = traits;
      Api.Reply created =
          api.post(
              "/api/v1/records",
              admin,
              "{\"ins\":"
                  + People.ins(nir)
                  + ",\"traits\":"
                  + traits
                  + ",\"contact\":{\"email\":\""
                  + email
                  + "\"},\"open\":true}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      id = created.json().getString("id");
      patient = carnet.token("patient", Map.of("ins", nir));
      lab = publish(Documents.about(nir, traits, "11502-2", false));
    }

    String path(String rest) {
      return "/api/v1/records/" + id + rest;
    }
  }

  private String publish(String push) {
    Api.Reply published = api.post(PUSH, gp, push);
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    return published.json().getString("id");
  }

  private static String registration(Person representative, String kind, String court) {
    return "{\"ins\":"
        + People.ins(representative.nir)
        + ",\"traits\":"
        + representative.traits
        + ",\"kind\":\""
        + kind
        + "\",\"relationship\":\""
        + ("MINOR".equals(kind) ? "PARENT" : "GUARDIAN")
        + "\""
        + (court == null ? "" : ",\"courtDecision\":" + court)
        + "}";
  }

  private static final String COURT =
      "{\"court\":\"Tribunal judiciaire de Lyon\",\"date\":\"2026-03-02\","
          + "\"number\":\"RG 26/01234\"}";

  private Api.Reply register(Person person, Person representative, String kind, String token) {
    return api.post(
        person.path("/representatives"),
        token,
        registration(representative, kind, "PROTECTED_ADULT".equals(kind) ? COURT : null));
  }

  private Api.Reply decide(Person person, String representation, String what, String token) {
    return api.post(person.path("/representatives/" + representation + "/" + what), token, "");
  }

  private static JsonArray array(Api.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return Json.createReader(new StringReader(reply.body())).readArray();
  }

  private List<String> represented(String patient) {
    return array(api.get("/api/v1/records/represented", patient))
        .getValuesAs(JsonObject.class)
        .stream()
        .map(r -> r.getString("recordId"))
        .toList();
  }

  // ---- The abuse case ------------------------------------------------------------------------

  @Test
  void anAgentWhoNamesThemselfGuardianOfAStrangerGetsNothingUntilAnotherApproves()
      throws Exception {
    Person stranger = new Person();
    // The agent is insured too: their own INS, their own patient token.
    Person agentAsPerson = new Person();

    Api.Reply asked = register(stranger, agentAsPerson, "PROTECTED_ADULT", agentA);
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    JsonObject pending = asked.json();
    assertThat(pending.getString("status")).isEqualTo("PENDING");
    assertThat(pending.getBoolean("active")).isFalse();
    assertThat(pending.getString("registeredBy")).isEqualTo(agentASub);
    assertThat(pending.getJsonObject("courtDecision").getString("number")).isEqualTo("RG 26/01234");
    assertThat(asked.body()).doesNotContain(agentAsPerson.nir);
    String representation = pending.getString("id");

    // Pending: the agent's patient token is nobody to the stranger's record.
    assertNoRight(stranger, agentAsPerson);

    // Nobody but a second staff member decides; the requester is refused in whatever role.
    String sameAsAdmin = carnet.token("admin", Map.of("sub", agentASub));
    for (String[] row :
        new String[][] {
          {"the requester", agentA, "403", "SAME_STAFF_MEMBER"},
          {"the requester as admin", sameAsAdmin, "403", "SAME_STAFF_MEMBER"},
          {"the would-be guardian", agentAsPerson.patient, "403", "FORBIDDEN"},
          {"the person", stranger.patient, "403", "FORBIDDEN"},
          {"a professional", gp, "403", "FORBIDDEN"},
          {"an auditor", carnet.token("auditor"), "403", "FORBIDDEN"},
        }) {
      Api.Reply refused = decide(stranger, representation, "approval", row[1]);
      assertThat(refused.status()).as(row[0] + ": " + refused).isEqualTo(Integer.parseInt(row[2]));
      assertThat(refused.code()).as(row[0]).isEqualTo(row[3]);
      Api.Reply notRejected = decide(stranger, representation, "rejection", row[1]);
      assertThat(notRejected.code()).as(row[0] + " rejecting").isEqualTo(row[3]);
    }
    assertNoRight(stranger, agentAsPerson);
    assertThat(status(stranger, representation, agentB)).isEqualTo("PENDING");

    // The queue shows who asked and when, to staff only.
    JsonObject queued =
        array(api.get("/api/v1/representations/pending", agentB))
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(p -> p.getJsonObject("representative").getString("id").equals(representation))
            .findFirst()
            .orElseThrow();
    assertThat(queued.getString("recordId")).isEqualTo(stranger.id);
    assertThat(queued.getJsonObject("representative").getString("registeredBy"))
        .isEqualTo(agentASub);
    assertThat(queued.getJsonObject("representative").getString("registeredAt")).isNotBlank();
    for (String token :
        List.of(stranger.patient, gp, carnet.token("auditor"), agentAsPerson.patient)) {
      assertThat(api.get("/api/v1/representations/pending", token).status()).isEqualTo(403);
    }

    // A second agent approves: the right is live from now, and only now.
    Api.Reply approved = decide(stranger, representation, "approval", agentB);
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().getString("status")).isEqualTo("ACTIVE");
    assertThat(approved.json().getBoolean("active")).isTrue();
    assertThat(represented(agentAsPerson.patient)).containsExactly(stranger.id);
    Api.Reply read = api.get(stranger.path("/documents/" + stranger.lab), agentAsPerson.patient);
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
    assertThat(decide(stranger, representation, "approval", admin).code())
        .isEqualTo("ALREADY_DECIDED");
    assertThat(decide(stranger, representation, "rejection", admin).code())
        .isEqualTo("ALREADY_DECIDED");

    // The person is told of the request and of the approval, in French, without health data.
    assertThat(notifications(stranger.id, "REPRESENTATION"))
        .containsExactly("REQUESTED", "APPROVED");
    List<String> mails = awaitMail(stranger.email, "Un représentant légal a été enregistré");
    assertThat(String.join("\n", mails))
        .contains("Un conseiller a demandé")
        .contains("second membre du personnel")
        .contains("Un représentant légal a été enregistré pour votre dossier")
        .doesNotContain(stranger.nir)
        .doesNotContain(agentAsPerson.nir)
        .doesNotContain("DUPONT");

    // Every step is in the person's history, in words.
    List<String> history =
        api
            .get(stranger.path("/access-history?limit=100"), stranger.patient)
            .json()
            .getJsonArray("items")
            .getValuesAs(JsonObject.class)
            .stream()
            .map(i -> i.getString("summary"))
            .toList();
    assertThat(history)
        .anyMatch(s -> s.contains(agentASub) && s.contains("a demandé l'enregistrement"))
        .anyMatch(
            s ->
                s.contains("a approuvé l'enregistrement d'un représentant")
                    && !s.contains("refusé"))
        .anyMatch(s -> s.contains(agentASub) && s.contains("accès refusé"));

    // And the auditors see an approval followed by the representative's reads.
    JsonObject anomalies = api.get("/api/v1/audit/anomalies", carnet.token("auditor")).json();
    assertThat(anomalies.getJsonArray("representationThenRead").getValuesAs(JsonObject.class))
        .anySatisfy(
            a -> {
              assertThat(a.getString("recordId")).isEqualTo(stranger.id);
              assertThat(a.getJsonNumber("reads").longValue()).isGreaterThanOrEqualTo(1);
            });
    // The refusal of the requester is traced with its true reason.
    JsonArray refusals =
        api.get(
                "/api/v1/audit/traces?record="
                    + stranger.id
                    + "&action=REPRESENTATIVE_APPROVE&outcome=DENY",
                carnet.token("auditor"))
            .json()
            .getJsonArray("items");
    assertThat(refusals.getValuesAs(JsonObject.class))
        .extracting(t -> t.getString("reason"))
        .contains("SAME_STAFF_MEMBER");
    carnet.assertLogsFreeOf(List.of(stranger.nir, agentAsPerson.nir));
  }

  private void assertNoRight(Person person, Person would) {
    assertThat(represented(would.patient)).doesNotContain(person.id);
    assertThat(api.get(person.path("/documents"), would.patient).status()).isEqualTo(404);
    assertThat(api.get(person.path("/documents/" + person.lab), would.patient).status())
        .isIn(403, 404);
    assertThat(
            api.get(person.path("/documents/" + person.lab + "/content"), would.patient).status())
        .isIn(403, 404);
    assertThat(api.get(person.path("/access-history"), would.patient).status()).isIn(403, 404);
    assertThat(api.get(person.path("/representatives"), would.patient).status()).isIn(403, 404);
  }

  private String status(Person person, String representation, String token) {
    return array(api.get(person.path("/representatives"), token))
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(r -> r.getString("id").equals(representation))
        .findFirst()
        .orElseThrow()
        .getString("status");
  }

  /**
   * A second identity is not a second pair of eyes: an administrator who asks, then creates (or
   * resets) a console account and approves with it, is refused; a colleague's approval holds.
   */
  @Test
  void anAccountTheRequesterMadeIsNotASecondPairOfEyes() {
    Person stranger = new Person();
    Person adminAsPerson = new Person();
    String adminSub = "admin-r-" + People.letters(6).toLowerCase();
    String admin = carnet.token("admin", Map.of("sub", adminSub));
    String accomplice = "accomplice-" + People.letters(6).toLowerCase();
    Api.Reply created =
        api.post(
            "/api/v1/staff",
            admin,
            "{\"username\":\""
                + accomplice
                + "\",\"password\":\"Accomplice-Password-2026\",\"roles\":[\"agent\"]}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);

    Api.Reply asked = register(stranger, adminAsPerson, "PROTECTED_ADULT", admin);
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    String representation = asked.json().getString("id");

    Api.Reply byAccomplice =
        decide(
            stranger, representation, "approval", carnet.token("agent", Map.of("sub", accomplice)));
    assertThat(byAccomplice.status()).as(byAccomplice.toString()).isEqualTo(403);
    assertThat(byAccomplice.code()).isEqualTo("SAME_STAFF_MEMBER");
    assertNoRight(stranger, adminAsPerson);
    Api.Reply trail =
        api.get(
            "/api/v1/audit/traces?record=" + stranger.id + "&outcome=DENY",
            carnet.token("auditor"));
    assertThat(trail.body()).contains("ACCOUNT_SHAPED_BY_REQUESTER").contains(accomplice);

    Api.Reply byColleague = decide(stranger, representation, "approval", agentA);
    assertThat(byColleague.status()).as(byColleague.toString()).isEqualTo(200);
  }

  @Test
  void aRejectedRepresentationNeverGivesARightAndMayBeAskedAgain() {
    Person child = new Person(People.newChildNir(), People.child());
    Person parent = new Person();
    Api.Reply asked = register(child, parent, "MINOR", agentA);
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    String representation = asked.json().getString("id");

    Api.Reply rejected = decide(child, representation, "rejection", agentB);
    assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
    assertThat(rejected.json().getString("status")).isEqualTo("REJECTED");
    assertThat(rejected.json().getString("decidedBy")).startsWith("agent-b-");
    assertNoRight(child, parent);
    assertThat(decide(child, representation, "approval", admin).code())
        .isEqualTo("ALREADY_DECIDED");
    assertNoRight(child, parent);
    // The child's own list shows the refused request.
    assertThat(status(child, representation, child.patient)).isEqualTo("REJECTED");

    // A rejected request does not block a new one, which an administrator may approve.
    Api.Reply again = register(child, parent, "MINOR", agentA);
    assertThat(again.status()).as(again.toString()).isEqualTo(201);
    assertThat(register(child, parent, "MINOR", agentB).code())
        .isEqualTo("REPRESENTATIVE_ALREADY_REGISTERED");
    assertThat(decide(child, again.json().getString("id"), "approval", admin).status())
        .isEqualTo(200);
    assertThat(represented(parent.patient)).containsExactly(child.id);
  }

  @Test
  void anExpiredRequestCanNoLongerBeApprovedAndGivesNoRight() throws Exception {
    Person child = new Person(People.newChildNir(), People.child());
    Person parent = new Person();
    Person other = new Person();
    String representation;
    String deletion;
    setApprovalTimeout("PT2S");
    try {
      Api.Reply asked = register(child, parent, "MINOR", agentA);
      assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
      representation = asked.json().getString("id");
      Api.Reply closed = api.post(other.path("/closure"), agentA, "{\"deleteNow\":true}");
      assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
      deletion = closed.json().getJsonObject("deletionRequest").getString("id");
    } finally {
      setApprovalTimeout("P7D");
    }
    Thread.sleep(2_500);

    Api.Reply late = decide(child, representation, "approval", agentB);
    assertThat(late.status()).as(late.toString()).isEqualTo(409);
    assertThat(late.code()).isEqualTo("APPROVAL_EXPIRED");
    assertThat(decide(child, representation, "rejection", agentB).code())
        .isEqualTo("APPROVAL_EXPIRED");
    assertNoRight(child, parent);
    assertThat(status(child, representation, agentB)).isEqualTo("EXPIRED");
    assertThat(array(api.get("/api/v1/representations/pending", agentB)).toString())
        .doesNotContain(representation);
    // The refusal is traced: the patient's history shows it.
    assertThat(
            api.get(
                    "/api/v1/audit/traces?record="
                        + child.id
                        + "&action=REPRESENTATIVE_APPROVE&outcome=DENY",
                    carnet.token("auditor"))
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class))
        .extracting(t -> t.getString("reason"))
        .containsExactly("APPROVAL_EXPIRED");

    // An expired deletion request leaves the record closed and archived, not deleted.
    Api.Reply lateDeletion =
        api.post(other.path("/deletion-requests/" + deletion + "/approval"), agentB, "");
    assertThat(lateDeletion.code()).isEqualTo("APPROVAL_EXPIRED");
    assertThat(api.get(other.path("/account"), agentB).json().getString("state"))
        .isEqualTo("CLOSED");
  }

  private void setApprovalTimeout(String value) {
    Api.Reply set =
        api.send(
            "PUT",
            "/api/v1/reference/durations/APPROVAL_TIMEOUT",
            admin,
            "application/json",
            "{\"value\":\"" + value + "\"}");
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}: {1} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # case                  | kind            | court                                                              | status | code
          no court decision       | PROTECTED_ADULT |                                                                    | 400    | COURT_DECISION_REQUIRED
          no number               | PROTECTED_ADULT | {"court":"TJ de Lyon","date":"2026-03-02"}                         | 400    | COURT_DECISION_REQUIRED
          no court                | PROTECTED_ADULT | {"court":" ","date":"2026-03-02","number":"RG 1"}                  | 400    | COURT_DECISION_REQUIRED
          not a date              | PROTECTED_ADULT | {"court":"TJ de Lyon","date":"02/03/2026","number":"RG 1"}         | 400    | COURT_DECISION_REQUIRED
          no date                 | PROTECTED_ADULT | {"court":"TJ de Lyon","number":"RG 1"}                             | 400    | COURT_DECISION_REQUIRED
          complete                | PROTECTED_ADULT | {"court":"TJ de Lyon","date":"2026-03-02","number":"RG 1"}         | 201    |
          """)
  void theGuardianOfAnAdultIsRegisteredWithTheCourtsDecision(
      String name, String kind, String court, int status, String code) {
    Person adult = new Person();
    Person guardian = new Person();
    Api.Reply reply =
        api.post(adult.path("/representatives"), agentA, registration(guardian, kind, court));
    assertThat(reply.status()).as(name + ": " + reply).isEqualTo(status);
    JsonArray kept = array(api.get(adult.path("/representatives"), agentB));
    if (code != null) {
      assertThat(reply.code()).isEqualTo(code);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      assertThat(kept).as("nothing half-stored").isEmpty();
    } else {
      assertThat(kept).hasSize(1);
      assertThat(kept.getJsonObject(0).getJsonObject("courtDecision").getString("court"))
          .isEqualTo("TJ de Lyon");
    }
  }

  @Test
  void aMinorsParentsNeedNoCourtButStillASecondStaffMember() {
    Person child = new Person(People.newChildNir(), People.child());
    Person parent = new Person();
    Api.Reply asked =
        api.post(child.path("/representatives"), agentA, registration(parent, "MINOR", null));
    assertThat(asked.status()).as(asked.toString()).isEqualTo(201);
    assertThat(asked.json().getString("status")).isEqualTo("PENDING");
    assertThat(isNull(asked.json(), "courtDecision")).isTrue();
    assertNoRight(child, parent);
  }

  // ---- Deletion at once ------------------------------------------------------------------------

  @Test
  void anAgentsDeletionWaitsClosedForASecondStaffMember() throws Exception {
    Person person = new Person();
    Api.Reply asked = api.post(person.path("/closure"), agentA, "{\"deleteNow\":true}");
    assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
    // Closed and archived at once, as for a normal closure: nobody reads it meanwhile.
    assertThat(asked.json().getString("state")).isEqualTo("CLOSED");
    JsonObject request = asked.json().getJsonObject("deletionRequest");
    assertThat(request.getString("status")).isEqualTo("PENDING");
    assertThat(request.getString("requestedBy")).isEqualTo(agentASub);
    String requestId = request.getString("id");

    String approval = person.path("/deletion-requests/" + requestId + "/approval");
    for (String[] row :
        new String[][] {
          {"the requester", agentA, "SAME_STAFF_MEMBER"},
          {
            "the requester as admin",
            carnet.token("admin", Map.of("sub", agentASub)),
            "SAME_STAFF_MEMBER"
          },
          {"the person", person.patient, "FORBIDDEN"},
          {"a professional", gp, "FORBIDDEN"},
          {"an auditor", carnet.token("auditor"), "FORBIDDEN"},
        }) {
      Api.Reply refused = api.post(approval, row[1], "");
      assertThat(refused.status()).as(row[0] + ": " + refused).isEqualTo(403);
      assertThat(refused.code()).as(row[0]).isEqualTo(row[2]);
    }
    assertThat(api.get(person.path("/account"), agentB).json().getString("state"))
        .isEqualTo("CLOSED");
    assertThat(
            array(api.get("/api/v1/deletion-requests/pending", agentB))
                .getValuesAs(JsonObject.class))
        .anySatisfy(d -> assertThat(d.getString("id")).isEqualTo(requestId));
    assertThat(api.get("/api/v1/deletion-requests/pending", person.patient).status())
        .isEqualTo(403);
    // The person is told before anything is deleted.
    assertThat(notifications(person.id, "DELETION")).containsExactly("REQUESTED");
    assertThat(String.join("\n", awaitMail(person.email, "suppression définitive")))
        .contains("ne sera supprimé qu'après la validation d'un second membre du personnel")
        .doesNotContain(person.nir);

    Api.Reply approved = api.post(approval, agentB, "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().getString("state")).isEqualTo("PURGED");
    assertThat(api.post(approval, admin, "").code()).isIn("ALREADY_DECIDED", "RECORD_NOT_FOUND");
    assertThat(traceActions(person.id))
        .contains("DELETION_REQUEST", "DELETION_APPROVE", "RECORD_PURGE");
  }

  @Test
  void aRejectedDeletionLeavesTheRecordClosedAndReopenable() {
    Person person = new Person();
    String requestId =
        api.post(person.path("/closure"), agentA, "{\"deleteNow\":true}")
            .json()
            .getJsonObject("deletionRequest")
            .getString("id");
    Api.Reply rejected =
        api.post(person.path("/deletion-requests/" + requestId + "/rejection"), admin, "");
    assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
    assertThat(rejected.json().getString("state")).isEqualTo("CLOSED");
    assertThat(isNull(rejected.json(), "deletionRequest")).isTrue();
    assertThat(
            api.post(person.path("/deletion-requests/" + requestId + "/approval"), agentB, "")
                .code())
        .isEqualTo("ALREADY_DECIDED");
    assertThat(api.send("DELETE", person.path("/closure"), person.patient, null, null).status())
        .isEqualTo(200);
    assertThat(api.get(person.path("/documents"), person.patient).status()).isEqualTo(200);

    // Reopening ends a pending request: a later archive-only closure is never turned into a
    // deletion by an old approval.
    String second =
        api.post(person.path("/closure"), agentA, "{\"deleteNow\":true}")
            .json()
            .getJsonObject("deletionRequest")
            .getString("id");
    Api.Reply reopened = api.send("DELETE", person.path("/closure"), person.patient, null, null);
    assertThat(reopened.status()).isEqualTo(200);
    assertThat(isNull(reopened.json(), "deletionRequest")).isTrue();
    assertThat(api.post(person.path("/closure"), person.patient, "{\"deleteNow\":false}").status())
        .isEqualTo(200);
    Api.Reply stale =
        api.post(person.path("/deletion-requests/" + second + "/approval"), agentB, "");
    assertThat(stale.code()).isEqualTo("ALREADY_DECIDED");
    assertThat(api.get(person.path("/account"), agentB).json().getString("state"))
        .isEqualTo("CLOSED");
    assertThat(traceReasons(person.id, "DELETION_REJECT")).contains("RECORD_REOPENED");
  }

  @Test
  void aMinorsRepresentativeCannotDeleteTheMinorsRecordButThePersonCan() {
    Person child = new Person(People.newChildNir(), People.child());
    Person parent = new Person();
    String representation = register(child, parent, "MINOR", agentA).json().getString("id");
    assertThat(decide(child, representation, "approval", agentB).status()).isEqualTo(200);

    Api.Reply refused = api.post(child.path("/closure"), parent.patient, "{\"deleteNow\":true}");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("REPRESENTATIVE_OF_MINOR");
    assertThat(api.get(child.path("/account"), agentB).json().getString("state")).isEqualTo("OPEN");
    assertThat(traceReasons(child.id, "RECORD_CLOSE")).contains("REPRESENTATIVE_OF_MINOR");

    // The person themself deletes at once, as before: no staff member is involved.
    Person adult = new Person();
    Api.Reply deleted = api.post(adult.path("/closure"), adult.patient, "{\"deleteNow\":true}");
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().getString("state")).isEqualTo("PURGED");
  }

  // ---- Bulk enrolment files --------------------------------------------------------------------

  @Test
  void anEnrolmentFileIsPrivateToTheServerAndGoneOnceTheJobCompletes() throws Exception {
    String good = People.newNir();
    String bad = People.newNir();
    String wrongKey = bad.substring(0, 13) + (bad.endsWith("00") ? "01" : "00");
    String csv =
        "insNumber,insOid,birthName,firstNames,birthDate,sex,birthPlace,email,phone\n"
            + good
            + ","
            + People.NIR_OID
            + ",DURAND,JEAN,1990-01-15,M,75056,,\n"
            + wrongKey
            + ","
            + People.NIR_OID
            + ",DURAND,JEAN,1990-01-15,M,75056,,\n";
    Api.Reply started = api.send("POST", "/api/v1/enrolments", admin, "text/csv", csv);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String location = URI.create(started.header("Location").orElseThrow()).getPath();
    String id = location.substring(location.lastIndexOf('/') + 1);
    Path folder = carnet.server().serverLog().getParent().getParent().resolve("enrolments");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");

    JsonObject done = null;
    Instant deadline = Instant.now().plus(PATIENCE);
    while (done == null) {
      JsonObject progress = api.get(location, admin).json();
      assertThat(progress.getString("status")).isNotIn("FAILED", "ABANDONED");
      if (progress.getString("status").equals("COMPLETED")) {
        done = progress;
      } else {
        assertThat(Instant.now()).as("enrolment in time").isBefore(deadline);
        Thread.sleep(100);
      }
    }
    assertThat(folder.resolve(id + ".csv")).doesNotExist();
    try (var files = Files.list(folder)) {
      // Whatever files another run left (a failed job keeps its own), none is readable by others.
      for (Path file : files.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .as(file.toString())
            .isEqualTo("rw-------");
      }
    }
    // The rejected line stays, with its number, code and reason: no NIR.
    assertThat(done.getJsonArray("rejected").getValuesAs(JsonObject.class))
        .singleElement()
        .satisfies(r -> assertThat(r.getString("code")).isEqualTo("INS_INVALID_KEY"));
    assertThat(done.toString()).doesNotContain(wrongKey).doesNotContain(wrongKey.substring(0, 13));
    List<String> stored = new ArrayList<>();
    sql(
        "select line || ' ' || code || ' ' || reason from enrolment_rejection"
            + " where enrolment_id = ?::uuid",
        id,
        rows -> {
          while (rows.next()) {
            stored.add(rows.getString(1));
          }
          return null;
        });
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0)).doesNotContain(wrongKey.substring(0, 13)).doesNotContain(good);
  }

  // ---- The outbox and the trail, as the test sees them -----------------------------------------

  private List<String> notifications(String recordId, String kind) {
    List<String> details = new ArrayList<>();
    sql(
        "select detail from notification where record_id = ?::uuid and channel = 'EMAIL'"
            + " and kind = '"
            + kind
            + "' order by id",
        recordId,
        rows -> {
          while (rows.next()) {
            details.add(rows.getString(1));
          }
          return null;
        });
    return details;
  }

  private List<String> traceActions(String recordId) {
    List<String> actions = new ArrayList<>();
    sql(
        "select action from trace where record_id = ?::uuid order by id",
        recordId,
        rows -> {
          while (rows.next()) {
            actions.add(rows.getString(1));
          }
          return null;
        });
    return actions;
  }

  private List<String> traceReasons(String recordId, String action) {
    List<String> reasons = new ArrayList<>();
    sql(
        "select reason from trace where record_id = ?::uuid and action = '"
            + action
            + "' order by id",
        recordId,
        rows -> {
          while (rows.next()) {
            reasons.add(rows.getString(1));
          }
          return null;
        });
    return reasons;
  }

  private interface Rows<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private <T> T sql(String sql, String parameter, Rows<T> reader) {
    try (Connection connection = carnet.server().database().superuserConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, parameter);
      try (ResultSet rows = query.executeQuery()) {
        return reader.read(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The texts of the messages sent to {@code recipient}, once one contains {@code expected}. */
  private List<String> awaitMail(String recipient, String expected) throws Exception {
    await(
        () -> mails(recipient).stream().anyMatch(text -> text.contains(expected)),
        "a message to the person containing " + expected);
    return mails(recipient);
  }

  private List<String> mails(String recipient) {
    List<String> texts = new ArrayList<>();
    for (MimeMessage message : mailServer.getReceivedMessages()) {
      try {
        if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
          texts.add((String) message.getContent());
        }
      } catch (MessagingException | java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return texts;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Waited " + PATIENCE + " for " + what);
      }
      Thread.sleep(200);
    }
  }

  private static boolean isNull(JsonObject object, String name) {
    return !object.containsKey(name) || object.get(name) == JsonValue.NULL;
  }
}
