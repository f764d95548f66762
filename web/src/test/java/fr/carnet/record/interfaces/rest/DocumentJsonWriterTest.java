package fr.carnet.record.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DocumentJsonWriterTest {

  private static final Jsonb JSONB = JsonbBuilder.create();

  private static DocumentJson filed() {
    return new DocumentJson(
        UUID.fromString("6f1c8a52-4d7e-4c1b-9a8e-0b5e2f3c4d5e"),
        UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
        "cr-2026-11-20-0001",
        "LAB",
        new DocumentJson.TypeView("http://loinc.org", "11502-2"),
        "Compte rendu \"biologie\" é\n",
        Instant.parse("2026-11-20T09:30:00Z"),
        Instant.parse("2026-11-20T09:31:02.123456Z"),
        new DocumentJson.AuthorView("PROFESSIONAL", "10101010101", "10", "SM26", "750000001"),
        "application/pdf",
        10_240L,
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        null,
        "CURRENT",
        1,
        false,
        true);
  }

  private static DocumentJson referenced() {
    return new DocumentJson(
        UUID.fromString("7a2d9b63-5e8f-4d2c-8b9f-1c6f3a4d5e6f"),
        UUID.fromString("1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e"),
        "study-1",
        "IMAGING",
        new DocumentJson.TypeView("http://loinc.org", "18748-4"),
        "Scanner",
        Instant.parse("2026-01-02T03:04:05.600Z"),
        Instant.parse("2026-01-02T03:04:06Z"),
        new DocumentJson.AuthorView("PATIENT", null, null, null, null),
        null,
        null,
        null,
        new DocumentJson.ReferenceView("https://pacs.example.fr/studies/1.2.3", "1.2.3"),
        "SUPERSEDED",
        3,
        true,
        false);
  }

  private static String written(DocumentJson entity) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DocumentJsonWriter().writeTo(entity, entity.getClass(), null, null, null, null, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String written(DocumentPageJson entity) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DocumentPageJsonWriter().writeTo(entity, entity.getClass(), null, null, null, null, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesADocumentAsJsonBDid() {
    assertThat(written(filed())).isEqualTo(JSONB.toJson(filed()));
    assertThat(written(referenced())).isEqualTo(JSONB.toJson(referenced()));
  }

  @Test
  void writesPagesAsJsonBDid() {
    DocumentPageJson page =
        new DocumentPageJson(
            List.of(filed(), referenced()), "http://localhost/api/v1/records/x/documents?cursor=a");
    assertThat(written(page)).isEqualTo(JSONB.toJson(page));
    DocumentPageJson last = new DocumentPageJson(List.of(), null);
    assertThat(written(last)).isEqualTo(JSONB.toJson(last)).isEqualTo("{\"items\":[]}");
  }

  @Test
  void writesOnlyDocumentsAndPages() {
    assertThat(new DocumentJsonWriter().isWriteable(DocumentJson.class, null, null, null)).isTrue();
    assertThat(new DocumentJsonWriter().isWriteable(DocumentPageJson.class, null, null, null))
        .isFalse();
    assertThat(new DocumentPageJsonWriter().isWriteable(DocumentPageJson.class, null, null, null))
        .isTrue();
  }
}
