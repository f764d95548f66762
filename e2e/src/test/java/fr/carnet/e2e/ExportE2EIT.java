package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.jose4j.base64url.Base64Url;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The portability export over real HTTP: the patient downloads a ZIP whose manifest lists every
 * file with a hash and size recomputed here, signed with a detached JWS that a JOSE library
 * (jose4j) verifies with the public JWKS alone; a representative's export of a minor lacks the
 * minor's secrets and every trace of them; everyone else is refused, each refusal traced; a second
 * export of a record while one streams is refused (409), and beyond the server's bound (2 in these
 * tests) a third is told to come back (503, Retry-After).
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportE2EIT {

  private static final String PUSH = "/api/v1/documents";
  private static final String GP_RPPS = "10181818199";
  private static final String SECRET_GP_RPPS = "10181818177";
  private static final String SECRET_GP_FINESS = "330781197";
  private static final String LAB_RPPS = "10222222299";
  private static final String BLOCKED_RPPS = "10333333399";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final SecureRandom random = new SecureRandom();

  private CarnetServer carnet;
  private Api api;
  private String gp;
  private String lab;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional", Map.of("rpps", GP_RPPS));
    this.lab = carnet.token("professional", Map.of("rpps", LAB_RPPS));
  }

  // ---- The patient's archive, checked with the public key alone -------------------------------

  @Test
  void thePatientsArchiveIsCompleteAndVerifiesWithThePublicKeyAlone() throws Exception {
    String nir = People.newNir();
    String recordId = createRecord(nir);
    String patient = carnet.token("patient", Map.of("ins", nir));
    byte[] first = Documents.pdf(2000);
    byte[] second = Documents.pdf(3000);
    String firstId =
        publish(gp, Documents.lab(Documents.uniqueId(), nir, "2026-11-01T09:00:00Z", first));
    String secondId =
        publish(lab, Documents.lab(Documents.uniqueId(), nir, "2026-11-02T09:00:00Z", second));
    String withheldId =
        publish(
            gp,
            Documents.push(
                Documents.uniqueId(),
                nir,
                "http://loinc.org",
                "11502-2",
                "2026-11-03T09:00:00Z",
                "application/pdf",
                Documents.pdf(500),
                true));
    Api.Reply entry =
        api.post(
            "/api/v1/records/" + recordId + "/profile",
            gp,
            "{\"category\":\"ALLERGY\",\"label\":\"Pénicilline\"}");
    assertThat(entry.status()).as(entry.toString()).isEqualTo(201);
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/records/" + recordId + "/masks/" + secondId,
                    patient,
                    null,
                    null)
                .status())
        .isBetween(200, 204);
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/records/" + recordId + "/blocks/" + BLOCKED_RPPS,
                    patient,
                    null,
                    null)
                .status())
        .isBetween(200, 204);

    Map<String, byte[]> archive = download(recordId, patient);

    // Every file but the manifest and its signature is listed, with its size and SHA-256.
    JsonObject manifest = json(archive.get("manifest.json"));
    assertThat(manifest.getString("format")).isEqualTo("carnet-export-manifest:v1");
    assertThat(manifest.getString("recordId")).isEqualTo(recordId);
    Map<String, JsonObject> listed = new LinkedHashMap<>();
    manifest
        .getJsonArray("files")
        .forEach(f -> listed.put(f.asJsonObject().getString("path"), f.asJsonObject()));
    assertThat(listed.keySet())
        .containsExactlyInAnyOrderElementsOf(
            archive.keySet().stream()
                .filter(p -> !p.equals("manifest.json") && !p.equals("manifest.jws"))
                .toList());
    for (Map.Entry<String, JsonObject> file : listed.entrySet()) {
      byte[] bytes = archive.get(file.getKey());
      assertThat(bytes.length)
          .as(file.getKey())
          .isEqualTo(file.getValue().getJsonNumber("size").longValue());
      assertThat(sha256(bytes)).as(file.getKey()).isEqualTo(file.getValue().getString("sha256"));
    }

    // The detached JWS verifies with the JWKS alone (no token), and only over these bytes.
    String jwks = publicJwks();
    String jws = new String(archive.get("manifest.jws"), StandardCharsets.US_ASCII);
    assertThat(jws).matches("[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+");
    assertThat(verifies(jwks, jws, archive.get("manifest.json"))).isTrue();
    byte[] tampered = archive.get("manifest.json").clone();
    tampered[tampered.length / 2] ^= 1;
    assertThat(verifies(jwks, jws, tampered)).isFalse();

    // The documents the patient may see, with their contents; not the withheld one.
    assertThat(archive)
        .containsKeys(
            "documents/" + firstId + ".json",
            "documents/" + firstId + ".pdf",
            "documents/" + secondId + ".pdf",
            "record.json",
            "profile.json",
            "consents.json",
            "access-history.json",
            "fhir/bundle.json");
    assertThat(archive.get("documents/" + firstId + ".pdf")).isEqualTo(first);
    assertThat(archive.get("documents/" + secondId + ".pdf")).isEqualTo(second);
    assertThat(archive.keySet()).noneMatch(p -> p.contains(withheldId));
    assertThat(text(archive)).doesNotContain(withheldId);
    assertThat(json(archive.get("documents/" + firstId + ".json")).getString("hash"))
        .isEqualTo(Documents.sha256(first));

    // The record's state, the profile with provenance, the consents by kind, the history.
    JsonObject record = json(archive.get("record.json"));
    assertThat(record.getString("format")).isEqualTo("carnet-export:v1");
    assertThat(record.getString("exportedBy")).isEqualTo("PATIENT");
    assertThat(record.getJsonObject("record").getString("state")).isEqualTo("OPEN");
    JsonArray profile =
        Json.createReader(
                new StringReader(new String(archive.get("profile.json"), StandardCharsets.UTF_8)))
            .readArray();
    assertThat(profile).hasSize(1);
    assertThat(profile.getJsonObject(0).getString("source")).isEqualTo("PROFESSIONAL");
    assertThat(profile.getJsonObject(0).getJsonObject("author").getString("rpps"))
        .isEqualTo(GP_RPPS);
    JsonObject consents = json(archive.get("consents.json"));
    assertThat(consents.keySet())
        .contains("masks", "blocks", "agreements", "representatives", "research", "settings");
    assertThat(consents.getJsonArray("masks").getJsonObject(0).getString("documentId"))
        .isEqualTo(secondId);
    assertThat(consents.getJsonArray("blocks").getJsonObject(0).getString("rpps"))
        .isEqualTo(BLOCKED_RPPS);
    JsonArray history = json(archive.get("access-history.json")).getJsonArray("entries");
    assertThat(history.stream().map(h -> h.asJsonObject().getString("action")))
        .contains("DOCUMENT_PUBLISH", "MASK_SET", "BLOCK_SET", "RECORD_EXPORT");

    // The FHIR Bundle: a collection of the same documents, each attachment pointing in the archive.
    JsonObject bundle = json(archive.get("fhir/bundle.json"));
    assertThat(bundle.getString("resourceType")).isEqualTo("Bundle");
    assertThat(bundle.getString("type")).isEqualTo("collection");
    assertThat(bundle.getJsonArray("entry")).hasSize(2);
    JsonObject reference = bundle.getJsonArray("entry").getJsonObject(0).getJsonObject("resource");
    assertThat(reference.getString("resourceType")).isEqualTo("DocumentReference");
    String url =
        reference
            .getJsonArray("content")
            .getJsonObject(0)
            .getJsonObject("attachment")
            .getString("url");
    assertThat(archive).containsKey(url);
    // HAPI reads it as an R4 Bundle, and its validator finds no error in it.
    FhirContext fhir = FhirContext.forR4Cached();
    Bundle parsed =
        fhir.newJsonParser()
            .parseResource(
                Bundle.class, new String(archive.get("fhir/bundle.json"), StandardCharsets.UTF_8));
    assertThat(parsed.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
    assertThat(parsed.getEntry()).allMatch(e -> e.getResource() instanceof DocumentReference);
    FhirValidator validator =
        fhir.newValidator()
            .registerValidatorModule(
                new FhirInstanceValidator(
                    new ValidationSupportChain(
                        new DefaultProfileValidationSupport(fhir),
                        new InMemoryTerminologyServerValidationSupport(fhir),
                        new CommonCodeSystemsTerminologyService(fhir))));
    List<SingleValidationMessage> errors =
        validator.validateWithResult(parsed).getMessages().stream()
            .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
            .toList();
    assertThat(errors).as(errors.toString()).isEmpty();

    // One trace of the export, the patient's, permitted.
    Api.Reply trail =
        api.get(
            "/api/v1/audit/traces?record=" + recordId + "&action=RECORD_EXPORT",
            carnet.token("auditor"));
    assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
    assertThat(trail.json().getJsonArray("items")).hasSize(1);
    assertThat(trail.json().getJsonArray("items").getJsonObject(0).getString("outcome"))
        .isEqualTo("PERMIT");
  }

  // ---- A representative's export of a minor's record ----------------------------------------

  @Test
  void aRepresentativesExportLacksTheMinorsSecretsAndTheirTraces() throws Exception {
    String childNir = People.newChildNir();
    Api.Reply created =
        api.post(
            "/api/v1/records",
            carnet.token("admin"),
            "{\"ins\":"
                + People.ins(childNir)
                + ",\"traits\":"
                + People.child()
                + ",\"open\":true}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String childId = created.json().getString("id");
    String parentNir = People.newNir();
    assertThat(
            api.post("/api/v1/records", carnet.token("admin"), People.createBody(parentNir, true))
                .status())
        .isEqualTo(201);
    Api.Reply registered =
        api.post(
            "/api/v1/records/" + childId + "/representatives",
            carnet.token("agent"),
            "{\"ins\":"
                + People.ins(parentNir)
                + ",\"traits\":"
                + People.marie()
                + ",\"kind\":\"MINOR\",\"relationship\":\"PARENT\"}");
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    Api.Reply approved =
        api.post(
            "/api/v1/records/"
                + childId
                + "/representatives/"
                + registered.json().getString("id")
                + "/approval",
            carnet.token("admin"),
            "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    String parent = carnet.token("patient", Map.of("ins", parentNir));
    String child = carnet.token("patient", Map.of("ins", childNir));
    String secretGp =
        carnet.token("professional", Map.of("rpps", SECRET_GP_RPPS, "finess", SECRET_GP_FINESS));

    String secret = publish(secretGp, Documents.about(childNir, People.child(), "11502-2", true));
    Api.Reply secretEntry =
        api.post(
            "/api/v1/records/" + childId + "/profile",
            secretGp,
            "{\"category\":\"TREATMENT\",\"label\":\"Contraception orale\",\"hiddenFromRepresentatives\":true}");
    assertThat(secretEntry.status()).as(secretEntry.toString()).isEqualTo(201);
    assertThat(api.get("/api/v1/records/" + childId + "/documents/" + secret, secretGp).status())
        .isEqualTo(200);
    String ordinary = publish(lab, Documents.about(childNir, People.child(), "11502-2", false));

    Map<String, byte[]> parents = download(childId, parent);
    assertThat(
            verifies(
                publicJwks(),
                new String(parents.get("manifest.jws"), StandardCharsets.US_ASCII),
                parents.get("manifest.json")))
        .isTrue();
    assertThat(json(parents.get("record.json")).getString("exportedBy"))
        .isEqualTo("REPRESENTATIVE");
    assertThat(parents).containsKey("documents/" + ordinary + ".pdf");
    String everything = text(parents);
    assertThat(everything)
        .doesNotContain(secret)
        .doesNotContain(secretEntry.json().getString("id"))
        .doesNotContain(SECRET_GP_RPPS)
        .doesNotContain(SECRET_GP_FINESS)
        .doesNotContain("Contraception");
    assertThat(json(parents.get("fhir/bundle.json")).getJsonArray("entry")).hasSize(1);

    // The minor's own export has it all.
    Map<String, byte[]> minors = download(childId, child);
    assertThat(minors).containsKey("documents/" + secret + ".pdf");
    assertThat(text(minors)).contains(SECRET_GP_RPPS).contains("Contraception");
  }

  // ---- Who may not export ---------------------------------------------------------------------

  @Test
  void everyoneButThePatientsSideIsRefusedAndEachRefusalIsTraced() throws Exception {
    String nir = People.newNir();
    String recordId = createRecord(nir);
    publish(
        gp, Documents.lab(Documents.uniqueId(), nir, "2026-11-01T09:00:00Z", Documents.pdf(400)));
    assertThat(
            api.post("/api/v1/records/" + recordId + "/agreements", gp, "{\"mode\":\"NORMAL\"}")
                .status())
        .isBetween(200, 201);
    String otherPatient = carnet.token("patient", Map.of("ins", People.newNir()));
    record Case(String who, String token, int status, String code) {}
    List<Case> cases =
        List.of(
            new Case("professional with an agreement", gp, 403, "FORBIDDEN"),
            new Case("agent", carnet.token("agent"), 403, "FORBIDDEN"),
            new Case("auditor", carnet.token("auditor"), 403, "FORBIDDEN"),
            new Case("admin", carnet.token("admin"), 403, "FORBIDDEN"),
            new Case("another patient", otherPatient, 404, "RECORD_NOT_FOUND"));
    for (Case c : cases) {
      Api.Reply refused = api.get("/api/v1/records/" + recordId + "/export", c.token());
      assertThat(refused.status()).as(c.who() + ": " + refused).isEqualTo(c.status());
      assertThat(refused.contentType()).as(c.who()).startsWith("application/problem+json");
      assertThat(refused.code()).as(c.who()).isEqualTo(c.code());
    }
    assertThat(api.get("/api/v1/records/" + recordId + "/export", null).status()).isEqualTo(401);
    Api.Reply trail =
        api.get(
            "/api/v1/audit/traces?limit=100&record="
                + recordId
                + "&action=RECORD_EXPORT&outcome=DENY",
            carnet.token("auditor"));
    assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
    assertThat(trail.json().getJsonArray("items")).hasSize(cases.size());
    assertThat(trail.body())
        .contains("ROLE_NOT_ALLOWED")
        .contains("NOT_OWN_RECORD")
        .contains(GP_RPPS);

    // The agent may have it offered to the patient, never receive it, and only once they
    // confirmed the caller (the code comes by email); a professional may not.
    String agent = carnet.token("agent");
    String sending = "/api/v1/records/" + recordId + "/export/sending";
    Api.Reply unconfirmed = api.post(sending, agent, "");
    assertThat(unconfirmed.status()).as(unconfirmed.toString()).isEqualTo(403);
    assertThat(unconfirmed.code()).isEqualTo("CALLER_NOT_CONFIRMED");
    GreenMail mail = new GreenMail(new ServerSetup(CarnetServer.smtpPort(), "127.0.0.1", "smtp"));
    mail.start();
    try {
      Callers.confirm(api, agent, recordId, People.lookupBody(nir, People.marie()), mail);
    } finally {
      mail.stop();
    }
    assertThat(api.post(sending + "?by=fax", agent, "").code()).isEqualTo("VALIDATION_FAILED");
    // No postal address on this record: nothing by post.
    assertThat(api.post(sending + "?by=post", agent, "").code())
        .isEqualTo("POSTAL_ADDRESS_MISSING");
    assertThat(api.post(sending, agent, "").status()).isEqualTo(202);
    Api.Reply proSending = api.post("/api/v1/records/" + recordId + "/export/sending", gp, "");
    assertThat(proSending.status()).as(proSending.toString()).isEqualTo(403);
    Api.Reply sendings =
        api.get(
            "/api/v1/audit/traces?record=" + recordId + "&action=RECORD_EXPORT_SENDING",
            carnet.token("auditor"));
    // The agent's refused and sent ones and the professional's refusal; the one that found no
    // address did nothing and rolled back with its trace.
    assertThat(sendings.json().getJsonArray("items")).hasSize(3);
  }

  // ---- One export at a time per record, a bounded number per server ---------------------------

  @Test
  void aSecondExportWhileOneStreamsIsRefusedAndTheServerBoundsThemAll() throws Exception {
    String nir = People.newNir();
    String recordId = createRecord(nir);
    String patient = carnet.token("patient", Map.of("ins", nir));
    bulk(nir);
    String otherNir = People.newNir();
    String otherId = createRecord(otherNir);
    String other = carnet.token("patient", Map.of("ins", otherNir));
    bulk(otherNir);

    // The first export's headers arrive; it is not read, so the server blocks on writing it.
    HttpResponse<InputStream> running = open(recordId, patient);
    assertThat(running.statusCode()).isEqualTo(200);
    try {
      Api.Reply second = api.get("/api/v1/records/" + recordId + "/export", patient);
      assertThat(second.status()).as(second.toString()).isEqualTo(409);
      assertThat(second.code()).isEqualTo("EXPORT_IN_PROGRESS");

      // A second record's export takes the server's second slot; a third is told to come back.
      HttpResponse<InputStream> alsoRunning = open(otherId, other);
      assertThat(alsoRunning.statusCode()).isEqualTo(200);
      try {
        String third = People.newNir();
        String thirdId = createRecord(third);
        Api.Reply busy =
            api.get(
                "/api/v1/records/" + thirdId + "/export",
                carnet.token("patient", Map.of("ins", third)));
        assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
        assertThat(busy.code()).isEqualTo("EXPORTS_BUSY");
        assertThat(busy.header("Retry-After")).contains("7");
      } finally {
        alsoRunning.body().close();
      }
    } finally {
      running.body().close();
    }
    // The refusal is traced; once the first download is dropped, the record exports again.
    Api.Reply trail =
        api.get(
            "/api/v1/audit/traces?record=" + recordId + "&action=RECORD_EXPORT&outcome=DENY",
            carnet.token("auditor"));
    assertThat(trail.body()).contains("EXPORT_IN_PROGRESS");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int status;
    do {
      Thread.sleep(500);
      HttpResponse<InputStream> again = open(recordId, patient);
      status = again.statusCode();
      try (InputStream body = again.body()) {
        if (status == 200) {
          assertThat(unzip(body)).containsKey("manifest.jws");
        }
      }
    } while (status != 200 && System.nanoTime() < deadline);
    assertThat(status).isEqualTo(200);
  }

  // ---- Helpers ------------------------------------------------------------------------------

  /** Twelve documents of random (incompressible) bytes: an archive larger than socket buffers. */
  private void bulk(String nir) {
    for (int i = 0; i < 12; i++) {
      byte[] content = new byte[900 * 1024];
      random.nextBytes(content);
      byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(head, 0, content, 0, head.length);
      publish(
          lab,
          Documents.lab(Documents.uniqueId(), nir, "2026-10-" + (10 + i) + "T09:00:00Z", content));
    }
  }

  private String createRecord(String nir) {
    Api.Reply created =
        api.post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().getString("id");
  }

  private String publish(String token, String body) {
    Api.Reply published = api.post(PUSH, token, body);
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    return published.json().getString("id");
  }

  private HttpResponse<InputStream> open(String recordId, String token) throws Exception {
    return http.send(
        api.request("/api/v1/records/" + recordId + "/export", token).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  private Map<String, byte[]> download(String recordId, String token) throws Exception {
    HttpResponse<InputStream> response = open(recordId, token);
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new AssertionError(
            response.statusCode() + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
      assertThat(response.headers().firstValue("Content-Type")).contains("application/zip");
      return unzip(body);
    }
  }

  private static Map<String, byte[]> unzip(InputStream body) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(body, StandardCharsets.UTF_8)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        files.put(entry.getName(), zip.readAllBytes());
      }
    }
    return files;
  }

  private String publicJwks() {
    Api.Reply keys = api.get("/api/v1/exports/keys", null);
    assertThat(keys.status()).as(keys.toString()).isEqualTo(200);
    return keys.body();
  }

  /** jose4j, given the JWKS and the payload's bytes, and nothing of Carnet's. */
  private static boolean verifies(String jwks, String compact, byte[] payload) throws Exception {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setAlgorithmConstraints(
        new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.EDDSA));
    jws.setCompactSerialization(compact);
    // The detached payload, as its exact bytes (jose4j's setPayloadBytes after a compact
    // serialization keeps the empty part it parsed).
    jws.setEncodedPayload(Base64Url.encode(payload));
    List<JsonWebKey> keys =
        new JsonWebKeySet(jwks).findJsonWebKeys(jws.getKeyIdHeaderValue(), "OKP", "sig", null);
    assertThat(keys).hasSize(1);
    jws.setKey(((PublicJsonWebKey) keys.get(0)).getPublicKey());
    return jws.verifySignature();
  }

  private static JsonObject json(byte[] bytes) {
    return Json.createReader(new ByteArrayInputStream(bytes)).readObject();
  }

  /** Every text file of the archive, one after the other. */
  private static String text(Map<String, byte[]> archive) {
    StringBuilder all = new StringBuilder();
    archive.forEach(
        (path, bytes) -> {
          if (path.endsWith(".json")) {
            all.append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
          }
        });
    return all.toString();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
