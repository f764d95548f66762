package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trail read back over HTTP: every access leaves exactly one trace, auditors search and export
 * it (and are traced doing so), and the patient reads their history in words.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceabilityE2EIT {

  private CarnetServer carnet;
  private Api api;
  private String gp;
  private String auditor;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional");
    this.auditor = carnet.token("auditor");
  }

  private record Person(String nir, String id, String patient) {}

  private Person person() {
    String nir = People.newNir();
    Api.Reply created =
        api.post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true));
    assertThat(created.status()).isEqualTo(201);
    return new Person(
        nir, created.json().getString("id"), carnet.token("patient", Map.of("ins", nir)));
  }

  private List<JsonObject> items(Api.Reply page) {
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.json().getJsonArray("items").getValuesAs(JsonObject.class);
  }

  private List<String> actionsOf(String record) {
    List<String> actions = new ArrayList<>();
    for (JsonObject trace :
        items(api.get("/api/v1/audit/traces?limit=500&record=" + record, auditor))) {
      actions.add(trace.getString("action") + " " + trace.getString("outcome"));
    }
    java.util.Collections.reverse(actions);
    return actions;
  }

  @Test
  void everyAccessLeavesExactlyOneTrace() {
    Person person = person();
    String records = "/api/v1/records/" + person.id();
    String document =
        api.post(
                "/api/v1/documents",
                gp,
                Documents.about(person.nir(), People.marie(), "11502-2", false))
            .json()
            .getString("id");
    String otherGp = carnet.token("professional", Map.of("rpps", "10202020202"));

    api.post(records + "/agreements", gp, "{\"mode\":\"NORMAL\"}");
    api.get(records + "/documents", gp);
    api.get(records + "/documents/" + document, gp);
    api.get(records + "/documents/" + document + "/content", gp);
    api.get(records + "/documents/" + document, otherGp);
    api.get(records + "/profile", gp);
    api.get(records + "/documents", person.patient());

    assertThat(actionsOf(person.id()))
        .containsExactly(
            "RECORD_CREATE PERMIT",
            "DOCUMENT_PUBLISH PERMIT",
            "GRANT_CREATE PERMIT",
            "DOCUMENT_SEARCH PERMIT",
            "DOCUMENT_READ PERMIT",
            "CONTENT_READ PERMIT",
            "DOCUMENT_READ DENY",
            "PROFILE_READ PERMIT",
            "DOCUMENT_SEARCH PERMIT",
            // The auditor's own search, in the same transaction as what it reads.
            "AUDIT_SEARCH PERMIT");
  }

  @Test
  void aTraceCarriesTheRequestIdAndNoNir() {
    Person person = person();
    Api.Reply mine =
        api.send(
            api.request("/api/v1/records/mine", person.patient())
                .header("X-Request-Id", "integrator-42")
                .GET());
    Api.Reply generated = api.get("/api/v1/records/mine", person.patient());

    assertThat(mine.header("X-Request-Id")).hasValue("integrator-42");
    assertThat(generated.header("X-Request-Id")).isPresent();
    List<JsonObject> traces =
        items(
            api.get("/api/v1/audit/traces?action=RECORD_READ_OWN&record=" + person.id(), auditor));
    assertThat(traces)
        .extracting(t -> t.getString("requestId"))
        .containsExactly(generated.header("X-Request-Id").orElseThrow(), "integrator-42");
    Api.Reply csv = api.get("/api/v1/audit/export?record=" + person.id(), auditor);
    assertThat(csv.body())
        .doesNotContain(person.nir())
        .doesNotContain(person.nir().substring(0, 13));
  }

  @Test
  void auditorsSearchByActorModeAndOutcomeAndAreTracedDoingSo() {
    Person person = person();
    String records = "/api/v1/records/" + person.id();
    String emergency =
        carnet.token("professional", Map.of("rpps", "10707070707", "specialty", "emergency"));
    api.post(records + "/agreements", emergency, "{\"mode\":\"BREAK_GLASS\",\"reason\":\"Coma\"}");
    api.get(records + "/documents", emergency);
    api.get(records + "/documents", carnet.token("professional", Map.of("rpps", "10808080808")));

    List<JsonObject> breakGlass =
        items(api.get("/api/v1/audit/traces?mode=BREAK_GLASS&record=" + person.id(), auditor));
    assertThat(breakGlass)
        .extracting(t -> t.getString("action"))
        .containsExactly("DOCUMENT_SEARCH", "GRANT_CREATE");
    assertThat(breakGlass.get(1).getString("detail")).isEqualTo("Coma");
    assertThat(breakGlass.get(1).getJsonObject("actor").getString("professionLabel"))
        .isEqualTo("Médecin");
    assertThat(items(api.get("/api/v1/audit/traces?outcome=DENY&record=" + person.id(), auditor)))
        .singleElement()
        .satisfies(t -> assertThat(t.getString("reason")).isEqualTo("NO_AGREEMENT"));
    assertThat(items(api.get("/api/v1/audit/traces?actor=10707070707", auditor))).hasSize(2);

    // Paging: a stable next link until the end.
    Api.Reply first = api.get("/api/v1/audit/traces?limit=2&record=" + person.id(), auditor);
    String next = first.json().getString("next");
    List<JsonObject> second = items(api.get(next.replace(api.base(), ""), auditor));
    assertThat(second.get(0).getJsonNumber("id").longValue())
        .isLessThan(items(first).get(1).getJsonNumber("id").longValue());

    // The auditor's own searches are in the trail.
    assertThat(
            items(api.get("/api/v1/audit/traces?action=AUDIT_SEARCH&actor=auditor-dev", auditor)))
        .isNotEmpty();
    for (String role : List.of("agent", "admin", "professional", "patient")) {
      assertThat(api.get("/api/v1/audit/traces", carnet.token(role)).status())
          .as(role)
          .isEqualTo(403);
      assertThat(api.get("/api/v1/audit/export", carnet.token(role)).status())
          .as(role)
          .isEqualTo(403);
    }
    assertThat(api.get("/api/v1/audit/traces?mode=SOMETIMES", auditor).code())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(api.get("/api/v1/audit/traces?cursor=x", auditor).code())
        .isEqualTo("CURSOR_INVALID");
  }

  @Test
  void theExportIsCsvWithEveryMatchingTraceAndNoFormulas() {
    Person person = person();
    String records = "/api/v1/records/" + person.id();
    String emergency =
        carnet.token("professional", Map.of("rpps", "10909090909", "specialty", "emergency"));
    api.post(
        records + "/agreements",
        emergency,
        "{\"mode\":\"BREAK_GLASS\",\"reason\":\"=HYPERLINK(\\\"x\\\"), inconscient\"}");

    Api.Reply csv = api.get("/api/v1/audit/export?record=" + person.id(), auditor);

    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).startsWith("id,at,actor_role");
    assertThat(lines).hasSize(1 + 3);
    assertThat(lines[1]).contains("AUDIT_EXPORT");
    assertThat(lines[2])
        .contains("GRANT_CREATE")
        .contains("\"'=HYPERLINK(\"\"x\"\"), inconscient\"");
    assertThat(lines[3]).contains("RECORD_CREATE");
  }

  @Test
  void thePatientReadsTheirHistoryInWords() {
    Person person = person();
    String records = "/api/v1/records/" + person.id();
    api.post(
        "/api/v1/documents", gp, Documents.about(person.nir(), People.marie(), "11502-2", false));
    String emergency =
        carnet.token("professional", Map.of("rpps", "10606060660", "specialty", "emergency"));
    api.post(records + "/agreements", emergency, "{\"mode\":\"BREAK_GLASS\",\"reason\":\"Coma\"}");
    api.get(records + "/documents", emergency);

    List<JsonObject> history = items(api.get(records + "/access-history", person.patient()));

    assertThat(history)
        .extracting(e -> e.getString("summary"))
        .startsWith(
            "Vous ou votre représentant légal a consulté l'historique des accès",
            "Médecin (RPPS 10606060660) a consulté la liste de vos documents",
            "Médecin (RPPS 10606060660) a ouvert votre dossier en urgence (bris de glace)",
            "Médecin (RPPS 10101010101) a ajouté un document");
    assertThat(history.get(1).getString("mode")).isEqualTo("BREAK_GLASS");
    assertThat(history.get(2).getString("reason")).isEqualTo("Coma");
    assertThat(history.get(1).containsKey("reason")).isFalse();
    // Paged, newest first; only the patient's side reads it.
    Api.Reply page = api.get(records + "/access-history?limit=1", person.patient());
    assertThat(items(page)).hasSize(1);
    assertThat(page.json().getString("next")).contains("cursor=");
    assertThat(api.get(records + "/access-history", gp).status()).isEqualTo(403);
    assertThat(api.get(records + "/access-history", auditor).status()).isEqualTo(403);
  }

  @Test
  void theChainsHoldAndOneRowChangedOrDeletedBehindCarnetsBackIsFound() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        carnet.server().database().isEmbedded(), "needs the embedded database's superuser");
    Person person = person();
    long created =
        items(api.get("/api/v1/audit/traces?action=RECORD_CREATE&record=" + person.id(), auditor))
            .get(0)
            .getJsonNumber("id")
            .longValue();

    JsonObject first = api.get("/api/v1/audit/integrity", auditor).json();
    JsonObject again = api.get("/api/v1/audit/integrity", auditor).json();
    assertThat(first.getBoolean("verified")).as(first.toString()).isTrue();
    assertThat(first.getInt("chains")).isEqualTo(64);
    // Incremental: the second check hashes only what came since the first.
    assertThat(again.getBoolean("verified")).isTrue();
    assertThat(again.getJsonNumber("checked").longValue())
        .isLessThan(first.getJsonNumber("checked").longValue())
        .isLessThanOrEqualTo(3);

    // The audit tree trails the writes by its interval: caught up now, so that it covers the trace
    // as written, not as changed below.
    assertThat(api.post("/api/v1/audit/tree-heads", auditor, "").status()).isEqualTo(200);

    try (java.sql.Connection superuser = carnet.server().database().superuserConnection();
        java.sql.Statement sql = superuser.createStatement()) {
      sql.execute("create temporary table saved as select * from trace where id = " + created);
      sql.execute("update trace set actor_id = 'someone-else' where id = " + created);
      JsonObject altered = api.get("/api/v1/audit/integrity?full=true", auditor).json();

      sql.execute("delete from trace where id = " + created);
      JsonObject deleted = api.get("/api/v1/audit/integrity?full=true", auditor).json();

      sql.execute("insert into trace select * from saved");
      JsonObject restored = api.get("/api/v1/audit/integrity?full=true", auditor).json();

      assertThat(altered.getBoolean("verified")).isFalse();
      assertThat(altered.getJsonObject("firstBroken").getString("problem")).isEqualTo("ALTERED");
      assertThat(altered.getJsonObject("firstBroken").getJsonNumber("traceId").longValue())
          .isEqualTo(created);
      assertThat(deleted.getBoolean("verified")).isFalse();
      assertThat(deleted.getJsonObject("firstBroken").getString("problem")).isEqualTo("MISSING");
      assertThat(deleted.getJsonObject("firstBroken").getInt("chain"))
          .isEqualTo(altered.getJsonObject("firstBroken").getInt("chain"));
      assertThat(restored.getBoolean("verified")).as(restored.toString()).isTrue();
    }
    assertThat(api.get("/api/v1/audit/integrity", carnet.token("admin")).status()).isEqualTo(403);
  }

  @Test
  void seededAnomaliesAreReported() {
    // Physiotherapists, a profession no other test reads with: one reads 8 records, three read 1.
    String heavy = physiotherapist("70121212121");
    for (int i = 0; i < 8; i++) {
      read(heavy, person());
    }
    for (String peer : List.of("70212121212", "70313131313", "70414141414")) {
      read(physiotherapist(peer), person());
    }
    Person target = person();
    String prowler = carnet.token("professional", Map.of("rpps", "10131313131"));
    for (int i = 0; i < 6; i++) {
      assertThat(api.get("/api/v1/records/" + target.id() + "/documents", prowler).status())
          .isEqualTo(403);
    }
    // Another professional's flood of refusals in the same minutes, more than the report's 100
    // rows: it must not push the prowler's burst out of the report (one row per actor).
    String flooder = carnet.token("professional", Map.of("rpps", "10151515151"));
    for (int i = 0; i < 120; i++) {
      assertThat(api.get("/api/v1/records/" + target.id() + "/documents", flooder).status())
          .isEqualTo(403);
    }
    String emergency =
        carnet.token("professional", Map.of("rpps", "10141414141", "specialty", "emergency"));
    api.post(
        "/api/v1/records/" + target.id() + "/agreements",
        emergency,
        "{\"mode\":\"BREAK_GLASS\",\"reason\":\"Arrêt cardiaque\"}");

    Api.Reply reply = api.get("/api/v1/audit/anomalies", auditor);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    JsonObject anomalies = reply.json();
    assertThat(anomalies.getJsonArray("heavyReaders").getValuesAs(JsonObject.class))
        .anySatisfy(
            h -> {
              assertThat(h.getString("rpps")).isEqualTo("70121212121");
              assertThat(h.getJsonNumber("records").longValue()).isEqualTo(8);
              assertThat(h.getJsonNumber("peerMedian").doubleValue()).isEqualTo(1.0);
            })
        .noneSatisfy(h -> assertThat(h.getString("rpps")).isEqualTo("70212121212"));
    assertThat(anomalies.getJsonArray("refusalBursts").getValuesAs(JsonObject.class))
        .anySatisfy(
            b -> {
              assertThat(b.getString("rpps", "")).isEqualTo("10131313131");
              assertThat(b.getJsonNumber("refusals").longValue()).isEqualTo(6);
            });
    assertThat(anomalies.getJsonArray("outsideCareRelationship").getValuesAs(JsonObject.class))
        .filteredOn(t -> t.getJsonObject("actor").getString("rpps", "").equals("10131313131"))
        .hasSize(6);
    assertThat(anomalies.getJsonArray("emergencyAccesses").getValuesAs(JsonObject.class))
        .anySatisfy(t -> assertThat(t.getString("detail")).isEqualTo("Arrêt cardiaque"));
    assertThat(anomalies.getJsonArray("nightTime").getValuesAs(JsonObject.class))
        .anySatisfy(
            t ->
                assertThat(t.getJsonObject("actor").getString("rpps", ""))
                    .isEqualTo("70121212121"));
    assertThat(api.get("/api/v1/audit/anomalies", carnet.token("admin")).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/audit/anomalies?from=2026-12-01&to=2026-11-01", auditor).code())
        .isEqualTo("VALIDATION_FAILED");
  }

  private String physiotherapist(String rpps) {
    return carnet.token("professional", Map.of("rpps", rpps, "profession", "70", "specialty", ""));
  }

  private void read(String professional, Person person) {
    api.post(
        "/api/v1/records/" + person.id() + "/agreements", professional, "{\"mode\":\"NORMAL\"}");
    assertThat(api.get("/api/v1/records/" + person.id() + "/documents", professional).status())
        .isEqualTo(200);
  }
}
