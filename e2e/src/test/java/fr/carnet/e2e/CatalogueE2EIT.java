package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The catalogue and connected apps (issue 21, items 3 and 4) over real HTTP with real tokens: an
 * app is referenced by two administrators, calls with a patient token carrying its client id in
 * {@code azp}, and gets exactly what the patient's live grant allows; refusals included, each
 * traced; the history names the app; an agent revokes only for a confirmed caller.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogueE2EIT {

  private static final String CATALOGUE = "/api/v1/catalogue";
  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static final String ALL_CRITERIA =
      "[\"ETHICS\",\"SECURITY\",\"TRANSPARENCY\",\"INTEROPERABILITY\",\"SECURITY_REINFORCED\","
          + "\"REVERSIBILITY\"]";

  private CarnetServer carnet;
  private Api api;
  private String admin;
  private String secondAdmin;
  private String gp;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.admin = carnet.token("admin", Map.of("sub", "admin-catalogue-1"));
    this.secondAdmin = carnet.token("admin", Map.of("sub", "admin-catalogue-2"));
    this.gp = carnet.token("professional", Map.of("rpps", "10777777701"));
  }

  /** A person with an open record, a LAB and an IMAGING report in it. */
  private final class Person {
    final String nir = People.newNir();
    final String traits = People.marie();
    final String id;
    final String patient;
    final String lab;
    final String imaging;

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
      lab = push("LAB");
      imaging = push("IMAGING");
    }

    private String push(String classCode) {
      Api.Reply pushed =
          api.post("/api/v1/documents", gp, Documents.about(nir, traits, classCode, false));
      assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
      return pushed.json().getString("id");
    }

    /** The token an app holds for this person: the patient's, issued to the app's client. */
    String appToken(String clientId) {
      return carnet.token("patient", Map.of("ins", nir, "azp", clientId));
    }

    String path(String rest) {
      return "/api/v1/records/" + id + rest;
    }

    Api.Reply connectApp(String clientId, String scopes, String duration) {
      return api.post(
          path("/apps"),
          patient,
          "{\"clientId\":\""
              + clientId
              + "\",\"scopes\":["
              + scopes
              + "],\"duration\":\""
              + duration
              + "\"}");
    }

    List<String> refusals() {
      Api.Reply traces =
          api.get(
              "/api/v1/audit/traces?limit=200&outcome=DENY&record=" + id, carnet.token("auditor"));
      assertThat(traces.status()).as(traces.toString()).isEqualTo(200);
      return traces.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
          .map(
              t ->
                  t.getJsonObject("actor").getString("role")
                      + ":"
                      + t.getString("action")
                      + ":"
                      + t.getString("reason"))
          .toList();
    }
  }

  private static String clientId() {
    return "app-e2e-" + System.nanoTime() % 1_000_000 + "-" + SERIAL.incrementAndGet();
  }

  private static String submission(String clientId, String scopes, String criteria) {
    return "{\"clientId\":\""
        + clientId
        + "\",\"name\":\"Suivi Diabète "
        + clientId
        + "\",\"publisher\":\"Éditeur SAS\",\"exchangesData\":true,\"scopes\":["
        + scopes
        + "],\"criteria\":"
        + criteria
        + "}";
  }

  /** Submitted by one administrator, approved by a second: referenced. Returns the app's id. */
  private String referenced(String clientId) {
    Api.Reply submitted =
        api.post(
            CATALOGUE + "/apps",
            admin,
            submission(
                clientId,
                "\"documents:read:LAB\",\"documents:read:IMAGING\",\"documents:write\","
                    + "\"appointments:write\"",
                ALL_CRITERIA));
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
    String request = submitted.json().getJsonObject("pending").getString("id");
    Api.Reply approved =
        api.post(CATALOGUE + "/requests/" + request + "/approval", secondAdmin, "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().getString("status")).isEqualTo("REFERENCED");
    return submitted.json().getString("id");
  }

  private List<String> patientCatalogue(String patient) {
    Api.Reply apps = api.get(CATALOGUE + "/apps", patient);
    assertThat(apps.status()).as(apps.toString()).isEqualTo(200);
    return apps.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
        .map(a -> a.getString("clientId"))
        .toList();
  }

  @Test
  void referencingNeedsTwoAdministratorsAndAReviewedChecklist() {
    Person person = new Person();
    String clientId = clientId();
    Api.Reply submitted =
        api.post(
            CATALOGUE + "/apps",
            admin,
            submission(clientId, "\"documents:read:LAB\"", ALL_CRITERIA));
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
    assertThat(submitted.json().getString("status")).isEqualTo("PENDING");
    String request = submitted.json().getJsonObject("pending").getString("id");
    // Pending, it is neither in the patients' catalogue nor able to act.
    assertThat(patientCatalogue(person.patient)).doesNotContain(clientId);
    assertThat(person.connectApp(clientId, "\"documents:read:LAB\"", "P30D").code())
        .isEqualTo("APP_NOT_FOUND");
    Api.Reply pendingRead = api.get(person.path("/documents"), person.appToken(clientId));
    assertThat(pendingRead.status()).as(pendingRead.toString()).isEqualTo(403);
    assertThat(pendingRead.code()).isEqualTo("APP_NOT_REFERENCED");

    // The one who asked cannot be the second pair of eyes; an agent is none at all.
    Api.Reply alone = api.post(CATALOGUE + "/requests/" + request + "/approval", admin, "");
    assertThat(alone.status()).as(alone.toString()).isEqualTo(403);
    assertThat(alone.code()).isEqualTo("SAME_STAFF_MEMBER");
    Api.Reply agent =
        api.post(CATALOGUE + "/requests/" + request + "/approval", carnet.token("agent"), "");
    assertThat(agent.status()).isEqualTo(403);
    assertThat(patientCatalogue(person.patient)).doesNotContain(clientId);

    Api.Reply approved =
        api.post(CATALOGUE + "/requests/" + request + "/approval", secondAdmin, "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().getString("status")).isEqualTo("REFERENCED");
    assertThat(patientCatalogue(person.patient)).contains(clientId);
    Api.Reply again = api.post(CATALOGUE + "/requests/" + request + "/approval", secondAdmin, "");
    assertThat(again.code()).isEqualTo("ALREADY_DECIDED");

    // Staff actions are traced: the refusal of the lone administrator among them.
    Api.Reply traces =
        api.get(
            "/api/v1/audit/traces?limit=50&actor=admin-catalogue-1&outcome=DENY",
            carnet.token("auditor"));
    assertThat(traces.status()).as(traces.toString()).isEqualTo(200);
    assertThat(
            traces.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("action") + ":" + t.getString("reason")))
        .contains("CATALOGUE_APPROVE:SAME_STAFF_MEMBER");
  }

  @Test
  void badSubmissionsAreRefusedWithTheirCodesAndStoreNothing() {
    String clientId = clientId();
    // A data-exchanging app without its reinforced criteria.
    Api.Reply incomplete =
        api.post(
            CATALOGUE + "/apps",
            admin,
            submission(clientId, "\"documents:read:LAB\"", "[\"ETHICS\",\"SECURITY\"]"));
    assertThat(incomplete.status()).as(incomplete.toString()).isEqualTo(400);
    assertThat(incomplete.contentType()).startsWith("application/problem+json");
    assertThat(incomplete.code()).isEqualTo("APP_CRITERIA_INCOMPLETE");
    Api.Reply unknownScope =
        api.post(
            CATALOGUE + "/apps",
            admin,
            submission(clientId, "\"documents:read:NOPE\"", ALL_CRITERIA));
    assertThat(unknownScope.code()).isEqualTo("APP_SCOPE_INVALID");
    Api.Reply malformedScope =
        api.post(CATALOGUE + "/apps", admin, submission(clientId, "\"everything\"", ALL_CRITERIA));
    assertThat(malformedScope.code()).isEqualTo("APP_SCOPE_INVALID");
    Api.Reply firstParty =
        api.post(
            CATALOGUE + "/apps",
            admin,
            submission("carnet-web", "\"documents:read:LAB\"", ALL_CRITERIA));
    assertThat(firstParty.status()).isEqualTo(400);
    assertThat(firstParty.code()).isEqualTo("VALIDATION_FAILED");
    Api.Reply notAdmin =
        api.post(
            CATALOGUE + "/apps",
            carnet.token("agent"),
            submission(clientId, "\"documents:read:LAB\"", ALL_CRITERIA));
    assertThat(notAdmin.status()).isEqualTo(403);
    // Nothing of the refused submissions was stored: the client id is still free.
    referenced(clientId);
    Api.Reply taken =
        api.post(
            CATALOGUE + "/apps",
            admin,
            submission(clientId, "\"documents:read:LAB\"", ALL_CRITERIA));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.code()).isEqualTo("APP_CLIENT_ID_TAKEN");
  }

  @Test
  void aGrantedAppReadsTheGrantedClassOnlyOfItsOwnPatientUntilRevoked() {
    Person person = new Person();
    Person other = new Person();
    String clientId = clientId();
    referenced(clientId);

    // Scopes beyond what the app was referenced for, or too long a grant, are refused.
    assertThat(person.connectApp(clientId, "\"documents:read:DENTAL\"", "P30D").code())
        .isEqualTo("APP_SCOPE_INVALID");
    assertThat(person.connectApp(clientId, "\"documents:read:LAB\"", "P5Y").code())
        .isEqualTo("APP_GRANT_DURATION_INVALID");
    assertThat(person.connectApp(clientId, "\"documents:read:LAB\"", "soon").code())
        .isEqualTo("APP_GRANT_DURATION_INVALID");
    String app = person.appToken(clientId);
    Api.Reply beforeConnection = api.get(person.path("/documents"), app);
    assertThat(beforeConnection.code()).isEqualTo("APP_NOT_CONNECTED");

    Api.Reply connected = person.connectApp(clientId, "\"documents:read:LAB\"", "P30D");
    assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
    String connection = connected.json().getString("id");

    Api.Reply search = api.get(person.path("/documents"), app);
    assertThat(search.status()).as(search.toString()).isEqualTo(200);
    assertThat(
            search.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(d -> d.getString("id")))
        .containsExactly(person.lab);
    assertThat(api.get(person.path("/documents/" + person.lab), app).status()).isEqualTo(200);
    Api.Reply content = api.get(person.path("/documents/" + person.lab + "/content"), app);
    assertThat(content.status()).isEqualTo(200);
    Api.Reply otherClass = api.get(person.path("/documents/" + person.imaging), app);
    assertThat(otherClass.status()).as(otherClass.toString()).isEqualTo(403);
    assertThat(otherClass.code()).isEqualTo("APP_SCOPE_NOT_GRANTED");
    // Another patient's record does not exist for the app.
    Api.Reply otherRecord = api.get(other.path("/documents"), app);
    assertThat(otherRecord.status()).isEqualTo(404);
    assertThat(otherRecord.code()).isEqualTo("RECORD_NOT_FOUND");
    // Nothing but what apps are served: not the patient's controls, not their history.
    assertThat(api.get(person.path("/access-history"), app).status()).isEqualTo(403);
    // Its patient's record id it may learn (CA28): the id and state, nothing of the identity.
    Api.Reply mine = api.get("/api/v1/records/mine", app);
    assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
    assertThat(mine.json().getString("id")).isEqualTo(person.id);
    assertThat(mine.body()).doesNotContain(person.nir);

    // The preview tells the person what the app sees, document by document.
    Api.Reply preview = api.get(person.path("/apps/preview"), person.patient);
    assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
    JsonObject seen = preview.json().getJsonArray("items").getJsonObject(0);
    assertThat(seen.getJsonObject("app").getString("clientId")).isEqualTo(clientId);
    assertThat(
            seen.getJsonArray("documents").getValuesAs(JsonObject.class).stream()
                .map(
                    d ->
                        d.getString("classCode")
                            + ":"
                            + d.getBoolean("visible")
                            + ":"
                            + d.getString("reason")))
        .containsExactlyInAnyOrder("LAB:true:APP_GRANT", "IMAGING:false:APP_CLASS_NOT_GRANTED");

    // The history names the app.
    Api.Reply history = api.get(person.path("/access-history?limit=50"), person.patient);
    assertThat(history.status()).isEqualTo(200);
    List<JsonObject> byApp =
        history.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
            .filter(e -> e.getJsonObject("actor").getString("role").equals("APP"))
            .toList();
    assertThat(byApp).isNotEmpty();
    assertThat(byApp.get(0).getString("summary")).contains("Suivi Diabète " + clientId);
    assertThat(byApp.get(0).getJsonObject("actor").getString("professionLabel"))
        .isEqualTo("Suivi Diabète " + clientId);

    Api.Reply listed = api.get(person.path("/apps"), person.patient);
    assertThat(
            listed.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("id")))
        .containsExactly(connection);
    Api.Reply revoked =
        api.send("DELETE", person.path("/apps/" + connection), person.patient, null, null);
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    Api.Reply afterRevocation = api.get(person.path("/documents/" + person.lab), app);
    assertThat(afterRevocation.status()).isEqualTo(403);
    assertThat(afterRevocation.code()).isEqualTo("APP_NOT_CONNECTED");
    assertThat(
            api.send("DELETE", person.path("/apps/" + connection), person.patient, null, null)
                .code())
        .isEqualTo("APP_CONNECTION_NOT_FOUND");

    assertThat(person.refusals())
        .contains(
            "APP:DOCUMENT_READ:APP_CLASS_NOT_GRANTED",
            "APP:DOCUMENT_READ:APP_NOT_CONNECTED",
            "APP:DOCUMENT_SEARCH:APP_NOT_CONNECTED");
    assertThat(other.refusals()).contains("APP:DOCUMENT_SEARCH:NOT_OWN_RECORD");
  }

  @Test
  void anUnreferencedAzpGetsNothingAndCarnetsOwnClientsStayThePatient() {
    Person person = new Person();
    Api.Reply unknown = api.get(person.path("/documents"), person.appToken("never-referenced"));
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(403);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.code()).isEqualTo("APP_NOT_REFERENCED");
    assertThat(person.refusals()).contains("APP:DOCUMENT_SEARCH:APP_NOT_REFERENCED");
    // A token of Carnet's own client (azp in carnet.auth.first-party-clients), or without azp, is
    // the patient's.
    String own = carnet.token("patient", Map.of("ins", person.nir, "azp", "carnet-web"));
    Api.Reply mine = api.get(person.path("/documents"), own);
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.json().getJsonArray("items")).hasSize(2);
    // An azp no catalogue entry can have (too long for a client id) is nobody, refused whole.
    Api.Reply malformed = api.get(person.path("/documents"), person.appToken("x".repeat(300)));
    assertThat(malformed.status()).isEqualTo(403);
    assertThat(malformed.code()).isEqualTo("FORBIDDEN");
    // A token naming itself an app by its groups is nobody.
    String forged = carnet.tokens().mint(List.of("app"), Map.of("sub", "x", "ins", person.nir), 5);
    assertThat(api.get(person.path("/documents"), forged).status()).isEqualTo(403);
  }

  @Test
  void aSuspendedAppGetsNothingAtOnceAndReinstatementTakesTwo() {
    Person person = new Person();
    String clientId = clientId();
    String appId = referenced(clientId);
    assertThat(person.connectApp(clientId, "\"documents:read:LAB\"", "P30D").status())
        .isEqualTo(201);
    String app = person.appToken(clientId);
    assertThat(api.get(person.path("/documents/" + person.lab), app).status()).isEqualTo(200);

    Api.Reply suspended =
        api.post(
            CATALOGUE + "/apps/" + appId + "/suspension",
            admin,
            "{\"reason\":\"Faille signalée\"}");
    assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
    assertThat(suspended.json().getString("status")).isEqualTo("SUSPENDED");
    Api.Reply refused = api.get(person.path("/documents/" + person.lab), app);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("APP_SUSPENDED");
    // Its agenda pushes too: the suspension comes before any scope.
    Api.Reply push = api.post(PUSH, app, appointment("rdv-suspended", "BOOKED", ""));
    assertThat(push.status()).as(push.toString()).isEqualTo(403);
    assertThat(push.code()).isEqualTo("APP_SUSPENDED");
    assertThat(agenda(person)).isEmpty();
    assertThat(patientCatalogue(person.patient)).doesNotContain(clientId);
    assertThat(person.refusals())
        .contains("APP:DOCUMENT_READ:APP_SUSPENDED", "APP:APPOINTMENT_PUSH:APP_SUSPENDED");

    Api.Reply asked = api.post(CATALOGUE + "/apps/" + appId + "/reinstatement", admin, "");
    assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
    String request = asked.json().getJsonObject("pending").getString("id");
    assertThat(api.post(CATALOGUE + "/apps/" + appId + "/reinstatement", admin, "").code())
        .isEqualTo("APP_STATE_CONFLICT");
    assertThat(api.post(CATALOGUE + "/requests/" + request + "/approval", admin, "").code())
        .isEqualTo("SAME_STAFF_MEMBER");
    assertThat(api.get(person.path("/documents/" + person.lab), app).code())
        .isEqualTo("APP_SUSPENDED");
    Api.Reply reinstated =
        api.post(CATALOGUE + "/requests/" + request + "/approval", secondAdmin, "");
    assertThat(reinstated.json().getString("status")).isEqualTo("REFERENCED");
    assertThat(api.get(person.path("/documents/" + person.lab), app).status()).isEqualTo(200);
  }

  @Test
  void anAgentListsAndRevokesOnlyForAConfirmedCallerWhoIsTold() throws Exception {
    Person person = new Person();
    String clientId = clientId();
    referenced(clientId);
    Api.Reply connected = person.connectApp(clientId, "\"documents:read:LAB\"", "P30D");
    assertThat(connected.status()).isEqualTo(201);
    String connection = connected.json().getString("id");
    String agent =
        carnet.token("agent", Map.of("sub", "agent-catalogue-" + SERIAL.incrementAndGet()));

    Api.Reply unconfirmed = api.get(person.path("/apps"), agent);
    assertThat(unconfirmed.status()).as(unconfirmed.toString()).isEqualTo(403);
    assertThat(unconfirmed.code()).isEqualTo("CALLER_NOT_CONFIRMED");
    Api.Reply revokeUnconfirmed =
        api.send("DELETE", person.path("/apps/" + connection), agent, null, null);
    assertThat(revokeUnconfirmed.code()).isEqualTo("CALLER_NOT_CONFIRMED");
    assertThat(api.get(person.path("/documents/" + person.lab), person.appToken(clientId)).status())
        .isEqualTo(200);
    // An agent never connects an app for anyone.
    assertThat(
            api.post(
                    person.path("/apps"),
                    agent,
                    "{\"clientId\":\""
                        + clientId
                        + "\",\"scopes\":[\"documents:read:LAB\"],\"duration\":\"P1D\"}")
                .status())
        .isEqualTo(403);

    Callers.confirm(api, agent, person.id, People.lookupBody(person.nir, person.traits), null);
    Api.Reply listed = api.get(person.path("/apps"), agent);
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    assertThat(listed.json().getJsonArray("items").getJsonObject(0).getString("clientId"))
        .isEqualTo(clientId);
    Api.Reply revoked = api.send("DELETE", person.path("/apps/" + connection), agent, null, null);
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    assertThat(api.get(person.path("/documents/" + person.lab), person.appToken(clientId)).code())
        .isEqualTo("APP_NOT_CONNECTED");
    assertThat(person.refusals())
        .contains("AGENT:APP_LIST:CALLER_NOT_CONFIRMED", "AGENT:APP_REVOKE:CALLER_NOT_CONFIRMED");
    assertThat(agentChanges(person.id)).isEqualTo(1);
    // A representative or proxy is not the person: connecting stays the person's own (policy
    // table); the patient sees the agent's act in their history.
    Api.Reply history = api.get(person.path("/access-history?limit=50"), person.patient);
    assertThat(
            history.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("action") + ":" + e.getJsonObject("actor").getString("role")))
        .contains("APP_REVOKE:AGENT");
  }

  @Test
  void anAppWritesThePersonsOwnDocumentsOnlyWithTheWriteScope() {
    Person person = new Person();
    String clientId = clientId();
    referenced(clientId);
    String upload =
        "{\"uniqueId\":\"glycemie-1\",\"title\":\"Relevé de glycémie\",\"authoredAt\":\"2026-11-30\","
            + "\"contentType\":\"application/pdf\",\"content\":\""
            + Documents.base64(Documents.pdf(300))
            + "\"}";
    assertThat(person.connectApp(clientId, "\"documents:read:LAB\"", "P30D").status())
        .isEqualTo(201);
    Api.Reply refused = api.post("/api/v1/documents", person.appToken(clientId), upload);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("APP_SCOPE_NOT_GRANTED");

    // Connected again with the write scope: the new grant replaces the old one.
    assertThat(person.connectApp(clientId, "\"documents:write\"", "P30D").status()).isEqualTo(201);
    Api.Reply filed = api.post("/api/v1/documents", person.appToken(clientId), upload);
    assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
    assertThat(filed.json().getString("class")).isEqualTo("PATIENT");
    assertThat(filed.json().getString("recordId")).isEqualTo(person.id);
    // Written, not read: the read scope went with the replaced grant.
    assertThat(api.get(person.path("/documents/" + person.lab), person.appToken(clientId)).code())
        .isEqualTo("APP_SCOPE_NOT_GRANTED");
    Api.Reply connected = api.get(person.path("/apps"), person.patient);
    assertThat(connected.json().getJsonArray("items")).hasSize(1);
    assertThat(person.refusals()).contains("APP:DOCUMENT_PUBLISH:APP_SCOPE_NOT_GRANTED");
  }

  private static final String PUSH = "/api/v1/agenda/appointments";

  /** An appointment as a booking app sends it; {@code extra} adds fields (patient, source). */
  private static String appointment(String externalId, String status, String extra) {
    return "{"
        + extra
        + "\"externalId\":\""
        + externalId
        + "\",\"professional\":{\"rpps\":\"10777777701\",\"name\":\"Dr Martin\"},"
        + "\"location\":{\"label\":\"Cabinet\"},\"start\":\"2027-01-14T09:00:00Z\","
        + "\"end\":\"2027-01-14T09:30:00Z\",\"status\":\""
        + status
        + "\"}";
  }

  private static String named(Person person) {
    return "\"patient\":{\"ins\":" + People.ins(person.nir) + ",\"traits\":" + person.traits + "},";
  }

  @Test
  void anAppWritesAppointmentsIntoItsOwnPatientsAgendaOnlyWithTheScopeUntilRevoked() {
    Person person = new Person();
    Person other = new Person();
    String clientId = clientId();
    referenced(clientId);
    String app = person.appToken(clientId);

    // Connected without appointments:write: refused with its code, nothing stored.
    assertThat(person.connectApp(clientId, "\"documents:read:LAB\"", "P30D").status())
        .isEqualTo(201);
    Api.Reply unscoped = api.post(PUSH, app, appointment("rdv-1", "BOOKED", ""));
    assertThat(unscoped.status()).as(unscoped.toString()).isEqualTo(403);
    assertThat(unscoped.contentType()).startsWith("application/problem+json");
    assertThat(unscoped.code()).isEqualTo("APP_SCOPE_NOT_GRANTED");
    assertThat(agenda(person)).isEmpty();

    // Granted: the app writes into its patient's agenda, sourced by its client id, idempotent on
    // its external id (the same id moves the one appointment).
    Api.Reply connected = person.connectApp(clientId, "\"appointments:write\"", "P30D");
    assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
    String connection = connected.json().getString("id");
    Api.Reply booked = api.post(PUSH, app, appointment("rdv-1", "BOOKED", ""));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    assertThat(booked.json().getString("recordId")).isEqualTo(person.id);
    assertThat(booked.json().getString("source")).isEqualTo(clientId);
    String id = booked.json().getString("id");
    Api.Reply moved = api.post(PUSH, app, appointment("rdv-1", "MOVED", named(person)));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.json().getString("id")).isEqualTo(id);
    List<JsonObject> seen = agenda(person);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).getString("id")).isEqualTo(id);
    assertThat(seen.get(0).getString("source")).isEqualTo(clientId);
    assertThat(seen.get(0).getString("status")).isEqualTo("MOVED");

    // Its own patient only: naming another is refused before any look-up; no other source.
    Api.Reply elsewhere = api.post(PUSH, app, appointment("rdv-2", "BOOKED", named(other)));
    assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(404);
    assertThat(elsewhere.code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(agenda(other)).isEmpty();
    Api.Reply posing =
        api.post(PUSH, app, appointment("rdv-2", "BOOKED", "\"source\":\"doctolib\","));
    assertThat(posing.status()).isEqualTo(400);
    assertThat(posing.code()).isEqualTo("VALIDATION_FAILED");

    // Each owner's ids are its own: a professional pushing under the app's client id as source
    // makes an appointment of its own and never changes the app's, nor the app a professional's.
    String asApp = "\"source\":\"" + clientId + "\",";
    Api.Reply professionalsOwn =
        api.post(PUSH, gp, appointment("rdv-1", "CANCELLED", named(person) + asApp));
    assertThat(professionalsOwn.status()).as(professionalsOwn.toString()).isEqualTo(201);
    assertThat(professionalsOwn.json().getString("id")).isNotEqualTo(id);
    Api.Reply professionals =
        api.post(PUSH, gp, appointment("pro-1", "BOOKED", named(person) + asApp));
    assertThat(professionals.status()).as(professionals.toString()).isEqualTo(201);
    Api.Reply appsOwn = api.post(PUSH, app, appointment("pro-1", "CANCELLED", ""));
    assertThat(appsOwn.status()).as(appsOwn.toString()).isEqualTo(201);
    assertThat(appsOwn.json().getString("id")).isNotEqualTo(professionals.json().getString("id"));
    assertThat(agenda(person).stream().map(a -> a.getString("status")))
        .containsExactlyInAnyOrder("MOVED", "CANCELLED", "BOOKED", "CANCELLED");

    // It writes, and reads nothing of the agenda: no scope reads it.
    Api.Reply reading = api.get("/api/v1/agenda/records/" + person.id + "/appointments", app);
    assertThat(reading.status()).isEqualTo(403);
    assertThat(reading.code()).isEqualTo("FORBIDDEN");
    Api.Reply adding =
        api.post(
            "/api/v1/agenda/records/" + person.id + "/appointments",
            app,
            "{\"who\":\"Dentiste\",\"location\":{\"label\":\"Ici\"},"
                + "\"start\":\"2027-01-15T09:00:00Z\",\"end\":\"2027-01-15T09:30:00Z\"}");
    assertThat(adding.status()).isEqualTo(403);
    assertThat(adding.code()).isEqualTo("FORBIDDEN");

    // The history names the app for its pushes.
    Api.Reply history = api.get(person.path("/access-history?limit=50"), person.patient);
    assertThat(history.status()).isEqualTo(200);
    List<JsonObject> pushes =
        history.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
            .filter(e -> e.getString("action").equals("APPOINTMENT_PUSH"))
            .filter(e -> e.getJsonObject("actor").getString("role").equals("APP"))
            .filter(e -> e.getString("outcome").equals("PERMIT"))
            .toList();
    assertThat(pushes).hasSize(3);
    assertThat(pushes.get(0).getString("summary"))
        .contains("Suivi Diabète " + clientId)
        .contains("rendez-vous");

    // Revoked: refused at once.
    assertThat(
            api.send("DELETE", person.path("/apps/" + connection), person.patient, null, null)
                .status())
        .isEqualTo(204);
    Api.Reply afterRevocation = api.post(PUSH, app, appointment("rdv-1", "CANCELLED", ""));
    assertThat(afterRevocation.status()).as(afterRevocation.toString()).isEqualTo(403);
    assertThat(afterRevocation.code()).isEqualTo("APP_NOT_CONNECTED");
    assertThat(agenda(person).stream().map(a -> a.getString("status")))
        .containsExactlyInAnyOrder("MOVED", "CANCELLED", "BOOKED", "CANCELLED");

    assertThat(person.refusals())
        .contains(
            "APP:APPOINTMENT_PUSH:APP_SCOPE_NOT_GRANTED",
            "APP:AGENDA_READ:ROLE_NOT_ALLOWED",
            "APP:APPOINTMENT_WRITE:ROLE_NOT_ALLOWED",
            "APP:APPOINTMENT_PUSH:APP_NOT_CONNECTED");
  }

  private List<JsonObject> agenda(Person person) {
    Api.Reply listed =
        api.get("/api/v1/agenda/records/" + person.id + "/appointments", person.patient);
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    try (jakarta.json.JsonReader reader =
        jakarta.json.Json.createReader(new java.io.StringReader(listed.body()))) {
      return reader.readArray().getValuesAs(JsonObject.class);
    }
  }

  /** Review items: an app or the person hiding their own upload; two apps' unique ids. */
  @Test
  void theUploadsOfThePersonAreNeverWithheldAndEachAppHasItsOwnUniqueIds() {
    Person person = new Person();
    String one = clientId();
    String other = clientId();
    referenced(one);
    referenced(other);
    assertThat(person.connectApp(one, "\"documents:write\"", "P30D").status()).isEqualTo(201);
    assertThat(person.connectApp(other, "\"documents:write\"", "P30D").status()).isEqualTo(201);
    String withheld =
        "{\"uniqueId\":\"cache-1\",\"title\":\"Relevé\",\"authoredAt\":\"2026-11-30\","
            + "\"contentType\":\"application/pdf\",\"withheldFromPatient\":true,\"content\":\""
            + Documents.base64(Documents.pdf(300))
            + "\"}";
    for (String token : List.of(person.appToken(one), person.patient)) {
      Api.Reply refused = api.post("/api/v1/documents", token, withheld);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
    }
    // Nothing stored: the person still has the two reports only.
    Api.Reply mine = api.get(person.path("/documents"), person.patient);
    assertThat(mine.json().getJsonArray("items")).hasSize(2);

    // The same unique id from two apps: two documents, neither answered with the other's.
    String measure = measure("mesure-1");
    String first = upload(person.appToken(one), measure);
    String second = upload(person.appToken(other), measure("mesure-1"));
    assertThat(second).isNotEqualTo(first);
    // The same push again from the first app is answered with the document it made.
    assertThat(upload(person.appToken(one), measure)).isEqualTo(first);
    assertThat(api.get(person.path("/documents"), person.patient).json().getJsonArray("items"))
        .hasSize(4);
  }

  private static String measure(String uniqueId) {
    return "{\"uniqueId\":\""
        + uniqueId
        + "\",\"title\":\"Mesure\",\"authoredAt\":\"2026-11-30\","
        + "\"contentType\":\"application/pdf\",\"content\":\""
        + Documents.base64(Documents.pdf(300))
        + "\"}";
  }

  private String upload(String token, String body) {
    Api.Reply filed = api.post("/api/v1/documents", token, body);
    assertThat(filed.status()).as(filed.toString()).isIn(200, 201);
    return filed.json().getString("id");
  }

  /** Review item: /fhir had no coarse role check for an app's token. */
  @Test
  void anAppsTokenIsRefusedAtFhir() {
    Person person = new Person();
    String clientId = clientId();
    referenced(clientId);
    assertThat(person.connectApp(clientId, "\"documents:read:LAB\"", "P30D").status())
        .isEqualTo(201);
    String search = "/fhir/DocumentReference?patient=Patient/" + person.id;
    Api.Reply refused = api.get(search, person.appToken(clientId));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/fhir+json");
    assertThat(refused.json().getString("resourceType")).isEqualTo("OperationOutcome");
    assertThat(refused.body()).contains("FORBIDDEN");
    // The person's own token is served as before.
    Api.Reply own = api.get(search, person.patient);
    assertThat(own.status()).as(own.toString()).isEqualTo(200);
  }

  /** Review item: declaring exchangesData false skipped the reinforced criteria. */
  @Test
  void anAppWithDataScopesCannotDeclareItExchangesNoData() {
    String clientId = clientId();
    String base = "[\"ETHICS\",\"SECURITY\",\"TRANSPARENCY\"]";
    for (String scopes :
        List.of("\"documents:read:LAB\"", "\"documents:write\"", "\"profile:read\"")) {
      Api.Reply refused =
          api.post(
              CATALOGUE + "/apps",
              admin,
              submission(clientId, scopes, base)
                  .replace("\"exchangesData\":true", "\"exchangesData\":false"));
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.code()).isEqualTo("APP_CRITERIA_INCOMPLETE");
    }
    // Nothing stored: the client id is still free.
    referenced(clientId);
  }

  /** Review items: an out-of-range or overlong duration, and the refused actor's trace. */
  @Test
  void aDurationOutOfRangeIsABadRequestAndARefusedActorIsTracedFirst() {
    Person person = new Person();
    String clientId = clientId();
    referenced(clientId);
    for (String duration : List.of("P999999999Y", "P" + "9".repeat(40) + "D", "PT999999999999H")) {
      Api.Reply refused = person.connectApp(clientId, "\"documents:read:LAB\"", duration);
      assertThat(refused.status()).as(duration + " " + refused).isEqualTo(400);
      assertThat(refused.code()).isEqualTo("APP_GRANT_DURATION_INVALID");
    }
    assertThat(api.get(person.path("/apps"), person.patient).json().getJsonArray("items"))
        .isEmpty();
    // Another patient connecting an app to this record is refused and traced whatever the
    // duration they send (it was a 400, untraced, when the duration was read first).
    Person other = new Person();
    Api.Reply stranger =
        api.post(
            person.path("/apps"),
            other.patient,
            "{\"clientId\":\""
                + clientId
                + "\",\"scopes\":[\"documents:read:LAB\"],\"duration\":\"soon\"}");
    assertThat(stranger.status()).as(stranger.toString()).isEqualTo(404);
    assertThat(stranger.code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(person.refusals()).contains("PATIENT:APP_CONNECT:NOT_OWN_RECORD");
  }

  private long agentChanges(String recordId) throws Exception {
    Map<String, String> env = carnet.server().database().environment();
    try (Connection db =
            DriverManager.getConnection(
                env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
        PreparedStatement query =
            db.prepareStatement(
                "select count(*) from notification where record_id = ?::uuid and kind = 'AGENT_CHANGE'")) {
      query.setString(1, recordId);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
