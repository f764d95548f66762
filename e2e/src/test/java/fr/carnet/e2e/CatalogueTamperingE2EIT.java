package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Security.md CA23–CA25, in the style of {@code TamperingE2EIT}: an operator with the application's
 * database credentials tries to undo what a patient's revocation and the catalogue's four eyes
 * decided — revive a revoked app, widen a grant, reference or reinstate an app alone, rewrite who
 * approved — and the database refuses each (V40): the role may no longer update those tables, its
 * inserts start pending and within the app's scopes, and the triggers keep a revocation and a
 * decision final even for the schema's owner. Over HTTP the app stays refused throughout.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogueTamperingE2EIT {

  private CarnetServer carnet;
  private Api api;
  private ConnectedApps apps;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.apps = new ConnectedApps(carnet);
  }

  private Connection application() throws SQLException {
    Map<String, String> env = carnet.server().database().environment();
    return DriverManager.getConnection(
        env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
  }

  @Test
  void aRevokedAppStaysRevokedWhateverTheApplicationsRoleWrites() throws Exception {
    ConnectedApps.Person person = apps.new Person();
    String clientId = ConnectedApps.clientId();
    apps.referenced(clientId);
    String connection = person.connect(clientId);
    String token = person.appToken(clientId);
    assertThat(api.get(person.path("/documents/" + person.lab), token).status()).isEqualTo(200);
    person.revoke(connection);
    assertThat(api.get(person.path("/documents/" + person.lab), token).code())
        .isEqualTo("APP_NOT_CONNECTED");

    String revived;
    String widened;
    String lengthened;
    boolean revokedAgain;
    try (Connection application = application();
        Statement sql = application.createStatement()) {
      revived =
          refused(
              sql,
              "update app_connection set revoked_at = null, revoked_by = null,"
                  + " revoked_by_role = null where id = '"
                  + connection
                  + "'");
      widened =
          refused(
              sql,
              "update app_connection set scopes = 'documents:read:IMAGING documents:read:LAB'"
                  + " where id = '"
                  + connection
                  + "'");
      lengthened =
          refused(
              sql,
              "update app_connection set expires_at = now() + interval '50 years' where id = '"
                  + connection
                  + "'");
      // The function the application revokes with changes nothing of a revoked connection.
      revokedAgain =
          bool(
              sql,
              "select revoke_app_connection('" + connection + "', now(), 'tampering', 'PATIENT')");
    }
    assertThat(revived).as("revoked_at set back to null").startsWith("42501 ");
    assertThat(widened).as("a grant's scopes widened").startsWith("42501 ");
    assertThat(lengthened).as("a grant's expiry pushed back").startsWith("42501 ");
    assertThat(revokedAgain).as("revoking a revoked connection again").isFalse();

    // Even the schema's owner (the superuser here) cannot revive it: the trigger is the rule.
    if (carnet.server().database().isEmbedded()) {
      String ownerRevived;
      String ownerWidened;
      try (Connection owner = carnet.server().database().superuserConnection();
          Statement sql = owner.createStatement()) {
        ownerRevived =
            refused(
                sql, "update app_connection set revoked_at = null where id = '" + connection + "'");
        ownerWidened =
            refused(
                sql,
                "update app_connection set scopes = scopes || ' documents:read:IMAGING'"
                    + " where id = '"
                    + connection
                    + "'");
      }
      assertThat(ownerRevived)
          .as("the owner reviving it")
          .startsWith("23514 ")
          .contains("a revocation is final");
      assertThat(ownerWidened).as("the owner widening it").startsWith("23514 ");
    }
    try (Connection application = application();
        Statement sql = application.createStatement()) {
      assertThat(
              bool(
                  sql,
                  "select revoked_at is not null and revoked_by_role = 'PATIENT'"
                      + " and scopes = 'documents:read:LAB' from app_connection where id = '"
                      + connection
                      + "'"))
          .as("the connection as the patient left it")
          .isTrue();
    }
    assertThat(api.get(person.path("/documents/" + person.lab), token).code())
        .isEqualTo("APP_NOT_CONNECTED");
  }

  @Test
  void theApplicationsRoleReferencesNoAppAloneAndRewritesNoDecision() throws Exception {
    ConnectedApps.Person person = apps.new Person();
    // One app pending (a first administrator's submission), one referenced then suspended.
    String pendingClient = ConnectedApps.clientId();
    JsonObject pending = apps.submitted(pendingClient);
    String pendingApp = pending.getString("id");
    String pendingRequest = pending.getJsonObject("pending").getString("id");
    String suspendedClient = ConnectedApps.clientId();
    JsonObject submitted = apps.submitted(suspendedClient);
    String approvedRequest = submitted.getJsonObject("pending").getString("id");
    apps.approve(approvedRequest);
    String suspendedApp = submitted.getString("id");
    person.connect(suspendedClient);
    apps.suspend(suspendedApp);
    String suspendedToken = person.appToken(suspendedClient);
    assertThat(api.get(person.path("/documents/" + person.lab), suspendedToken).code())
        .isEqualTo("APP_SUSPENDED");

    String referencedAlone;
    String reinstatedAlone;
    String approverRewritten;
    String insertedReferenced;
    String insertedApproved;
    String decidedAgain;
    String decidedInThePast;
    String connectedPending;
    String connectedWider;
    try (Connection application = application();
        Statement sql = application.createStatement()) {
      referencedAlone =
          refused(
              sql,
              "update catalogue_app set status = 'REFERENCED' where id = '" + pendingApp + "'");
      reinstatedAlone =
          refused(
              sql,
              "update catalogue_app set status = 'REFERENCED', suspension_reason = null"
                  + " where id = '"
                  + suspendedApp
                  + "'");
      approverRewritten =
          refused(
              sql,
              "update catalogue_request set decided_by = 'admin-apps-rights-3' where id = '"
                  + approvedRequest
                  + "'");
      insertedReferenced =
          refused(
              sql,
              "insert into catalogue_app (id, client_id, name, publisher, exchanges_data, scopes,"
                  + " status, created_at, changed_at) values (gen_random_uuid(), '"
                  + ConnectedApps.clientId()
                  + "', 'Complice', 'Complice SAS', true, 'documents:read:LAB', 'REFERENCED',"
                  + " now(), now())");
      insertedApproved =
          refused(
              sql,
              "insert into catalogue_request (id, app_id, kind, requested_at, requested_by,"
                  + " expires_at, status, decided_at, decided_by) values (gen_random_uuid(), '"
                  + suspendedApp
                  + "', 'REINSTATE', now(), 'admin-x', now() + interval '1 day', 'APPROVED',"
                  + " now(), 'admin-y')");
      // The decision's function decides a pending request once, and never a decided one again.
      decidedAgain =
          refused(
              sql,
              "select decide_catalogue_request('"
                  + approvedRequest
                  + "', true, now(), 'admin-apps-rights-3')");
      // Nor with a time of its own choosing: an old one would pass an expired request.
      decidedInThePast =
          refused(
              sql,
              "select decide_catalogue_request('"
                  + pendingRequest
                  + "', true, now() - interval '40 days', 'admin-apps-rights-3')");
      connectedPending =
          refused(
              sql,
              "insert into app_connection (id, record_id, app_id, scopes, granted_at, expires_at)"
                  + " values (gen_random_uuid(), '"
                  + person.id
                  + "', '"
                  + pendingApp
                  + "', 'documents:read:LAB', now(), now() + interval '30 days')");
      connectedWider =
          refused(
              sql,
              "insert into app_connection (id, record_id, app_id, scopes, granted_at, expires_at)"
                  + " select gen_random_uuid(), '"
                  + person.id
                  + "', a.id, 'documents:read:IMAGING documents:read:LAB', now(),"
                  + " now() + interval '30 days' from catalogue_app a where a.client_id = '"
                  + referencedClient()
                  + "'");
    }
    assertThat(referencedAlone).as("a pending app referenced alone").startsWith("42501 ");
    assertThat(reinstatedAlone).as("a suspended app reinstated alone").startsWith("42501 ");
    assertThat(approverRewritten).as("the approver rewritten").startsWith("42501 ");
    assertThat(insertedReferenced)
        .as("an app inserted referenced")
        .startsWith("23514 ")
        .contains("PENDING");
    assertThat(insertedApproved)
        .as("a request inserted approved")
        .startsWith("23514 ")
        .contains("PENDING");
    assertThat(decidedAgain).as("a decided request decided again").startsWith("23514 ");
    assertThat(decidedInThePast)
        .as("a request decided at a time long past")
        .startsWith("23514 ")
        .contains("is not now");
    assertThat(connectedPending).as("a pending app connected").startsWith("23514 ");
    assertThat(connectedWider).as("a grant wider than the app's scopes").startsWith("23514 ");

    if (carnet.server().database().isEmbedded()) {
      String ownerRewrites;
      try (Connection owner = carnet.server().database().superuserConnection();
          Statement sql = owner.createStatement()) {
        ownerRewrites =
            refused(
                sql,
                "update catalogue_request set decided_by = 'admin-apps-rights-3' where id = '"
                    + approvedRequest
                    + "'");
      }
      assertThat(ownerRewrites)
          .as("the owner rewriting the approver")
          .startsWith("23514 ")
          .contains("a decision is final");
    }

    // Nothing moved: the pending app gives nothing, the suspended one neither.
    Api.Reply pendingRead =
        api.get(person.path("/documents/" + person.lab), person.appToken(pendingClient));
    assertThat(pendingRead.code()).isEqualTo("APP_NOT_REFERENCED");
    assertThat(api.get(person.path("/documents/" + person.lab), suspendedToken).code())
        .isEqualTo("APP_SUSPENDED");
    try (Connection application = application();
        Statement sql = application.createStatement()) {
      assertThat(
              bool(
                  sql,
                  "select decided_by = 'admin-apps-rights-2' from catalogue_request where id = '"
                      + approvedRequest
                      + "'"))
          .as("the approver as the second administrator left it")
          .isTrue();
    }
  }

  private String referencedClientId;

  /** A referenced app (LAB reports only) for the insert of a wider grant. */
  private String referencedClient() {
    if (referencedClientId == null) {
      referencedClientId = ConnectedApps.clientId();
      apps.referenced(referencedClientId);
    }
    return referencedClientId;
  }

  private static String refused(Statement sql, String statement) {
    try {
      sql.execute(statement);
      return null;
    } catch (SQLException e) {
      return e.getSQLState() + " " + e.getMessage();
    }
  }

  private static boolean bool(Statement sql, String query) throws SQLException {
    try (ResultSet row = sql.executeQuery(query)) {
      assertThat(row.next()).as(query).isTrue();
      return row.getBoolean(1);
    }
  }
}
