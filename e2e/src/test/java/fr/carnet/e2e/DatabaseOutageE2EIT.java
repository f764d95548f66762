package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database goes away: health says so, and callers get a 503 problem with Retry-After and an
 * incident id, never a stack trace or a page. Runs last, since it stops the shared database.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(Integer.MAX_VALUE)
class DatabaseOutageE2EIT {

  private CarnetServer carnet;

  @BeforeAll
  void stopTheDatabase(CarnetServer carnet) {
    this.carnet = carnet;
    assumeTrue(carnet.server().database().isEmbedded(), "an external database is not ours to stop");
    carnet.server().database().close();
  }

  @Test
  void healthIsDown() {
    Api.Reply health = carnet.api().get("/health", null);

    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().getString("status")).isEqualTo("DOWN");
  }

  @Test
  void aRequestGetsAServiceUnavailableProblemToRetryWithAnIncidentId() {
    String token = carnet.token("patient", Map.of("ins", People.newNir()));

    Api.Reply reply = carnet.api().get("/api/v1/records/mine", token);

    // The database away is not the caller's fault nor a bug: 503, and when to try again.
    assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.code()).isEqualTo("DATABASE_UNAVAILABLE");
    assertThat(reply.header("Retry-After")).contains("2");
    String incident = reply.json().getString("detail").replaceAll(".*incident ", "");
    assertThat(incident).matches("[0-9a-f-]{36}");
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("postgres");
    assertThat(carnet.logs()).contains("Incident " + incident);
  }

  @Test
  void fhirGetsAServiceUnavailableOperationOutcomeToRetry() {
    String token = carnet.token("professional");

    Api.Reply reply =
        carnet
            .api()
            .get("/fhir/DocumentReference?patient=Patient/" + java.util.UUID.randomUUID(), token);

    // As /api: 503 and when to try again, told the FHIR way.
    assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
    assertThat(reply.contentType()).startsWith("application/fhir+json");
    assertThat(reply.header("Retry-After")).contains("2");
    assertThat(reply.json().getString("resourceType")).isEqualTo("OperationOutcome");
    assertThat(reply.body()).contains("DATABASE_UNAVAILABLE").doesNotContain("Exception");
  }
}
