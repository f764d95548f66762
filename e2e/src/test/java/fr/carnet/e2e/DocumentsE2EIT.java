package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** Documents pushed, searched and read over real HTTP, refusals included. */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsE2EIT {

  private static final String PUSH = "/api/v1/documents";
  private static final String LOINC = "http://loinc.org";

  private CarnetServer carnet;
  private Api api;
  private String gp;
  private final List<String> nirs = new ArrayList<>();

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional");
  }

  /**
   * A new person with an open record, whose agreement the GP declared (so that the GP searches it);
   * returns their NIR.
   */
  private String openRecord() {
    String nir = People.newNir();
    nirs.add(nir);
    Api.Reply created =
        api.post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().getString("id");
    assertThat(
            api.post("/api/v1/records/" + id + "/agreements", gp, "{\"mode\":\"NORMAL\"}").status())
        .isEqualTo(201);
    return nir;
  }

  private String recordOf(String nir) {
    return api.get("/api/v1/records/mine", patient(nir)).json().getString("id");
  }

  private String patient(String nir) {
    return carnet.token("patient", Map.of("ins", nir));
  }

  private List<JsonObject> items(Api.Reply page) {
    return page.json().getJsonArray("items").getValuesAs(JsonObject.class);
  }

  @Test
  void aGpPublishesALabReportThatTheRecordNowHolds() throws Exception {
    String nir = openRecord();
    byte[] content = Documents.pdf(10_000);

    Api.Reply published =
        api.post(
            PUSH, gp, Documents.lab(Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", content));

    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    JsonObject document = published.json();
    assertThat(document.getString("class")).isEqualTo("LAB");
    assertThat(document.getInt("version")).isEqualTo(1);
    assertThat(document.getString("status")).isEqualTo("CURRENT");
    assertThat(document.getString("hash")).isEqualTo(Documents.sha256(content));
    assertThat(document.getJsonNumber("size").longValue()).isEqualTo(content.length);
    assertThat(document.getJsonObject("author").getString("rpps")).isEqualTo("10101010101");
    assertThat(document.getString("recordId")).isEqualTo(recordOf(nir));
    assertThat(published.header("Location"))
        .hasValue(
            api.base()
                + "/api/v1/records/"
                + recordOf(nir)
                + "/documents/"
                + document.getString("id"));
    assertThat(published.body()).doesNotContain(nir);
  }

  @Test
  void aRepeatedPushIsHarmlessAndAReusedUniqueIdIsAConflict() {
    String nir = openRecord();
    String uniqueId = Documents.uniqueId();
    byte[] content = Documents.pdf(2_000);
    String push = Documents.lab(uniqueId, nir, "2026-11-20T09:30:00Z", content);
    String first = api.post(PUSH, gp, push).json().getString("id");

    Api.Reply again = api.post(PUSH, gp, push);
    Api.Reply different =
        api.post(PUSH, gp, Documents.lab(uniqueId, nir, "2026-11-21T09:30:00Z", content));
    Api.Reply otherOrganisation =
        api.post(PUSH, carnet.token("professional", Map.of("finess", "130783293")), push);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("id")).isEqualTo(first);
    assertThat(different.status()).isEqualTo(409);
    assertThat(different.code()).isEqualTo("DOCUMENT_CONFLICT");
    assertThat(otherOrganisation.status()).isEqualTo(201);
    assertThat(otherOrganisation.json().getString("id")).isNotEqualTo(first);
    assertThat(items(api.get("/api/v1/records/" + recordOf(nir) + "/documents", patient(nir))))
        .hasSize(2);
  }

  @ParameterizedTest(name = "{0} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown LOINC type      | gp      | 400 | DOCUMENT_TYPE_UNKNOWN  | http://loinc.org | 99999-9 | application/pdf | pdf",
        "dentist, childbirth     | dentist | 403 | DENIED_BY_MATRIX       | http://loinc.org | 57055-6 | application/pdf | pdf",
        "radiographer, lab       | radio   | 403 | DENIED_BY_MATRIX       | http://loinc.org | 11502-2 | application/pdf | pdf",
        "a PDF that is not one   | gp      | 415 | UNSUPPORTED_CONTENT    | http://loinc.org | 11502-2 | application/pdf | text",
        "a zip                   | gp      | 415 | UNSUPPORTED_CONTENT    | http://loinc.org | 11502-2 | application/zip | pdf",
        "over the size limit     | gp      | 413 | DOCUMENT_TOO_LARGE     | http://loinc.org | 11502-2 | application/pdf | huge",
        "no patient              | gp      | 400 | VALIDATION_FAILED      | http://loinc.org | 11502-2 | application/pdf | nopatient",
        "not base64              | gp      | 400 | VALIDATION_FAILED      | http://loinc.org | 11502-2 | application/pdf | notbase64",
        "no type                 | gp      | 400 | VALIDATION_FAILED      | http://loinc.org | 11502-2 | application/pdf | notype",
        "a patient, as such      | patient | 403 | FORBIDDEN              | http://loinc.org | 11502-2 | application/pdf | pdf",
        "an agent                | agent   | 403 | FORBIDDEN              | http://loinc.org | 11502-2 | application/pdf | pdf",
      })
  void refusedPushesStoreNothing(
      String why,
      String who,
      int status,
      String code,
      String system,
      String type,
      String contentType,
      String content) {
    String nir = openRecord();
    String token =
        switch (who) {
          case "dentist" ->
              carnet.token(
                  "professional",
                  Map.of("profession", "40", "specialty", "", "rpps", "40404040404"));
          case "radio" ->
              carnet.token(
                  "professional",
                  Map.of("profession", "98", "specialty", "", "rpps", "98989898989"));
          case "patient" -> patient(nir);
          default -> carnet.token(who.equals("gp") ? "professional" : who);
        };
    byte[] bytes =
        switch (content) {
          case "text" -> "just text".getBytes(StandardCharsets.UTF_8);
          case "huge" -> Documents.pdf(CarnetServer.MAX_DOCUMENT_BYTES + 1);
          default -> Documents.pdf(1_000);
        };
    String body =
        Documents.push(
            Documents.uniqueId(), nir, system, type, "2026-11-20T10:00:00Z", contentType, bytes);
    if (content.equals("nopatient")) {
      body = body.replaceFirst("\"patient\":\\{.*?\\}\\},", "");
    }
    if (content.equals("notype")) {
      body = body.replaceFirst("\"type\":\\{[^}]*\\},", "");
    }
    if (content.equals("notbase64")) {
      body = body.replaceFirst("\"content\":\"[^\"]*\"", "\"content\":\"***\"");
    }
    if (who.equals("patient")) {
      // A patient uploads to their own record, only documents of class PATIENT.
      body =
          body.replace(
              "\"system\":\"" + system + "\",\"code\":\"" + type + "\"",
              "\"system\":\"http://loinc.org\",\"code\":\"11502-2\"");
    }

    Api.Reply refused = api.post(PUSH, token, body);

    assertThat(refused.status()).as(why + ": " + refused).isEqualTo(status);
    assertThat(refused.code()).isEqualTo(code);
    assertThat(items(api.get("/api/v1/records/" + recordOf(nir) + "/documents", patient(nir))))
        .isEmpty();
  }

  @Test
  void identityMustMatchAnOpenRecord() {
    String pending = People.newNir();
    nirs.add(pending);
    api.post("/api/v1/records", carnet.token("admin"), People.createBody(pending, false));
    String open = openRecord();
    byte[] content = Documents.pdf(1_000);

    Api.Reply notOpen =
        api.post(
            PUSH,
            gp,
            Documents.lab(Documents.uniqueId(), pending, "2026-11-20T10:00:00Z", content));
    Api.Reply unknown =
        api.post(
            PUSH,
            gp,
            Documents.lab(Documents.uniqueId(), People.newNir(), "2026-11-20T10:00:00Z", content));
    Api.Reply mismatch =
        api.post(
            PUSH,
            gp,
            Documents.lab(Documents.uniqueId(), open, "2026-11-20T10:00:00Z", content)
                .replace("\"DUPONT\"", "\"DURAND\""));

    assertThat(notOpen.status()).isEqualTo(409);
    assertThat(notOpen.code()).isEqualTo("RECORD_NOT_AVAILABLE");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(mismatch.status()).isEqualTo(409);
    assertThat(mismatch.code()).isEqualTo("INS_TRAITS_MISMATCH");
    assertThat(items(api.get("/api/v1/records/" + recordOf(open) + "/documents", patient(open))))
        .isEmpty();
  }

  @Test
  void aGenericClassTypeIsAcceptedForDocumentsWithNoFinerType() {
    String nir = openRecord();
    String dentist =
        carnet.token(
            "professional", Map.of("profession", "40", "specialty", "", "rpps", "40404040404"));

    Api.Reply published =
        api.post(
            PUSH,
            dentist,
            Documents.push(
                Documents.uniqueId(),
                nir,
                "urn:carnet:document-class",
                "DENTAL",
                "2026-11-20T10:00:00Z",
                "image/png",
                png()));

    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    assertThat(published.json().getString("class")).isEqualTo("DENTAL");
  }

  @Test
  void searchPagesNewestFirstWithAStableNextLink() {
    String nir = openRecord();
    List<String> published = new ArrayList<>();
    for (int day = 1; day <= 5; day++) {
      published.add(
          api.post(
                  PUSH,
                  gp,
                  Documents.lab(
                      Documents.uniqueId(),
                      nir,
                      "2026-10-0" + day + "T08:00:00Z",
                      Documents.pdf(500)))
              .json()
              .getString("id"));
    }
    List<String> seen = new ArrayList<>();
    String next = "/api/v1/records/" + recordOf(nir) + "/documents?limit=2";
    int pages = 0;
    while (next != null) {
      Api.Reply page = api.get(next.replace(api.base(), ""), gp);
      assertThat(page.status()).isEqualTo(200);
      items(page).forEach(item -> seen.add(item.getString("id")));
      next =
          page.json().containsKey("next") && !page.json().isNull("next")
              ? page.json().getString("next")
              : null;
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    java.util.Collections.reverse(published);
    assertThat(seen).containsExactlyElementsOf(published);
  }

  @Test
  void searchFiltersByClassTypePeriodAndAuthor() {
    String nir = openRecord();
    String record = recordOf(nir);
    api.post(
        PUSH,
        gp,
        Documents.lab(Documents.uniqueId(), nir, "2026-01-10T08:00:00Z", Documents.pdf(500)));
    api.post(
        PUSH,
        gp,
        Documents.push(
            Documents.uniqueId(),
            nir,
            LOINC,
            "18748-4",
            "2026-03-10T08:00:00Z",
            "application/pdf",
            Documents.pdf(500)));
    String path = "/api/v1/records/" + record + "/documents";

    assertThat(items(api.get(path + "?class=LAB", gp)))
        .singleElement()
        .satisfies(d -> assertThat(d.getString("class")).isEqualTo("LAB"));
    assertThat(items(api.get(path + "?class=IMAGING", gp)))
        .singleElement()
        .satisfies(d -> assertThat(d.getString("class")).isEqualTo("IMAGING"));
    assertThat(items(api.get(path + "?type=http://loinc.org%7C18748-4", gp))).hasSize(1);
    assertThat(items(api.get(path + "?from=2026-02-01&to=2026-04-01", gp)))
        .singleElement()
        .satisfies(d -> assertThat(d.getString("class")).isEqualTo("IMAGING"));
    assertThat(items(api.get(path + "?author=10101010101", gp))).hasSize(2);
    assertThat(items(api.get(path + "?author=99999999999", gp))).isEmpty();
    assertThat(api.get(path + "?limit=0", gp).code()).isEqualTo("VALIDATION_FAILED");
    assertThat(api.get(path + "?cursor=not-a-cursor", gp).code()).isEqualTo("CURSOR_INVALID");
  }

  @Test
  void contentIsStreamedWithItsHashAsETag() throws Exception {
    String nir = openRecord();
    byte[] content = Documents.pdf(700_000);
    JsonObject document =
        api.post(
                PUSH, gp, Documents.lab(Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", content))
            .json();
    String url =
        api.base()
            + "/api/v1/records/"
            + recordOf(nir)
            + "/documents/"
            + document.getString("id")
            + "/content";

    HttpResponse<byte[]> read =
        java.net.http.HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + gp)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> again =
        java.net.http.HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + gp)
                    .header("If-None-Match", read.headers().firstValue("ETag").orElseThrow())
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(content);
    assertThat(read.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(read.headers().firstValue("ETag")).hasValue("\"" + Documents.sha256(content) + "\"");
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void withoutAnAgreementOnlyTheAuthorAndThePatientRead() {
    String nir = openRecord();
    String record = recordOf(nir);
    String id =
        api.post(
                PUSH,
                gp,
                Documents.lab(
                    Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", Documents.pdf(500)))
            .json()
            .getString("id");
    String withheld =
        api.post(
                PUSH,
                gp,
                Documents.push(
                    Documents.uniqueId(),
                    nir,
                    LOINC,
                    "11526-1",
                    "2026-11-21T09:30:00Z",
                    "application/pdf",
                    Documents.pdf(500),
                    true))
            .json()
            .getString("id");
    String otherGp = carnet.token("professional", Map.of("rpps", "10202020202"));
    String documents = "/api/v1/records/" + record + "/documents";

    assertThat(items(api.get(documents, gp))).hasSize(2);
    assertThat(api.get(documents, otherGp).code()).isEqualTo("NO_AGREEMENT");
    assertThat(api.get(documents + "/" + id, otherGp).status()).isEqualTo(403);
    assertThat(api.get(documents + "/" + id + "/content", otherGp).code())
        .isEqualTo("NO_AGREEMENT");
    // The patient sees everything of their record but what the author withheld for now.
    assertThat(items(api.get(documents, patient(nir))))
        .extracting(d -> d.getString("id"))
        .containsExactly(id);
    assertThat(api.get(documents + "/" + withheld, patient(nir)).status()).isEqualTo(404);
    assertThat(api.get(documents + "/" + withheld, gp).status()).isEqualTo(200);
    // Another patient, staff: nothing.
    assertThat(api.get(documents, patient(openRecord())).code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(api.get(documents, carnet.token("agent")).status()).isEqualTo(403);
    assertThat(api.get(documents, carnet.token("admin")).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/records/" + java.util.UUID.randomUUID() + "/documents", gp).code())
        .isEqualTo("RECORD_NOT_FOUND");
  }

  @Test
  void aPatientUploadsAPhotoOfAPaperReport() {
    String nir = openRecord();
    String upload =
        "{\"uniqueId\":\"photo-1\",\"title\":\"Ancien compte rendu\",\"authoredAt\":\"2019-06-01\","
            + "\"contentType\":\"image/jpeg\",\"content\":\""
            + Documents.base64(
                new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3})
            + "\"}";

    Api.Reply uploaded = api.post(PUSH, patient(nir), upload);
    Api.Reply text =
        api.post(
            PUSH,
            patient(nir),
            upload
                .replace("photo-1", "text-1")
                .replace("image/jpeg", "text/plain")
                .replaceFirst("\"content\":\"[^\"]*\"", "\"content\":\"aGVsbG8=\""));

    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    assertThat(uploaded.json().getString("class")).isEqualTo("PATIENT");
    assertThat(uploaded.json().getJsonObject("author").getString("role")).isEqualTo("PATIENT");
    assertThat(text.status()).isEqualTo(415);
    // The GP, with the patient's agreement, reads it: the matrix gives physicians R on PATIENT.
    assertThat(items(api.get("/api/v1/records/" + recordOf(nir) + "/documents", gp)))
        .extracting(d -> d.getString("id"))
        .containsExactly(uploaded.json().getString("id"));
  }

  @Test
  void aNewVersionSupersedesTheOldOneWhichStaysInTheHistory() throws Exception {
    String nir = openRecord();
    String documents = "/api/v1/records/" + recordOf(nir) + "/documents";
    String first =
        api.post(
                PUSH,
                gp,
                Documents.lab(
                    Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", Documents.pdf(500)))
            .json()
            .getString("id");
    byte[] corrected = Documents.pdf(800);
    String version =
        "{\"uniqueId\":\""
            + Documents.uniqueId()
            + "\",\"title\":\"Compte rendu corrigé\","
            + "\"authoredAt\":\"2026-11-20T11:00:00Z\",\"contentType\":\"application/pdf\","
            + "\"content\":\""
            + Documents.base64(corrected)
            + "\"}";

    Api.Reply byAnother =
        api.post(
            documents + "/" + first + "/versions",
            carnet.token("professional", Map.of("rpps", "10202020202")),
            version);
    Api.Reply second = api.post(documents + "/" + first + "/versions", gp, version);
    Api.Reply again = api.post(documents + "/" + first + "/versions", gp, version);
    Api.Reply ofTheOld =
        api.post(
            documents + "/" + first + "/versions",
            gp,
            version.replace("\"uniqueId\":\"", "\"uniqueId\":\"x"));

    assertThat(byAnother.status()).isEqualTo(404);
    assertThat(second.status()).as(second.toString()).isEqualTo(201);
    assertThat(second.json().getInt("version")).isEqualTo(2);
    assertThat(second.json().getString("class")).isEqualTo("LAB");
    assertThat(second.json().getString("hash")).isEqualTo(Documents.sha256(corrected));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("id")).isEqualTo(second.json().getString("id"));
    assertThat(ofTheOld.status()).isEqualTo(409);
    assertThat(ofTheOld.code()).isEqualTo("DOCUMENT_NOT_CURRENT");
    assertThat(items(api.get(documents, patient(nir))))
        .extracting(d -> d.getString("id"))
        .containsExactly(second.json().getString("id"));
    assertThat(items(api.get(documents + "?status=SUPERSEDED", patient(nir))))
        .extracting(d -> d.getString("id"))
        .containsExactly(first);
    assertThat(api.get(documents + "/" + first, gp).json().getString("status"))
        .isEqualTo("SUPERSEDED");
  }

  @Test
  void aWithdrawnDocumentIsHiddenFromEveryone() {
    String nir = openRecord();
    String documents = "/api/v1/records/" + recordOf(nir) + "/documents";
    String id =
        api.post(
                PUSH,
                gp,
                Documents.lab(
                    Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", Documents.pdf(500)))
            .json()
            .getString("id");

    Api.Reply byAnother =
        api.send(
            "DELETE",
            documents + "/" + id,
            carnet.token("professional", Map.of("rpps", "10202020202")),
            null,
            null);
    Api.Reply byThePatient = api.send("DELETE", documents + "/" + id, patient(nir), null, null);
    Api.Reply withdrawn = api.send("DELETE", documents + "/" + id, gp, null, null);

    assertThat(byAnother.status()).isEqualTo(404);
    assertThat(byThePatient.status()).isEqualTo(403);
    assertThat(withdrawn.status()).isEqualTo(204);
    assertThat(api.get(documents + "/" + id, gp).status()).isEqualTo(404);
    assertThat(api.get(documents + "/" + id + "/content", patient(nir)).status()).isEqualTo(404);
    assertThat(items(api.get(documents, gp))).isEmpty();
    assertThat(items(api.get(documents, patient(nir)))).isEmpty();
  }

  @Test
  void aWithheldDocumentReachesThePatientOnceReleased() {
    String nir = openRecord();
    String documents = "/api/v1/records/" + recordOf(nir) + "/documents";
    String id =
        api.post(
                PUSH,
                gp,
                Documents.push(
                    Documents.uniqueId(),
                    nir,
                    LOINC,
                    "11526-1",
                    "2026-11-20T09:30:00Z",
                    "application/pdf",
                    Documents.pdf(500),
                    true))
            .json()
            .getString("id");
    assertThat(api.get(documents + "/" + id, patient(nir)).status()).isEqualTo(404);

    Api.Reply released = api.post(documents + "/" + id + "/release", gp, "");

    assertThat(released.status()).as(released.toString()).isEqualTo(200);
    assertThat(released.json().getBoolean("withheldFromPatient")).isFalse();
    assertThat(api.get(documents + "/" + id, patient(nir)).status()).isEqualTo(200);
  }

  @Test
  void anImagingStudyStaysInTheHospitalArchiveAndTheRecordPointsToIt() {
    String nir = openRecord();
    String documents = "/api/v1/records/" + recordOf(nir) + "/documents";
    String url = "https://pacs.chu-exemple.fr/studies/1.2.250.1.59.3.1";
    String reference =
        "{\"uniqueId\":\""
            + Documents.uniqueId()
            + "\",\"patient\":{\"ins\":"
            + People.ins(nir)
            + ",\"traits\":"
            + People.marie()
            + "},\"type\":{\"system\":\"urn:carnet:document-class\","
            + "\"code\":\"IMAGING\"},\"title\":\"IRM du genou\",\"authoredAt\":\"2026-11-19\","
            + "\"reference\":{\"url\":\""
            + url
            + "\",\"studyUid\":\"1.2.250.1.59.3.1\"}}";

    Api.Reply filed = api.post(PUSH, gp, reference);
    Api.Reply plainHttp =
        api.post(
            PUSH,
            gp,
            reference
                .replace("https://", "http://")
                .replace("\"uniqueId\":\"", "\"uniqueId\":\"h"));
    Api.Reply both =
        api.post(
            PUSH,
            gp,
            reference
                .replace(
                    "\"reference\":",
                    "\"contentType\":\"application/pdf\",\"content\":\""
                        + Documents.base64(Documents.pdf(100))
                        + "\",\"reference\":")
                .replace("\"uniqueId\":\"", "\"uniqueId\":\"b"));

    assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
    assertThat(filed.json().getJsonObject("reference").getString("url")).isEqualTo(url);
    assertThat(filed.json().containsKey("hash")).isFalse();
    assertThat(plainHttp.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(both.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(items(api.get(documents + "?class=IMAGING", gp))).hasSize(1);
    Api.Reply content = api.get(documents + "/" + filed.json().getString("id") + "/content", gp);
    assertThat(content.status()).isEqualTo(303);
    assertThat(content.header("Location")).hasValue(url);
  }

  private static byte[] png() {
    return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
  }

  @AfterAll
  void noNirReachesTheLogs() {
    carnet.assertLogsFreeOf(nirs);
  }
}
