package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An adversary's tries against the running service, each a case that failed on an earlier build: a
 * NIR read by record id by an agent or a blocked professional, an INS sent in a query string,
 * oversized bodies without a Content-Length, a CSV cell that a French spreadsheet would evaluate.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdversaryE2EIT {

  private static final String AGREED_GP = "10101010101";
  private static final String OTHER_GP = "10303030303";
  private static final String BLOCKED_GP = "10404040404";
  private static final String NIR_SYSTEM = "urn:oid:" + People.NIR_OID;

  private CarnetServer carnet;
  private Api api;
  private String nir;
  private String recordId;

  @BeforeAll
  void aPatientWhoAgreedWithOneGpAndBlockedAnother(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    nir = People.newNir();
    assertThat(
            api.post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true))
                .status())
        .isEqualTo(201);
    String patient = carnet.token("patient", Map.of("ins", nir));
    recordId = api.get("/api/v1/records/mine", patient).json().getString("id");
    assertThat(
            api.post(
                    "/api/v1/records/" + recordId + "/agreements",
                    professional(AGREED_GP),
                    "{\"mode\":\"NORMAL\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/records/" + recordId + "/blocks/" + BLOCKED_GP,
                    patient,
                    null,
                    null)
                .status())
        .isEqualTo(204);
  }

  private String professional(String rpps) {
    return carnet.token("professional", Map.of("rpps", rpps));
  }

  // ---- Identity reads through the policy --------------------------------------------------

  /** Who reads {@code GET /fhir/Patient/{id}}: the status, and whether the INS is in the answer. */
  @Test
  void aPatientReadByRecordIdDisclosesTheInsOnlyWithAnAgreement() {
    record Case(String who, String token, int status, boolean ins, String code) {}
    List<Case> cases =
        List.of(
            new Case("GP with an agreement", professional(AGREED_GP), 200, true, null),
            new Case("GP without agreement", professional(OTHER_GP), 200, false, null),
            new Case(
                "GP the patient blocked", professional(BLOCKED_GP), 404, false, "RECORD_NOT_FOUND"),
            new Case("agent", carnet.token("agent"), 200, false, null),
            new Case("auditor", carnet.token("auditor"), 403, false, "FORBIDDEN"),
            new Case(
                "the patient's token",
                carnet.token("patient", Map.of("ins", nir)),
                403,
                false,
                "FORBIDDEN"));
    for (Case c : cases) {
      Api.Reply read =
          api.send(
              api.request("/fhir/Patient/" + recordId, c.token())
                  .header("Accept", "application/fhir+json")
                  .GET());
      assertThat(read.status()).as(c.who() + ": " + read).isEqualTo(c.status());
      assertThat(read.body().contains(nir)).as(c.who() + " sees the INS").isEqualTo(c.ins());
      if (c.code() != null) {
        assertThat(read.body()).as(c.who()).contains("\"code\":\"" + c.code() + "\"");
      } else {
        assertThat(read.json().getJsonArray("name").getJsonObject(0).getString("family"))
            .as(c.who())
            .isEqualTo("DUPONT");
      }
    }
    assertThat(api.get("/fhir/Patient/" + recordId, null).status()).isEqualTo(401);
  }

  /** A professional the patient blocked finds no record, whatever the traits; others do. */
  @Test
  void aBlockedProfessionalFindsNoRecordByInsAndTraits() {
    record Case(String who, String rpps, String traits, int status, String code) {}
    String wrongTraits = People.traits("DURAND", "MARIE CLAIRE");
    List<Case> cases =
        List.of(
            new Case("agreed GP", AGREED_GP, People.marie(), 200, null),
            new Case("other GP", OTHER_GP, People.marie(), 200, null),
            new Case("other GP, wrong traits", OTHER_GP, wrongTraits, 409, "INS_TRAITS_MISMATCH"),
            new Case("blocked GP", BLOCKED_GP, People.marie(), 404, "RECORD_NOT_FOUND"),
            new Case("blocked GP, wrong traits", BLOCKED_GP, wrongTraits, 404, "RECORD_NOT_FOUND"));
    for (Case c : cases) {
      Api.Reply lookup =
          api.post(
              "/api/v1/records/lookup", professional(c.rpps()), People.lookupBody(nir, c.traits()));
      assertThat(lookup.status()).as(c.who() + ": " + lookup).isEqualTo(c.status());
      if (c.code() != null) {
        assertThat(lookup.code()).as(c.who()).isEqualTo(c.code());
      } else {
        assertThat(lookup.json().getString("id")).isEqualTo(recordId);
      }
    }
    // The blocked professional's FHIR search by INS finds nothing either.
    Api.Reply search =
        api.send(
            api.request("/fhir/Patient/_search", professional(BLOCKED_GP))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(patientSearchForm())));
    assertThat(search.status()).as(search.toString()).isEqualTo(200);
    assertThat(search.json().containsKey("entry")).isFalse();
    assertThat(search.body()).doesNotContain(nir);
    // Each refusal is in the trail with its true reason, for the auditors.
    Api.Reply trail =
        api.get(
            "/api/v1/audit/traces?record=" + recordId + "&action=RECORD_LOOKUP&outcome=DENY",
            carnet.token("auditor"));
    assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
    assertThat(trail.body()).contains("IDENTITY_HIDDEN_FROM_BLOCKED").contains(BLOCKED_GP);
  }

  private String patientSearchForm() {
    return "identifier="
        + java.net.URLEncoder.encode(NIR_SYSTEM + "|" + nir, StandardCharsets.UTF_8)
        + "&family=DUPONT&given=MARIE%20CLAIRE&birthdate=1985-05-12&gender=female&birthplace=75056";
  }

  // ---- Pushes refused for identity reasons are traced --------------------------------------

  @Test
  void aPushRefusedForItsIdentityLeavesATraceWithoutTheIns() {
    String pusher = "10606060606";
    String unknown = People.newNir();
    String wrongTraits =
        Documents.lab(Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", Documents.pdf(500))
            .replace("\"DUPONT\"", "\"DURAND\"");
    Api.Reply mismatch = api.post("/api/v1/documents", professional(pusher), wrongTraits);
    Api.Reply noRecord =
        api.post(
            "/api/v1/documents",
            professional(pusher),
            Documents.lab(
                Documents.uniqueId(), unknown, "2026-11-20T09:30:00Z", Documents.pdf(500)));

    assertThat(mismatch.status()).as(mismatch.toString()).isEqualTo(409);
    assertThat(mismatch.code()).isEqualTo("INS_TRAITS_MISMATCH");
    assertThat(noRecord.status()).as(noRecord.toString()).isEqualTo(404);
    assertThat(noRecord.code()).isEqualTo("RECORD_NOT_FOUND");
    Api.Reply trail =
        api.get(
            "/api/v1/audit/traces?actor=" + pusher + "&action=DOCUMENT_PUBLISH&outcome=DENY",
            carnet.token("auditor"));
    assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
    List<JsonObject> items = trail.json().getJsonArray("items").getValuesAs(JsonObject.class);
    assertThat(items)
        .extracting(t -> t.getString("reason"))
        .containsExactlyInAnyOrder("INS_TRAITS_MISMATCH", "RECORD_NOT_FOUND");
    assertThat(items)
        .filteredOn(t -> t.getString("reason").equals("INS_TRAITS_MISMATCH"))
        .extracting(t -> t.getString("recordId"))
        .containsExactly(recordId);
    assertThat(trail.body()).doesNotContain(unknown).doesNotContain(nir);
    carnet.assertLogsFreeOf(List.of(unknown, nir));
  }

  // ---- No INS in a URL ----------------------------------------------------------------------

  @Test
  void anInsInAnyUrlIsRefusedWhateverTheMethod() {
    record Case(String method, String path, String contentType, String body, boolean fhir) {}
    String encoded = java.net.URLEncoder.encode(NIR_SYSTEM + "|" + nir, StandardCharsets.UTF_8);
    String gp = professional(AGREED_GP);
    List<Case> cases =
        List.of(
            new Case("GET", "/api/v1/records/mine?ins=" + nir, null, null, false),
            new Case(
                "POST",
                "/api/v1/records/lookup?ins=" + nir,
                "application/json",
                People.lookupBody(nir, People.marie()),
                false),
            new Case("GET", "/api/v1/records/" + nir + "/documents", null, null, false),
            new Case("GET", "/fhir/Patient?identifier=" + encoded, null, null, true),
            new Case(
                "POST",
                "/fhir/Patient/_search?identifier=" + encoded,
                "application/x-www-form-urlencoded",
                "family=DUPONT&given=MARIE%20CLAIRE&birthdate=1985-05-12&gender=female&birthplace=75056",
                true),
            new Case(
                "POST",
                "/fhir/DocumentReference/_search?patient.identifier=" + encoded,
                "application/x-www-form-urlencoded",
                "",
                true));
    for (Case c : cases) {
      Api.Reply reply = api.send(c.method(), c.path(), gp, c.contentType(), c.body());
      assertThat(reply.status()).as(c.method() + " " + c.path() + ": " + reply).isEqualTo(400);
      assertThat(reply.body()).contains("INS_IN_URL").contains("body");
      assertThat(reply.contentType())
          .startsWith(c.fhir() ? "application/fhir+json" : "application/problem+json");
    }
    // Numbers of the same shape with a key that does not match are not INS: they pass.
    String notAnIns =
        nir.substring(0, 13)
            + String.format("%02d", (Integer.parseInt(nir.substring(13)) + 1) % 97);
    assertThat(
            api.get(
                    "/api/v1/records/mine?x=" + notAnIns,
                    carnet.token("patient", Map.of("ins", nir)))
                .status())
        .isEqualTo(200);
    carnet.assertLogsFreeOf(List.of(nir));
  }

  // ---- Bounded bodies -----------------------------------------------------------------------

  /**
   * Four 80 MiB bodies at once without a Content-Length, on the API, FHIR and the enrolment upload:
   * each ends with 413 and its stable code, the node stays healthy and a normal push then succeeds.
   * A server that buffered them (as JSON-B did) would need 640 MiB of heap for the text alone, more
   * than the server has.
   */
  @Test
  void oversizedChunkedBodiesEndWith413AndTheNodeStaysHealthy() throws Exception {
    String gp = professional(AGREED_GP);
    long size = 80L * 1024 * 1024;
    record Upload(String path, String token, String contentType, String prefix) {}
    List<Upload> uploads =
        List.of(
            new Upload(
                "/api/v1/documents", gp, "application/json", "{\"uniqueId\":\"x\",\"content\":\""),
            // The enrolment upload's larger bound is not borrowed through a dot-segment.
            new Upload(
                "/api/v1/enrolments/../documents", gp, "application/json", "{\"content\":\""),
            new Upload(
                "/fhir", gp, "application/fhir+json", "{\"resourceType\":\"Bundle\",\"data\":\""),
            new Upload(
                "/api/v1/enrolments", carnet.token("admin"), "text/csv", "insNumber,insOid\n"));
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    // A client of their own: a connection cut by the server must not be the other tests' one.
    var client =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    for (Upload upload : uploads) {
      HttpRequest request =
          api.request(upload.path(), upload.token())
              .header("Content-Type", upload.contentType())
              .timeout(java.time.Duration.ofSeconds(120))
              .POST(
                  HttpRequest.BodyPublishers.ofInputStream(
                      () -> new Filler(upload.prefix().getBytes(StandardCharsets.UTF_8), size)))
              .build();
      answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < uploads.size(); i++) {
      HttpResponse<String> answer;
      try {
        answer = answers.get(i).get();
      } catch (ExecutionException e) {
        throw new AssertionError(uploads.get(i).path() + ": no answer but " + e.getCause(), e);
      }
      if (uploads.get(i).path().contains("..")) {
        // Not routed at all (404, the body unread), or routed to the documents with their bound.
        assertThat(answer.statusCode()).as(answer.body()).isIn(404, 413);
        continue;
      }
      assertThat(answer.statusCode())
          .as(uploads.get(i).path() + ": " + answer.body())
          .isEqualTo(413);
      assertThat(answer.body()).contains("DOCUMENT_TOO_LARGE");
    }
    // A declared length over the bound is refused unread: a client that asks first
    // (Expect: 100-continue, as curl does for large bodies) never sends it.
    HttpResponse<String> declared =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                api.request("/api/v1/documents", gp)
                    .expectContinue(true)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4 * 1024 * 1024]))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(declared.body()).contains("\"code\":\"DOCUMENT_TOO_LARGE\"");

    Api.Reply health = api.get("/health", null);
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    Api.Reply push =
        api.post(
            "/api/v1/documents",
            gp,
            Documents.lab(Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", Documents.pdf(2000)));
    assertThat(push.status()).as(push.toString()).isEqualTo(201);
    assertThat(carnet.logs()).doesNotContain("OutOfMemoryError");
  }

  /** A prefix, then as many base64-like letters as it takes to reach {@code size} bytes. */
  private static final class Filler extends InputStream {
    private final byte[] prefix;
    private final long size;
    private long sent;

    Filler(byte[] prefix, long size) {
      this.prefix = prefix;
      this.size = size;
    }

    @Override
    public int read() {
      if (sent >= size) {
        return -1;
      }
      int b = sent < prefix.length ? prefix[(int) sent] : 'A';
      sent++;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (sent >= size) {
        return -1;
      }
      int n = (int) Math.min(length, size - sent);
      for (int i = 0; i < n; i++) {
        buffer[offset + i] = sent < prefix.length ? prefix[(int) sent] : (byte) 'A';
        sent++;
      }
      return n;
    }
  }

  // ---- Least privilege, visible -------------------------------------------------------------

  @Test
  void healthSaysNothingOfLeastPrivilegeWhenASchemaOwnerRunsTheMigrations() {
    // The test server runs as production should: a schema owner migrates, carnet_app reads and
    // writes rows. (LeastPrivilegeCheckTest shows the check finding the opposite on a real
    // PostgreSQL.)
    JsonObject health =
        Json.createReader(new StringReader(api.get("/health", null).body())).readObject();
    assertThat(health.toString()).doesNotContain("leastPrivilege");
    assertThat(carnet.logs()).doesNotContain("Least privilege not in force");
  }
}
