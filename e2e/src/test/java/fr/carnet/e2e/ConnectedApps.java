package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The steps the connected-apps classes share: a person with an open record and a LAB report, an app
 * referenced by two administrators, its connection, the trail as an auditor reads it.
 */
final class ConnectedApps {

  static final String CATALOGUE = "/api/v1/catalogue";
  private static final AtomicInteger SERIAL = new AtomicInteger();
  private static final String ALL_CRITERIA =
      "[\"ETHICS\",\"SECURITY\",\"TRANSPARENCY\",\"INTEROPERABILITY\",\"SECURITY_REINFORCED\","
          + "\"REVERSIBILITY\"]";

  private final CarnetServer carnet;
  private final Api api;
  final String admin;
  final String secondAdmin;
  private final String gp;

  ConnectedApps(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.admin = carnet.token("admin", Map.of("sub", "admin-apps-rights-1"));
    this.secondAdmin = carnet.token("admin", Map.of("sub", "admin-apps-rights-2"));
    this.gp = carnet.token("professional", Map.of("rpps", "10777777702"));
  }

  /** A person with an open record and one LAB report in it. */
  final class Person {
    final String nir = People.newNir();
    final String traits = People.marie();
    final String id;
    final String patient;
    final String lab;

    Person() {
      Api.Reply created =
          api.post("/api/v1/records", carnet.token("admin"), People.createBody(nir, traits, true));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      patient = carnet.token("patient", Map.of("ins", nir));
      id = api.get("/api/v1/records/mine", patient).json().getString("id");
      Api.Reply pushed =
          api.post("/api/v1/documents", gp, Documents.about(nir, traits, "LAB", false));
      assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
      lab = pushed.json().getString("id");
    }

    /** The token an app holds for this person: the patient's, issued to the app's client. */
    String appToken(String clientId) {
      return carnet.token("patient", Map.of("ins", nir, "azp", clientId));
    }

    String path(String rest) {
      return "/api/v1/records/" + id + rest;
    }

    /** Connects the app with LAB reports only, for 30 days; returns the connection's id. */
    String connect(String clientId) {
      Api.Reply connected =
          api.post(
              path("/apps"),
              patient,
              "{\"clientId\":\""
                  + clientId
                  + "\",\"scopes\":[\"documents:read:LAB\"],\"duration\":\"P30D\"}");
      assertThat(connected.status()).as(connected.toString()).isEqualTo(201);
      return connected.json().getString("id");
    }

    void revoke(String connection) {
      Api.Reply revoked = api.send("DELETE", path("/apps/" + connection), patient, null, null);
      assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    }

    /** This record's refusals, as role:action:reason. */
    List<String> refusals() {
      return traces("outcome=DENY&record=" + id).stream()
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

  /** A trace as role:action:reason:detail. */
  static String describe(JsonObject trace) {
    return trace.getJsonObject("actor").getString("role")
        + ":"
        + trace.getString("action")
        + ":"
        + trace.getString("reason")
        + ":"
        + (trace.containsKey("detail") && !trace.isNull("detail") ? trace.getString("detail") : "");
  }

  static String clientId() {
    return "app-rights-" + System.nanoTime() % 1_000_000 + "-" + SERIAL.incrementAndGet();
  }

  /** Submitted by one administrator: the app and its pending request, as the API answers. */
  JsonObject submitted(String clientId) {
    Api.Reply submitted =
        api.post(
            CATALOGUE + "/apps",
            admin,
            "{\"clientId\":\""
                + clientId
                + "\",\"name\":\"Suivi "
                + clientId
                + "\",\"publisher\":\"Éditeur SAS\",\"exchangesData\":true,"
                + "\"scopes\":[\"documents:read:LAB\"],\"criteria\":"
                + ALL_CRITERIA
                + "}");
    assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
    return submitted.json();
  }

  /** Approved by a second administrator: referenced. */
  void approve(String requestId) {
    Api.Reply approved =
        api.post(CATALOGUE + "/requests/" + requestId + "/approval", secondAdmin, "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().getString("status")).isEqualTo("REFERENCED");
  }

  /** Referenced by two administrators, for LAB reports. Returns the app's id. */
  String referenced(String clientId) {
    JsonObject app = submitted(clientId);
    approve(app.getJsonObject("pending").getString("id"));
    return app.getString("id");
  }

  void suspend(String appId) {
    Api.Reply suspended =
        api.post(CATALOGUE + "/apps/" + appId + "/suspension", admin, "{\"reason\":\"Faille\"}");
    assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
  }

  /** The traces an auditor finds with this query (newest first, at most 200). */
  List<JsonObject> traces(String query) {
    Api.Reply traces = api.get("/api/v1/audit/traces?limit=200&" + query, carnet.token("auditor"));
    assertThat(traces.status()).as(traces.toString()).isEqualTo(200);
    return traces.json().getJsonArray("items").getValuesAs(JsonObject.class);
  }
}
