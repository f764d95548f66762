package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an operator relies on: health with the database, the OpenAPI document, safe headers. */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsE2EIT {

  private Api api;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.api = carnet.api();
  }

  @Test
  void healthIsUpAndIncludesTheDatabase() {
    Api.Reply health = api.get("/health", null);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().getString("status")).isEqualTo("UP");
    assertThat(health.json().getJsonArray("checks").getValuesAs(jakarta.json.JsonObject.class))
        .anySatisfy(
            check -> {
              assertThat(check.getString("name")).isEqualTo("database");
              assertThat(check.getString("status")).isEqualTo("UP");
            });
  }

  @Test
  void theOpenApiDocumentDescribesEveryEndpoint() {
    Api.Reply openapi = api.get("/openapi", null);

    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.body())
        .contains("title: Carnet API")
        .contains("/api/v1/records:")
        .contains("/api/v1/records/lookup:")
        .contains("/api/v1/records/mine:")
        .contains("bearerFormat: JWT");
  }

  @Test
  void theOpenApiDocumentDescribesMessagingTheAgendaAndTheCatalogue() {
    Api.Reply openapi = api.get("/openapi", null);

    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.body())
        .contains("/api/v1/conversations:")
        .contains("/api/v1/conversations/{conversationId}/messages:")
        .contains("/api/v1/conversations/{conversationId}/attachments/{attachmentId}/filing:")
        .contains("/api/v1/agenda/appointments:")
        .contains("/api/v1/agenda/records/{recordId}/appointments:")
        .contains("/api/v1/agenda/records/{recordId}/reminders:")
        .contains("/api/v1/admin/prevention-calendar:")
        .contains("/api/v1/catalogue/apps:")
        .contains("/api/v1/catalogue/requests/{requestId}/approval:")
        .contains("/api/v1/records/{recordId}/apps:")
        .contains("/api/v1/records/{recordId}/apps/preview:");
  }

  @Test
  void apiAnswersCarrySecurityHeaders() {
    Api.Reply reply = api.get("/api/v1/records/mine", null);

    assertThat(reply.header("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(reply.header("Cache-Control")).hasValue("no-store");
    assertThat(reply.header("Content-Security-Policy")).isPresent();
    // Which server and version answer is nobody's business.
    assertThat(reply.header("X-Powered-By")).isEmpty();
    assertThat(reply.header("Server")).isEmpty();
  }
}
