package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The binary push ({@code multipart/form-data}: a part metadata, a part content) over real HTTP:
 * what it files is what the JSON push files, byte for byte, and everything the JSON push refuses it
 * refuses alike, storing nothing.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultipartPushE2EIT {

  private static final String PUSH = "/api/v1/documents";
  private static final String BOUNDARY = "carnet-e2e-boundary-7MA4YWxkTrZu0gW";

  private CarnetServer carnet;
  private Api api;
  private String gp;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional");
  }

  /** A part of a multipart body: its name, its media type (or none), its bytes. */
  record Part(String name, String contentType, byte[] bytes) {}

  static Part metadata(String json) {
    return new Part("metadata", "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  static Part content(String contentType, byte[] bytes) {
    return new Part("content", contentType, bytes);
  }

  static byte[] body(List<Part> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Part part : parts) {
      StringBuilder head = new StringBuilder("--" + BOUNDARY + "\r\n");
      head.append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
      if (part.name().equals("content")) {
        head.append("; filename=\"document.bin\"");
      }
      head.append("\r\n");
      if (part.contentType() != null) {
        head.append("Content-Type: ").append(part.contentType()).append("\r\n");
      }
      head.append("\r\n");
      out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      out.writeBytes(part.bytes());
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private Api.Reply upload(String token, List<Part> parts) {
    return api.send(
        api.request(PUSH, token)
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body(parts))));
  }

  private Api.Reply upload(String token, String json, String contentType, byte[] bytes) {
    return upload(token, List.of(metadata(withoutContent(json)), content(contentType, bytes)));
  }

  /** A JSON push's metadata: the same body without its base64 content. */
  static String withoutContent(String json) {
    return json.replaceFirst(",?\"content\":\"[^\"]*\"", "");
  }

  /** A new person with an open record whose agreement the GP declared; returns their NIR. */
  private String openRecord() {
    String nir = People.newNir();
    Api.Reply created =
        api.post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    assertThat(
            api.post("/api/v1/records/" + id + "/agreements", gp, "{\"mode\":\"NORMAL\"}").status())
        .isEqualTo(201);
    return nir;
  }

  private String patient(String nir) {
    return carnet.token("patient", Map.of("ins", nir));
  }

  private String recordOf(String nir) {
    return api.get("/api/v1/records/mine", patient(nir)).json().getString("id");
  }

  private int listed(String nir) {
    Api.Reply page = api.get("/api/v1/records/" + recordOf(nir) + "/documents", patient(nir));
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.json().getJsonArray("items").size();
  }

  /** Rows of the record's documents and contents in the database itself. */
  private long storedRows(String nir) throws Exception {
    try (Connection connection = carnet.server().database().superuserConnection();
        PreparedStatement count =
            connection.prepareStatement(
                "select (select count(*) from document where record_id = ?::uuid)"
                    + " + (select count(*) from document_content c join document d"
                    + " on d.id = c.document_id where d.record_id = ?::uuid)")) {
      count.setString(1, recordOf(nir));
      count.setString(2, recordOf(nir));
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private byte[] contentOf(String nir, String documentId) throws Exception {
    HttpResponse<byte[]> read =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        api.base()
                            + "/api/v1/records/"
                            + recordOf(nir)
                            + "/documents/"
                            + documentId
                            + "/content"))
                .header("Authorization", "Bearer " + gp)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(read.statusCode()).isEqualTo(200);
    return read.body();
  }

  @Test
  void aPdfPushedAsBytesIsReadBackByteIdentical() throws Exception {
    String nir = openRecord();
    // One small (in memory), one beyond a chunk of the content store (spooled, stored in chunks).
    for (int size : new int[] {10_000, 700_000}) {
      byte[] pdf = Documents.pdf(size);
      pdf[size / 2] = (byte) 0xFF;
      pdf[size / 2 + 1] = 0;

      Api.Reply published =
          upload(
              gp,
              Documents.lab(Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", pdf),
              "application/pdf",
              pdf);

      assertThat(published.status()).as(published.toString()).isEqualTo(201);
      JsonObject document = published.json();
      assertThat(document.getString("hash")).isEqualTo(Documents.sha256(pdf));
      assertThat(document.getJsonNumber("size").longValue()).isEqualTo(size);
      assertThat(published.header("Location")).isPresent();
      assertThat(contentOf(nir, document.getString("id"))).isEqualTo(pdf);
    }
    assertThat(listed(nir)).isEqualTo(2);
  }

  @Test
  void theJsonAndTheMultipartPushFileTheSameMetadata() throws Exception {
    String nir = openRecord();
    byte[] pdf = Documents.pdf(5_000);
    String json = Documents.lab(Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", pdf);
    String sameElsewhere =
        json.replaceFirst(
            "\"uniqueId\":\"[^\"]*\"", "\"uniqueId\":\"" + Documents.uniqueId() + "\"");

    JsonObject throughJson = api.post(PUSH, gp, json).json();
    Api.Reply throughBytes = upload(gp, sameElsewhere, "application/pdf", pdf);
    // The same push again through the other door is the same document: idempotent on uniqueId.
    Api.Reply replayed = upload(gp, json, "application/pdf", pdf);

    assertThat(throughBytes.status()).as(throughBytes.toString()).isEqualTo(201);
    Set<String> ignored = Set.of("id", "uniqueId", "submittedAt");
    for (String field : throughJson.keySet()) {
      if (!ignored.contains(field)) {
        assertThat(throughBytes.json().get(field)).as(field).isEqualTo(throughJson.get(field));
      }
    }
    assertThat(throughBytes.json().keySet()).isEqualTo(throughJson.keySet());
    assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
    assertThat(replayed.json().getString("id")).isEqualTo(throughJson.getString("id"));
    // A content type left to the content part's own header.
    Api.Reply typedByPart =
        upload(
            gp,
            withoutContent(Documents.lab(Documents.uniqueId(), nir, "2026-11-21T09:30:00Z", pdf))
                .replace(",\"contentType\":\"application/pdf\"", ""),
            "application/pdf",
            pdf);
    assertThat(typedByPart.status()).as(typedByPart.toString()).isEqualTo(201);
    assertThat(typedByPart.json().getString("contentType")).isEqualTo("application/pdf");
  }

  /** Every refusal of the JSON push, made through both doors: the same answer, nothing stored. */
  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no token                 | 401 | UNAUTHENTICATED       | none    | 11502-2 | application/pdf | pdf",
        "an agent                 | 403 | FORBIDDEN             | agent   | 11502-2 | application/pdf | pdf",
        "an auditor               | 403 | FORBIDDEN             | auditor | 11502-2 | application/pdf | pdf",
        "a patient, as such       | 403 | FORBIDDEN             | patient | 11502-2 | application/pdf | pdf",
        "a professional, no RPPS  | 403 | FORBIDDEN             | norpps  | 11502-2 | application/pdf | pdf",
        "dentist, childbirth      | 403 | DENIED_BY_MATRIX      | dentist | 57055-6 | application/pdf | pdf",
        "unknown LOINC type       | 400 | DOCUMENT_TYPE_UNKNOWN | gp      | 99999-9 | application/pdf | pdf",
        "a PDF that is not one    | 415 | UNSUPPORTED_CONTENT   | gp      | 11502-2 | application/pdf | text",
        "a zip                    | 415 | UNSUPPORTED_CONTENT   | gp      | 11502-2 | application/zip | pdf",
        "text that is binary      | 415 | UNSUPPORTED_CONTENT   | gp      | 11502-2 | text/plain      | pdf",
        "over the size limit      | 413 | DOCUMENT_TOO_LARGE    | gp      | 11502-2 | application/pdf | huge",
        "no type                  | 400 | VALIDATION_FAILED     | gp      | 11502-2 | application/pdf | notype",
        "no patient               | 400 | VALIDATION_FAILED     | gp      | 11502-2 | application/pdf | nopatient",
        "traits of someone else   | 409 | INS_TRAITS_MISMATCH   | gp      | 11502-2 | application/pdf | mismatch",
      })
  void everyRefusalOfTheJsonPushIsTheMultipartOnesToo(
      String why, int status, String code, String who, String type, String contentType, String what)
      throws Exception {
    String nir = openRecord();
    String token =
        switch (who) {
          case "none" -> null;
          case "dentist" ->
              carnet.token(
                  "professional",
                  Map.of("profession", "40", "specialty", "", "rpps", "40404040404"));
          case "patient" -> patient(nir);
          case "norpps" -> carnet.token("professional", Map.of("rpps", ""));
          case "gp" -> gp;
          default -> carnet.token(who);
        };
    byte[] bytes =
        switch (what) {
          case "text" -> "just text".getBytes(StandardCharsets.UTF_8);
          case "huge" -> Documents.pdf(CarnetServer.MAX_DOCUMENT_BYTES + 1);
          default -> Documents.pdf(1_000);
        };
    if (contentType.equals("text/plain")) {
      bytes[10] = 0;
    }
    String json =
        Documents.push(
            Documents.uniqueId(),
            nir,
            "http://loinc.org",
            type,
            "2026-11-20T10:00:00Z",
            contentType,
            bytes);
    json =
        switch (what) {
          case "notype" -> json.replaceFirst("\"type\":\\{[^}]*\\},", "");
          case "nopatient" -> json.replaceFirst("\"patient\":\\{.*?\\}\\},", "");
          case "mismatch" -> json.replace("\"DUPONT\"", "\"DURAND\"");
          default -> json;
        };

    Api.Reply refusedJson = api.post(PUSH, token, json);
    Api.Reply refusedBytes = upload(token, json, contentType, bytes);

    assertThat(refusedJson.status()).as(why + " (JSON): " + refusedJson).isEqualTo(status);
    assertThat(refusedJson.code()).isEqualTo(code);
    assertThat(refusedBytes.status()).as(why + " (multipart): " + refusedBytes).isEqualTo(status);
    assertThat(refusedBytes.code()).isEqualTo(code);
    assertThat(refusedBytes.contentType()).startsWith("application/problem+json");
    assertThat(listed(nir)).isZero();
    assertThat(storedRows(nir)).isZero();
  }

  /**
   * Who may push bytes: the JSON push's table, both doors asked. A push needs no agreement of the
   * patient (the author reads back their own): a GP without one files alike.
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "professional, 201",
    "no-agreement, 201",
    "patient,      201",
    "agent,        403",
    "auditor,      403",
    "admin,        403",
    "none,         401",
  })
  void eachRoleMayPushBytesExactlyAsItMayPushJson(String role, int expected) throws Exception {
    String nir = openRecord();
    String token =
        switch (role) {
          case "none" -> null;
          case "patient" -> patient(nir);
          case "no-agreement" -> carnet.token("professional", Map.of("rpps", "10202020202"));
          default -> carnet.token(role);
        };
    byte[] pdf = Documents.pdf(2_000);
    String json = Documents.lab(Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", pdf);
    if (role.equals("patient")) {
      // A patient's own upload: no patient, no type (class PATIENT).
      json =
          json.replaceFirst("\"patient\":\\{.*?\\}\\},", "")
              .replaceFirst("\"type\":\\{[^}]*\\},", "");
    }
    String other =
        json.replaceFirst(
            "\"uniqueId\":\"[^\"]*\"", "\"uniqueId\":\"" + Documents.uniqueId() + "\"");

    Api.Reply throughJson = api.post(PUSH, token, json);
    Api.Reply throughBytes = upload(token, other, "application/pdf", pdf);

    assertThat(throughJson.status()).as(throughJson.toString()).isEqualTo(expected);
    assertThat(throughBytes.status()).as(throughBytes.toString()).isEqualTo(expected);
    assertThat(listed(nir)).isEqualTo(expected == 201 ? 2 : 0);
  }

  @Test
  void aMissingDuplicateOrStrayPartIsRefusedAndStoresNothing() throws Exception {
    String nir = openRecord();
    byte[] pdf = Documents.pdf(1_000);
    String json = Documents.lab(Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", pdf);
    Part metadata = metadata(withoutContent(json));
    Part content = content("application/pdf", pdf);
    Part otherPdf = content("application/pdf", Documents.pdf(1_000));

    List<List<Part>> invalid =
        List.of(
            List.of(metadata),
            List.of(content),
            List.of(),
            List.of(metadata, content, otherPdf),
            List.of(metadata, metadata, content),
            List.of(metadata, content, new Part("attachment", "application/pdf", pdf)));
    for (List<Part> parts : invalid) {
      Api.Reply refused = upload(gp, parts);
      assertThat(refused.status()).as(parts.size() + " parts: " + refused).isEqualTo(400);
      assertThat(refused.code()).isEqualTo("MULTIPART_INVALID");
    }
    Api.Reply notJson =
        upload(gp, List.of(metadata("{\"uniqueId\": \"x\", "), content("application/pdf", pdf)));
    Api.Reply base64Too = upload(gp, List.of(metadata(json), content("application/pdf", pdf)));
    Api.Reply noTitle =
        upload(
            gp,
            List.of(
                metadata(withoutContent(json).replace("\"title\":\"Compte rendu\",", "")),
                content("application/pdf", pdf)));

    assertThat(notJson.status()).as(notJson.toString()).isEqualTo(400);
    assertThat(notJson.code()).isEqualTo("MALFORMED_JSON");
    assertThat(base64Too.code()).as(base64Too.toString()).isEqualTo("VALIDATION_FAILED");
    assertThat(noTitle.code()).as(noTitle.toString()).isEqualTo("VALIDATION_FAILED");
    assertThat(storedRows(nir)).isZero();
  }

  @Test
  void aMalformedMultipartBodyIsA400() throws Exception {
    String nir = openRecord();
    byte[] whole =
        body(
            List.of(
                metadata(
                    withoutContent(
                        Documents.lab(
                            Documents.uniqueId(),
                            nir,
                            "2026-11-20T09:30:00Z",
                            Documents.pdf(1_000)))),
                content("application/pdf", Documents.pdf(1_000))));
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 40);

    Api.Reply noEnd =
        api.send(
            api.request(PUSH, gp)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(truncated)));
    Api.Reply noBoundary =
        api.send(
            api.request(PUSH, gp)
                .header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofByteArray(whole)));

    assertThat(noEnd.status()).as(noEnd.toString()).isEqualTo(400);
    assertThat(noEnd.code()).isEqualTo("MULTIPART_INVALID");
    assertThat(noBoundary.status()).as(noBoundary.toString()).isEqualTo(400);
    assertThat(noBoundary.code()).isEqualTo("MULTIPART_INVALID");
    assertThat(storedRows(nir)).isZero();
  }

  /**
   * A multipart body past its bound (the document limit plus 1 MiB; no base64 allowance) without a
   * Content-Length is cut while being read; with one, refused unread. Then a push succeeds.
   */
  @Test
  void aHugeMultipartBodyIsCutAt413AndTheNodeStaysHealthy() throws Exception {
    String nir = openRecord();
    byte[] head =
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"x.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n")
            .getBytes(StandardCharsets.US_ASCII);
    long size = 3L * CarnetServer.MAX_DOCUMENT_BYTES + 4 * 1024 * 1024;

    HttpResponse<String> chunked =
        client.send(
            api.request(PUSH, gp)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(head, size)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> declared =
        client.send(
            api.request(PUSH, gp)
                .expectContinue(true)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) size]))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
    assertThat(chunked.body()).contains("\"code\":\"DOCUMENT_TOO_LARGE\"");
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(413);
    assertThat(declared.body()).contains("\"code\":\"DOCUMENT_TOO_LARGE\"");
    assertThat(storedRows(nir)).isZero();
    byte[] pdf = Documents.pdf(3_000);
    Api.Reply after =
        upload(
            gp,
            Documents.lab(Documents.uniqueId(), nir, "2026-11-20T09:30:00Z", pdf),
            "application/pdf",
            pdf);
    assertThat(after.status()).as(after.toString()).isEqualTo(201);
  }

  /** A body of {@code size} bytes: {@code prefix}, then filler, given as it is read. */
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
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (sent >= size) {
        return -1;
      }
      int n = (int) Math.min(length, size - sent);
      for (int i = 0; i < n; i++, sent++) {
        buffer[offset + i] = sent < prefix.length ? prefix[(int) sent] : (byte) 'x';
      }
      return n;
    }
  }
}
