package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proxies chosen by the patient (issue 18), over real HTTP with real tokens: the patient alone
 * designates an adult known to Carnet by INS and traits, for a scope and until an end date; the
 * proxy acts with their own patient token within that scope, until the end date or a revocation;
 * the patient is told of the proxy's first act (GreenMail), once; every refusal is traced.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxiesE2EIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private CarnetServer carnet;
  private Api api;
  private GreenMail mailServer;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    mailServer = new GreenMail(new ServerSetup(CarnetServer.smtpPort(), "127.0.0.1", "smtp"));
    mailServer.start();
  }

  @AfterAll
  void stopMailServer() {
    if (mailServer != null) {
      mailServer.stop();
    }
  }

  /** A person with an open record of their own, a patient token, and a mailbox. */
  private final class Person {
    final String nir;
    final String traits;
    final String id;
    final String token;
    final String email = "proxy-e2e-" + UUID.randomUUID() + "@example.org";

    Person(String nir, String traits) {
      this.nir = nir;
      this.traits = traits;
      Api.Reply created =
          api.post(
              "/api/v1/records",
              carnet.token("admin"),
              "{\"ins\":"
                  + People.ins(nir)
                  + ",\"traits\":"
                  + traits
                  + ",\"contact\":{\"email\":\""
                  + email
                  + "\"},\"open\":true}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      this.id = created.json().getString("id");
      this.token = carnet.token("patient", Map.of("ins", nir));
    }

    String path(String rest) {
      return "/api/v1/records/" + id + rest;
    }
  }

  private Person adult() {
    return new Person(People.newNir(), People.traits(People.letters(8), "ANNE"));
  }

  /** A patient whose record professionals feed (the documents' pushes carry these traits). */
  private Person patient() {
    return new Person(People.newNir(), People.marie());
  }

  private String designation(Person proxy, String traits, String scope, LocalDate endsOn) {
    return designation(proxy.nir, traits, scope, endsOn);
  }

  private static String designation(String nir, String traits, String scope, LocalDate endsOn) {
    return "{\"ins\":"
        + People.ins(nir)
        + ",\"traits\":"
        + traits
        + ",\"scope\":\""
        + scope
        + "\",\"endsOn\":\""
        + endsOn
        + "\"}";
  }

  private static LocalDate today() {
    return LocalDate.now(ZoneId.of("Europe/Paris"));
  }

  /** The patient designates the proxy; the designation's id. */
  private String designate(Person patient, Person proxy, String scope) {
    Api.Reply created =
        api.post(
            patient.path("/proxies"),
            patient.token,
            designation(proxy, proxy.traits, scope, today().plusDays(30)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().getString("status")).isEqualTo("ACTIVE");
    assertThat(created.body()).doesNotContain(proxy.nir);
    return created.json().getString("id");
  }

  /** A lab report in the patient's record; its id. */
  private String push(Person patient) {
    Api.Reply pushed =
        api.post(
            "/api/v1/documents",
            carnet.token("professional", Map.of("rpps", "10181818181")),
            Documents.push(
                Documents.uniqueId(),
                patient.nir,
                "http://loinc.org",
                "11502-2",
                "2026-11-20T09:30:00Z",
                "application/pdf",
                Documents.pdf(200)));
    assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
    return pushed.json().getString("id");
  }

  private Api.Reply put(String path, String token) {
    return api.send("PUT", path, token, null, null);
  }

  private Api.Reply delete(String path, String token) {
    return api.send("DELETE", path, token, null, null);
  }

  @Test
  void aReadProxyReadsCannotManageAndThePatientIsToldOnceOfTheFirstAct() throws Exception {
    Person patient = patient();
    Person proxy = adult();
    String lab = push(patient);
    String proxyId = designate(patient, proxy, "READ");

    JsonArray proxied = array(api.get("/api/v1/records/proxied", proxy.token));
    assertThat(proxied.getValuesAs(JsonObject.class))
        .extracting(p -> p.getString("recordId"))
        .contains(patient.id);

    // Reads, as the patient reads: the list, the document, its content, the history.
    Api.Reply documents = api.get(patient.path("/documents"), proxy.token);
    assertThat(documents.status()).as(documents.toString()).isEqualTo(200);
    assertThat(documents.body()).contains(lab);
    assertThat(api.get(patient.path("/documents/" + lab), proxy.token).status()).isEqualTo(200);
    assertThat(api.get(patient.path("/documents/" + lab + "/content"), proxy.token).status())
        .isEqualTo(200);
    assertThat(api.get(patient.path("/access-history"), proxy.token).status()).isEqualTo(200);

    // Read only: no mask, no settings.
    Api.Reply mask = put(patient.path("/masks/" + lab), proxy.token);
    assertThat(mask.status()).as(mask.toString()).isEqualTo(403);
    assertThat(mask.code()).isEqualTo("PROXY_READ_ONLY");
    assertThat(masked(lab)).isFalse();

    // Told once: the first act only, however many follow.
    assertThat(
            count(
                "select count(*) from notification where record_id = ?::uuid"
                    + " and kind = 'PROXY' and channel = 'EMAIL'",
                patient.id))
        .isEqualTo(1);
    MimeMessage told = awaitMessage(patient.email, "mandataire");
    assertThat((String) told.getContent())
        .contains("a agi sur votre dossier pour la première fois")
        .doesNotContain(proxy.nir)
        .doesNotContain("ANNE");

    // The patient sees the proxy, when it first acted, and every act in the history.
    JsonObject listed = array(api.get(patient.path("/proxies"), patient.token)).getJsonObject(0);
    assertThat(listed.getString("id")).isEqualTo(proxyId);
    assertThat(listed.getString("scope")).isEqualTo("READ");
    assertThat(listed.isNull("firstActedAt")).isFalse();
    List<String> summaries = summaries(patient);
    assertThat(summaries)
        .contains("Votre mandataire a consulté la liste de vos documents")
        .contains("Votre mandataire a consulté un document")
        .contains("Votre mandataire a masqué un document — accès refusé")
        .contains("Vous ou votre représentant légal a désigné un mandataire");
    // The trail keeps the proxy's own identity: their token's subject, as a patient.
    JsonArray reads = traces(patient, "DOCUMENT_READ", "PERMIT");
    assertThat(reads.getValuesAs(JsonObject.class))
        .allSatisfy(t -> assertThat(t.getString("reason")).isEqualTo("PROXY"));
    assertThat(reasons(patient, "MASK_SET")).contains("PROXY_READ_ONLY");
    carnet.assertLogsFreeOf(List.of(patient.nir, proxy.nir));
  }

  @Test
  void aManagingProxyNarrowsAccessButWhatWidensItOrEndsTheRecordStaysThePatients() {
    Person patient = patient();
    Person proxy = adult();
    Person third = adult();
    String lab = push(patient);
    designate(patient, proxy, "READ_AND_MANAGE");

    assertThat(put(patient.path("/masks/" + lab), proxy.token).status()).isEqualTo(204);
    assertThat(masked(lab)).isTrue();
    assertThat(put(patient.path("/blocks/10191919191"), proxy.token).status()).isEqualTo(204);

    Api.Reply unmask = delete(patient.path("/masks/" + lab), proxy.token);
    assertThat(unmask.status()).as(unmask.toString()).isEqualTo(403);
    assertThat(unmask.code()).isEqualTo("RESERVED_TO_PATIENT");
    assertThat(masked(lab)).isTrue();
    assertThat(delete(patient.path("/blocks/10191919191"), proxy.token).code())
        .isEqualTo("RESERVED_TO_PATIENT");
    Api.Reply another =
        api.post(
            patient.path("/proxies"),
            proxy.token,
            designation(third, third.traits, "READ", today().plusDays(10)));
    assertThat(another.status()).as(another.toString()).isEqualTo(403);
    assertThat(another.code()).isEqualTo("RESERVED_TO_PATIENT");
    assertThat(api.get(patient.path("/proxies"), proxy.token).code())
        .isEqualTo("RESERVED_TO_PATIENT");
    Api.Reply close = api.post(patient.path("/closure"), proxy.token, "{\"deleteNow\":false}");
    assertThat(close.status()).as(close.toString()).isEqualTo(403);
    assertThat(close.code()).isEqualTo("RESERVED_TO_PATIENT");
    assertThat(api.send("POST", patient.path("/opposition"), proxy.token, null, null).code())
        .isEqualTo("RESERVED_TO_PATIENT");
    assertThat(api.get(patient.path("/access-history/export"), proxy.token).code())
        .isEqualTo("RESERVED_TO_PATIENT");
    assertThat(state(patient)).isEqualTo("OPEN");

    // Emergency access off narrows; the channels the patient is told by stay theirs.
    Api.Reply off =
        api.send(
            "PUT",
            patient.path("/settings"),
            proxy.token,
            "application/json",
            "{\"emergencyAccess\":false,\"notifyByEmail\":true,\"notifyBySms\":false}");
    assertThat(off.status()).as(off.toString()).isEqualTo(200);
    Api.Reply silenced =
        api.send(
            "PUT",
            patient.path("/settings"),
            proxy.token,
            "application/json",
            "{\"emergencyAccess\":false,\"notifyByEmail\":false,\"notifyBySms\":false}");
    assertThat(silenced.status()).as(silenced.toString()).isEqualTo(403);
    assertThat(silenced.code()).isEqualTo("RESERVED_TO_PATIENT");
    assertThat(api.get(patient.path("/settings"), patient.token).json().getBoolean("notifyByEmail"))
        .isTrue();

    // The restrictions as a whole and the standing agreements follow the same line: a managing
    // proxy masks a class and blocks an organisation, never lifts them nor gives an agreement, and
    // never downloads the record's export.
    assertThat(put(patient.path("/masks/classes/LAB"), proxy.token).status()).isEqualTo(204);
    assertThat(put(patient.path("/blocks/organisations/690781810"), proxy.token).status())
        .isEqualTo(204);
    assertThat(delete(patient.path("/masks/classes/LAB"), proxy.token).status()).isEqualTo(403);
    assertThat(delete(patient.path("/blocks/organisations/690781810"), proxy.token).status())
        .isEqualTo(403);
    assertThat(api.get(patient.path("/masks/classes"), patient.token).body()).contains("LAB");
    assertThat(api.get(patient.path("/blocks/organisations"), patient.token).body())
        .contains("690781810");
    Api.Reply standing =
        api.post(
            patient.path("/agreements"),
            proxy.token,
            "{\"rpps\":\"10202020202\",\"untilRevoked\":true}");
    assertThat(standing.status()).as(standing.toString()).isEqualTo(403);
    assertThat(api.get(patient.path("/export"), proxy.token).status()).isEqualTo(403);

    assertThat(reasons(patient, "CLASS_MASK_CLEAR")).contains("PROXY_RESERVED_TO_PATIENT");
    assertThat(reasons(patient, "ORGANISATION_BLOCK_CLEAR")).contains("PROXY_RESERVED_TO_PATIENT");
    assertThat(reasons(patient, "GRANT_CREATE")).contains("PROXY_RESERVED_TO_PATIENT");
    assertThat(reasons(patient, "RECORD_EXPORT")).contains("PROXY_RESERVED_TO_PATIENT");
    assertThat(reasons(patient, "PROXY_CREATE")).contains("PROXY_RESERVED_TO_PATIENT");
    assertThat(reasons(patient, "MASK_CLEAR")).contains("PROXY_RESERVED_TO_PATIENT");
    assertThat(reasons(patient, "RECORD_CLOSE")).contains("PROXY_RESERVED_TO_PATIENT");
  }

  /**
   * An operator with the application's database password cannot widen a designation (scope, end
   * date) nor bring a revoked one back; the schema's trigger keeps a revocation for every role.
   */
  @Test
  void theApplicationsDatabaseRoleCannotWidenOrReviveADesignation() throws Exception {
    Person patient = adult();
    Person proxy = adult();
    String id = designate(patient, proxy, "READ");
    java.util.Map<String, String> env = carnet.server().database().environment();
    try (Connection application =
        java.sql.DriverManager.getConnection(
            env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"))) {
      for (String widening :
          List.of(
              "update record_proxy set scope = 'READ_AND_MANAGE' where id = ?::uuid",
              "update record_proxy set ends_on = ends_on + 3650 where id = ?::uuid")) {
        try (PreparedStatement statement = application.prepareStatement(widening)) {
          statement.setString(1, id);
          assertThatThrownBy(statement::executeUpdate)
              .as(widening)
              .isInstanceOfSatisfying(
                  SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
      }
      assertThat(delete(patient.path("/proxies/" + id), patient.token).status()).isEqualTo(204);
      try (PreparedStatement revive =
          application.prepareStatement(
              "update record_proxy set revoked_at = null, revoked_by = null, revoked_as = null"
                  + " where id = ?::uuid")) {
        revive.setString(1, id);
        assertThatThrownBy(revive::executeUpdate)
            .isInstanceOfSatisfying(
                SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23514"));
      }
    }
    assertThat(api.get(patient.path("/documents"), proxy.token).code()).isEqualTo("PROXY_REVOKED");
  }

  @Test
  void aProxyPastItsEndDateOrRevokedIsRefusedAndEachRefusalTraced() {
    Person patient = adult();
    Person late = adult();
    Person revoked = adult();
    Person leaving = adult();
    designate(patient, late, "READ");
    String revokedId = designate(patient, revoked, "READ_AND_MANAGE");
    String leavingId = designate(patient, leaving, "READ");
    assertThat(api.get(patient.path("/documents"), late.token).status()).isEqualTo(200);

    // The end date passed: moved back in the database, as time passing would.
    update(
        "update record_proxy set ends_on = current_date - 1 where record_id = ?::uuid"
            + " and proxy_record_id = '"
            + late.id
            + "'::uuid",
        patient.id);
    Api.Reply expired = api.get(patient.path("/documents"), late.token);
    assertThat(expired.status()).as(expired.toString()).isEqualTo(403);
    assertThat(expired.code()).isEqualTo("PROXY_EXPIRED");
    assertThat(api.get("/api/v1/records/proxied", late.token).body()).doesNotContain(patient.id);

    // Revoked by the patient: refused at once.
    assertThat(delete(patient.path("/proxies/" + revokedId), patient.token).status())
        .isEqualTo(204);
    Api.Reply afterRevocation = api.get(patient.path("/documents"), revoked.token);
    assertThat(afterRevocation.status()).isEqualTo(403);
    assertThat(afterRevocation.code()).isEqualTo("PROXY_REVOKED");

    // Given up by the proxy themself: the patient is told; a second time is refused.
    assertThat(delete(patient.path("/proxies/" + leavingId), leaving.token).status())
        .isEqualTo(204);
    assertThat(delete(patient.path("/proxies/" + leavingId), leaving.token).code())
        .isEqualTo("PROXY_REVOKED");
    assertThat(api.get(patient.path("/documents"), leaving.token).code())
        .isEqualTo("PROXY_REVOKED");
    // Nobody ends another's designation.
    assertThat(delete(patient.path("/proxies/" + revokedId), late.token).status()).isIn(403, 404);
    assertThat(
            count(
                "select count(*) from notification where record_id = ?::uuid and kind = 'PROXY'"
                    + " and detail = 'RENOUNCED' and channel = 'EMAIL'",
                patient.id))
        .isEqualTo(1);

    JsonArray listed = array(api.get(patient.path("/proxies"), patient.token));
    assertThat(listed.getValuesAs(JsonObject.class))
        .extracting(p -> p.getString("status"))
        .containsExactlyInAnyOrder("EXPIRED", "REVOKED", "REVOKED");
    assertThat(reasons(patient, "DOCUMENT_SEARCH")).contains("PROXY_EXPIRED", "PROXY_REVOKED");
    assertThat(reasons(patient, "PROXY_RENOUNCE")).contains("PROXY_REVOKED");
  }

  @Test
  void wrongTraitsOrAnUnknownInsGetTheSameAnswerAndAMinorOrAnAgentDesignatesNobody() {
    Person patient = adult();
    Person proxy = adult();
    Api.Reply wrongTraits =
        api.post(
            patient.path("/proxies"),
            patient.token,
            designation(proxy, People.traits("NOTHERNAME", "ANNE"), "READ", today().plusDays(5)));
    assertThat(wrongTraits.status()).as(wrongTraits.toString()).isEqualTo(409);
    assertThat(wrongTraits.code()).isEqualTo("PROXY_NOT_IDENTIFIED");
    String unknown = People.newNir();
    Api.Reply unknownIns =
        api.post(
            patient.path("/proxies"),
            patient.token,
            designation(unknown, proxy.traits, "READ", today().plusDays(5)));
    assertThat(unknownIns.status()).isEqualTo(409);
    // The same words whether the INS is someone's or nobody's.
    assertThat(unknownIns.json().getString("detail"))
        .isEqualTo(wrongTraits.json().getString("detail"));
    assertThat(unknownIns.body()).doesNotContain(proxy.id).doesNotContain("ANNE");

    Api.Reply tooFar =
        api.post(
            patient.path("/proxies"),
            patient.token,
            designation(proxy, proxy.traits, "READ", today().plusDays(400)));
    assertThat(tooFar.status()).isEqualTo(400);
    assertThat(tooFar.code()).isEqualTo("PROXY_END_DATE_INVALID");

    Api.Reply byAgent =
        api.post(
            patient.path("/proxies"),
            carnet.token("agent"),
            designation(proxy, proxy.traits, "READ", today().plusDays(5)));
    assertThat(byAgent.status()).isEqualTo(403);

    Person child = new Person(People.newChildNir(), People.child());
    Api.Reply byMinor =
        api.post(
            child.path("/proxies"),
            child.token,
            designation(proxy, proxy.traits, "READ", today().plusDays(5)));
    assertThat(byMinor.status()).as(byMinor.toString()).isEqualTo(403);
    assertThat(byMinor.code()).isEqualTo("MINOR_CANNOT_DESIGNATE_PROXY");

    assertThat(array(api.get(patient.path("/proxies"), patient.token))).isEmpty();
    assertThat(reasons(patient, "PROXY_CREATE"))
        .contains("DESIGNATION_NOT_IDENTIFIED", "DESIGNATION_END_DATE_INVALID", "ROLE_NOT_ALLOWED");
    assertThat(reasons(child, "PROXY_CREATE")).contains("MINOR_CANNOT_DESIGNATE_PROXY");
    carnet.assertLogsFreeOf(List.of(patient.nir, proxy.nir, unknown));
  }

  // ---- What the test reads -------------------------------------------------------------------

  private static JsonArray array(Api.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    try (jakarta.json.JsonReader reader =
        jakarta.json.Json.createReader(new java.io.StringReader(reply.body()))) {
      return reader.readArray();
    }
  }

  private List<String> summaries(Person patient) {
    JsonArray items =
        api.get(patient.path("/access-history?limit=100"), patient.token)
            .json()
            .getJsonArray("items");
    return items.getValuesAs(JsonObject.class).stream().map(i -> i.getString("summary")).toList();
  }

  private JsonArray traces(Person patient, String action, String outcome) {
    Api.Reply reply =
        api.get(
            "/api/v1/audit/traces?limit=200&record="
                + patient.id
                + "&action="
                + action
                + "&outcome="
                + outcome,
            carnet.token("auditor"));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().getJsonArray("items");
  }

  /** The reasons of the record's refusals of this action, as the auditors read them. */
  private List<String> reasons(Person patient, String action) {
    return traces(patient, action, "DENY").getValuesAs(JsonObject.class).stream()
        .map(t -> t.getString("reason"))
        .toList();
  }

  private String state(Person person) {
    return api.get("/api/v1/records/mine", person.token).json().getString("state");
  }

  private boolean masked(String documentId) {
    return count(
            "select count(*) from document where id = ?::uuid and masked_at is not null",
            documentId)
        == 1;
  }

  private long count(String sql, String id) {
    try (Connection connection = carnet.server().database().superuserConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, id);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void update(String sql, String id) {
    try (Connection connection = carnet.server().database().superuserConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      assertThat(statement.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private MimeMessage awaitMessage(String recipient, String containing) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      for (MimeMessage message : to(recipient)) {
        if (((String) message.getContent()).contains(containing)) {
          return message;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Waited " + PATIENCE + " for a message with " + containing);
  }

  private List<MimeMessage> to(String recipient) throws Exception {
    List<MimeMessage> messages = new ArrayList<>();
    for (MimeMessage message : mailServer.getReceivedMessages()) {
      if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
        messages.add(message);
      }
    }
    return messages;
  }
}
