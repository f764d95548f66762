package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may call what, as a table over real HTTP and real tokens: every role, every endpoint. */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationE2EIT {

  private CarnetServer carnet;
  private String existingNir;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    existingNir = People.newNir();
    Api.Reply created =
        carnet
            .api()
            .post("/api/v1/records", carnet.token("admin"), People.createBody(existingNir, true));
    assertThat(created.status()).isEqualTo(201);
  }

  @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
  @CsvSource({
    "POST, /api/v1/records,        admin,        201",
    "POST, /api/v1/records,        professional, 403",
    "POST, /api/v1/records,        patient,      403",
    "POST, /api/v1/records,        agent,        403",
    "POST, /api/v1/records,        auditor,      403",
    "POST, /api/v1/records/lookup, professional, 200",
    "POST, /api/v1/records/lookup, agent,        200",
    "POST, /api/v1/records/lookup, patient,      403",
    "POST, /api/v1/records/lookup, auditor,      403",
    "POST, /api/v1/records/lookup, admin,        403",
    "GET,  /api/v1/records/mine,   patient,      200",
    "GET,  /api/v1/records/mine,   professional, 403",
    "GET,  /api/v1/records/mine,   agent,        403",
    "GET,  /api/v1/records/mine,   auditor,      403",
    "GET,  /api/v1/records/mine,   admin,        403",
  })
  void eachRoleGetsExactlyItsRights(String method, String path, String role, int expected) {
    String token =
        carnet.token(role, role.equals("patient") ? Map.of("ins", existingNir) : Map.of());
    String body =
        path.endsWith("/records")
            ? People.createBody(People.newNir(), false)
            : People.lookupBody(existingNir, People.marie());

    Api.Reply reply =
        method.equals("GET")
            ? carnet.api().get(path, token)
            : carnet.api().send(method, path, token, "application/json", body);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
    if (expected == 403) {
      assertThat(reply.code()).isEqualTo("FORBIDDEN");
    }
  }

  @ParameterizedTest(name = "a professional without {0} is refused")
  @CsvSource({"rpps", "profession"})
  void aProfessionalMustBeIdentified(String missingClaim) {
    String token = carnet.token("professional", Map.of(missingClaim, ""));

    Api.Reply reply =
        carnet
            .api()
            .post("/api/v1/records/lookup", token, People.lookupBody(existingNir, People.marie()));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.code()).isEqualTo("FORBIDDEN");
  }
}
