package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The first slice over real HTTP: records keyed on the INS, and every refusal's problem code. */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordsE2EIT {

  private static final String RECORDS = "/api/v1/records";

  private CarnetServer carnet;
  private Api api;
  private String admin;
  private String professional;
  private String agent;
  private final List<String> nirsUsed = new ArrayList<>();

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.admin = carnet.token("admin");
    this.professional = carnet.token("professional");
    this.agent = carnet.token("agent");
  }

  private String nir() {
    String nir = People.newNir();
    nirsUsed.add(nir);
    return nir;
  }

  @Test
  void anAdministratorCreatesAPendingRecordAddressedByAnOpaqueId() {
    Api.Reply created = api.post(RECORDS, admin, People.createBody(nir(), false));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonObject record = created.json();
    assertThat(record.getString("state")).isEqualTo("PENDING");
    assertThat(record.getString("id")).matches("[0-9a-f-]{36}");
    assertThat(created.header("Location"))
        .hasValue(api.base() + RECORDS + "/" + record.getString("id"));
  }

  @Test
  void aMigratedRecordIsOpenAtOnce() {
    Api.Reply created = api.post(RECORDS, admin, People.createBody(nir(), true));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().getString("state")).isEqualTo("OPEN");
    assertThat(created.json().getString("openedAt")).isNotBlank();
  }

  @Test
  void aSecondRecordForTheSameInsIsRefused() {
    String nir = nir();
    assertThat(api.post(RECORDS, admin, People.createBody(nir, false)).status()).isEqualTo(201);

    Api.Reply again = api.post(RECORDS, admin, People.createBody(nir, true));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("RECORD_ALREADY_EXISTS");
  }

  @Test
  void lookupMatchesTraitsWhateverTheirCaseAccentsAndHyphens() {
    String nir = nir();
    String id = api.post(RECORDS, admin, People.createBody(nir, true)).json().getString("id");

    Api.Reply found =
        api.post(
            RECORDS + "/lookup",
            professional,
            People.lookupBody(nir, People.traits("Dùpont", "marie-claire")));

    assertThat(found.status()).as(found.toString()).isEqualTo(200);
    assertThat(found.json().getString("id")).isEqualTo(id);
    assertThat(found.json().getBoolean("available")).isTrue();
  }

  @Test
  void aPendingRecordIsFoundButNotAvailable() {
    String nir = nir();
    api.post(RECORDS, admin, People.createBody(nir, false));

    Api.Reply found = api.post(RECORDS + "/lookup", agent, People.lookupBody(nir, People.marie()));

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().getBoolean("available")).isFalse();
  }

  @Test
  void mismatchedTraitsAreRefusedNeverGuessed() {
    String nir = nir();
    api.post(RECORDS, admin, People.createBody(nir, true));

    Api.Reply refused =
        api.post(
            RECORDS + "/lookup",
            professional,
            People.lookupBody(nir, People.traits("DURAND", "MARIE CLAIRE")));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("INS_TRAITS_MISMATCH");
    assertThat(refused.body()).doesNotContain("DUPONT").doesNotContain(nir);
  }

  @Test
  void anUnknownInsIsNotFound() {
    Api.Reply missing =
        api.post(RECORDS + "/lookup", agent, People.lookupBody(nir(), People.marie()));

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.code()).isEqualTo("RECORD_NOT_FOUND");
  }

  @Test
  void aPatientReadsTheirOwnRecord() {
    String nir = nir();
    String id = api.post(RECORDS, admin, People.createBody(nir, true)).json().getString("id");

    Api.Reply mine = api.get(RECORDS + "/mine", carnet.token("patient", Map.of("ins", nir)));

    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.json().getString("id")).isEqualTo(id);
    assertThat(mine.json().getString("state")).isEqualTo("OPEN");
    assertThat(mine.body()).doesNotContain(nir);
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad INS key | 400 | INS_INVALID_KEY | {\"ins\":{\"number\":\"285057505612339\",\"oid\":\"1.2.250.1.213.1.4.8\"},\"traits\":TRAITS}",
        "short INS | 400 | INS_INVALID_FORMAT | {\"ins\":{\"number\":\"2850575056123\",\"oid\":\"1.2.250.1.213.1.4.8\"},\"traits\":TRAITS}",
        "unknown OID | 400 | INS_UNKNOWN_OID | {\"ins\":{\"number\":\"285057505612338\",\"oid\":\"1.2.3\"},\"traits\":TRAITS}",
        "impossible date | 400 | TRAITS_INVALID | {\"ins\":INS,\"traits\":{\"birthName\":\"DUPONT\",\"firstNames\":\"MARIE\",\"birthDate\":\"1985-02-30\",\"sex\":\"F\",\"birthPlace\":\"75056\"}}",
        "unknown sex | 400 | TRAITS_INVALID | {\"ins\":INS,\"traits\":{\"birthName\":\"DUPONT\",\"firstNames\":\"MARIE\",\"birthDate\":\"1985-05-12\",\"sex\":\"X\",\"birthPlace\":\"75056\"}}",
        "bad birthplace | 400 | TRAITS_INVALID | {\"ins\":INS,\"traits\":{\"birthName\":\"DUPONT\",\"firstNames\":\"MARIE\",\"birthDate\":\"1985-05-12\",\"sex\":\"F\",\"birthPlace\":\"7505\"}}",
        "missing traits | 400 | VALIDATION_FAILED | {\"ins\":INS}",
        "empty object | 400 | VALIDATION_FAILED | {}",
        "bad email | 400 | VALIDATION_FAILED | {\"ins\":INS,\"traits\":TRAITS,\"contact\":{\"email\":\"not-an-address\"}}",
        "two mailboxes in one email | 400 | VALIDATION_FAILED | {\"ins\":INS,\"traits\":TRAITS,\"contact\":{\"email\":\"ops,patient@example.org\"}}",
        "an email the mail library refuses | 400 | VALIDATION_FAILED | {\"ins\":INS,\"traits\":TRAITS,\"contact\":{\"email\":\"\\\"patient@example.org\"}}",
        "malformed JSON | 400 | MALFORMED_JSON | {\"ins\": {\"number\": ",
        "not an object | 400 | MALFORMED_JSON | [1, 2",
      })
  void invalidCreationsAreRefusedWithTheirCodeAndStoreNothing(
      String why, int status, String code, String template) {
    String nir = nir();
    String body = template.replace("INS", People.ins(nir)).replace("TRAITS", People.marie());

    Api.Reply refused = api.post(RECORDS, admin, body);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(status);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.code()).isEqualTo(code);
    assertThat(refused.json().getInt("status")).isEqualTo(status);
    assertThat(refused.json().getString("type")).startsWith("urn:carnet:problem:");
    assertThat(refused.body())
        .doesNotContain(nir)
        .doesNotContain("Exception")
        .doesNotContain("at fr.");
    // Nothing was stored: the same person can still be enrolled afterwards.
    if (!why.equals("bad INS key") && !why.equals("short INS") && !why.equals("unknown OID")) {
      assertThat(api.post(RECORDS, admin, People.createBody(nir, false)).status()).isEqualTo(201);
    }
  }

  @Test
  void wrongMethodMediaTypesAndPathsAreProblemsToo() {
    String patient = carnet.token("patient");
    Api.Reply wrongMethod = api.send("DELETE", RECORDS + "/mine", patient, null, null);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.code()).isEqualTo("METHOD_NOT_ALLOWED");

    Api.Reply notAcceptable =
        api.send(api.request(RECORDS + "/mine", patient).header("Accept", "application/xml").GET());
    assertThat(notAcceptable.status()).isEqualTo(406);
    assertThat(notAcceptable.code()).isEqualTo("NOT_ACCEPTABLE");

    Api.Reply unsupported = api.send("POST", RECORDS + "/lookup", agent, "text/plain", "hello");
    assertThat(unsupported.status()).isEqualTo(415);
    assertThat(unsupported.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

    Api.Reply unknown = api.get("/api/v1/nothing-here", patient);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("NOT_FOUND");
  }

  /** Runs when every test of this class has created its records. */
  @AfterAll
  void noNirEverReachesTheLogs() {
    // The log does speak of records, by id only.
    assertThat(carnet.logs()).contains("Record ").contains(" created in state ");
    carnet.assertLogsFreeOf(nirsUsed);
  }
}
