package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an app's token meets besides its grant (security.md CA27–CA29): {@code /fhir} refuses it and
 * the refusal is traced with the app as actor and no record; {@code /records/mine} gives an app
 * with a live grant its patient's record id, and nothing else, and refuses every other standing
 * with its code, traced; a patient token without {@code azp} stays the patient while {@code
 * carnet.auth.require-azp} is off (the e2e server's setting; on, RequiredAzpTest).
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppTokensE2EIT {

  private CarnetServer carnet;
  private Api api;
  private ConnectedApps apps;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.apps = new ConnectedApps(carnet);
  }

  @Test
  void anAppRefusedAtFhirIsTracedWithTheAppAsActorAndNoRecord() {
    ConnectedApps.Person person = apps.new Person();
    String clientId = ConnectedApps.clientId();
    apps.referenced(clientId);
    person.connect(clientId);
    String token = person.appToken(clientId);

    Api.Reply search = api.get("/fhir/DocumentReference?patient=Patient/" + person.id, token);
    Api.Reply summary = api.get("/fhir/Patient/" + person.id + "/$summary", token);
    for (Api.Reply refused : List.of(search, summary)) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
      assertThat(refused.contentType()).startsWith("application/fhir+json");
      assertThat(refused.json().getString("resourceType")).isEqualTo("OperationOutcome");
      assertThat(refused.body()).contains("FORBIDDEN");
    }
    // An app nobody referenced is refused, and traced, the same way.
    String stranger = ConnectedApps.clientId();
    assertThat(api.get("/fhir/Binary/" + person.lab, person.appToken(stranger)).status())
        .isEqualTo(403);

    List<JsonObject> traced = apps.traces("outcome=DENY&actor=" + clientId);
    assertThat(traced)
        .extracting(ConnectedApps::describe)
        .containsExactlyInAnyOrder(
            "APP:DOCUMENT_SEARCH:ROLE_NOT_ALLOWED:fhir GET DocumentReference",
            "APP:SUMMARY_READ:ROLE_NOT_ALLOWED:fhir GET Patient");
    assertThat(traced)
        .allSatisfy(t -> assertThat(t.get("recordId")).isIn(null, jakarta.json.JsonValue.NULL));
    assertThat(apps.traces("outcome=DENY&actor=" + stranger))
        .extracting(ConnectedApps::describe)
        .containsExactly("APP:CONTENT_READ:ROLE_NOT_ALLOWED:fhir GET Binary");
    // The person's own token is served as before, and their record holds no such refusal.
    assertThat(
            api.get("/fhir/DocumentReference?patient=Patient/" + person.id, person.patient)
                .status())
        .isEqualTo(200);
    assertThat(person.refusals()).isEmpty();
  }

  @Test
  void anAppWithALiveGrantLearnsItsPatientsRecordIdAndNothingElse() {
    ConnectedApps.Person person = apps.new Person();
    String clientId = ConnectedApps.clientId();
    String appId = apps.referenced(clientId);
    String token = person.appToken(clientId);

    // Referenced, not connected yet.
    Api.Reply notConnected = api.get("/api/v1/records/mine", token);
    assertThat(notConnected.status()).as(notConnected.toString()).isEqualTo(403);
    assertThat(notConnected.code()).isEqualTo("APP_NOT_CONNECTED");

    String connection = person.connect(clientId);
    Api.Reply mine = api.get("/api/v1/records/mine", token);
    assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
    assertThat(mine.json().getString("id")).isEqualTo(person.id);
    assertThat(mine.json().getString("state")).isEqualTo("OPEN");
    // The record's id and state, no identity: neither the INS nor any trait.
    assertThat(mine.json().keySet()).isSubsetOf("id", "state", "createdAt", "openedAt");
    assertThat(mine.body()).doesNotContain(person.nir).doesNotContain("birthName");
    // With it, the app reaches what it was granted.
    assertThat(
            api.get("/api/v1/records/" + mine.json().getString("id") + "/documents", token)
                .status())
        .isEqualTo(200);
    List<JsonObject> permits =
        apps.traces("outcome=PERMIT&action=RECORD_READ_OWN&actor=" + clientId);
    assertThat(permits)
        .extracting(ConnectedApps::describe)
        .containsExactly("APP:RECORD_READ_OWN:APP_GRANT:");
    assertThat(permits.get(0).getString("recordId")).isEqualTo(person.id);

    // Revoked, suspended, an unreferenced client, an expired grant: refused with their codes.
    person.revoke(connection);
    assertThat(api.get("/api/v1/records/mine", token).code()).isEqualTo("APP_NOT_CONNECTED");
    person.connect(clientId);
    apps.suspend(appId);
    Api.Reply suspended = api.get("/api/v1/records/mine", token);
    assertThat(suspended.status()).isEqualTo(403);
    assertThat(suspended.code()).isEqualTo("APP_SUSPENDED");
    String unknown = ConnectedApps.clientId();
    assertThat(api.get("/api/v1/records/mine", person.appToken(unknown)).code())
        .isEqualTo("APP_NOT_REFERENCED");

    ConnectedApps.Person other = apps.new Person();
    String expiring = ConnectedApps.clientId();
    apps.referenced(expiring);
    expiredGrant(other.id, expiring);
    Api.Reply expired = api.get("/api/v1/records/mine", other.appToken(expiring));
    assertThat(expired.status()).as(expired.toString()).isEqualTo(403);
    assertThat(expired.code()).isEqualTo("APP_GRANT_EXPIRED");

    assertThat(person.refusals())
        .contains(
            "APP:RECORD_READ_OWN:APP_NOT_CONNECTED",
            "APP:RECORD_READ_OWN:APP_SUSPENDED",
            "APP:RECORD_READ_OWN:APP_NOT_REFERENCED");
    assertThat(other.refusals()).containsExactly("APP:RECORD_READ_OWN:APP_GRANT_EXPIRED");
    // An app whose token names a person without a record learns nothing: 404, as the patient.
    String nobody = carnet.token("patient", Map.of("ins", People.newNir(), "azp", clientId));
    Api.Reply none = api.get("/api/v1/records/mine", nobody);
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.code()).isEqualTo("RECORD_NOT_FOUND");
  }

  @Test
  void aPatientTokenWithoutAzpIsThePatientWhileTheSwitchIsOff() {
    ConnectedApps.Person person = apps.new Person();
    // No azp (ConnectedApps' patient token): Carnet's own client, the patient's full powers.
    Api.Reply mine = api.get("/api/v1/records/mine", person.patient);
    assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
    assertThat(mine.json().getString("id")).isEqualTo(person.id);
    Api.Reply listed = api.get(person.path("/apps"), person.patient);
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    // Carnet's own client named: the same.
    String ownClient = carnet.token("patient", Map.of("ins", person.nir, "azp", "carnet-web"));
    assertThat(api.get(person.path("/apps"), ownClient).status()).isEqualTo(200);
  }

  /** A grant that ran out yesterday, as the application would have stored it a month ago. */
  private void expiredGrant(String recordId, String clientId) {
    Map<String, String> env = carnet.server().database().environment();
    try (Connection application =
            DriverManager.getConnection(
                env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
        Statement sql = application.createStatement()) {
      sql.execute(
          "insert into app_connection (id, record_id, app_id, scopes, granted_at, expires_at)"
              + " select gen_random_uuid(), '"
              + recordId
              + "', a.id, 'documents:read:LAB', now() - interval '31 days',"
              + " now() - interval '1 day' from catalogue_app a where a.client_id = '"
              + clientId
              + "'");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
