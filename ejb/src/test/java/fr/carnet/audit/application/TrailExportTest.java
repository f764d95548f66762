package fr.carnet.audit.application;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.audit.model.TraceCanonicalForm;
import fr.carnet.audit.model.TraceTree;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The trail export's line: every column of the trace, nulls included, and the leaf as stored. */
class TrailExportTest {

  private static JsonObject parse(String line) {
    return Json.createReader(new StringReader(line)).readObject();
  }

  @Test
  void aLineCarriesTheWholeTraceAndItsFormAndAGoneRowIsNull() {
    UUID salt = UUID.fromString("5f0c3a2e-7d41-4b8e-9a6f-1c2d3e4f5a6b");
    TraceCanonicalForm trace =
        new TraceCanonicalForm(
            42,
            Instant.parse("2026-12-01T10:15:30.123456Z"),
            "PROFESSIONAL",
            "pro-1",
            "10000000001",
            "10",
            null,
            UUID.fromString("3f8b0a4e-0000-4000-8000-000000000001"),
            null,
            "DOCUMENT_READ",
            "PERMIT",
            "MATRIX",
            "détail \"quoted\"",
            "NORMAL",
            "req-1",
            salt);
    JsonObject line = parse(TrailExport.line(new TraceTree.StoredLeaf(7, 42, new byte[32], trace)));
    assertThat(line.getJsonNumber("position").longValue()).isEqualTo(7);
    assertThat(line.getString("leafHash")).isEqualTo("00".repeat(32));
    JsonObject t = line.getJsonObject("trace");
    assertThat(t.getInt("form")).isEqualTo(2);
    assertThat(t.getJsonNumber("atMicros").longValue()).isEqualTo(1796120130123456L);
    assertThat(t.getString("detail")).isEqualTo("détail \"quoted\"");
    assertThat(t.getString("salt")).isEqualTo(salt.toString());
    assertThat(t.isNull("actorFiness")).isTrue();
    assertThat(t.isNull("documentId")).isTrue();
    assertThat(t.keySet())
        .containsExactly(
            "form",
            "id",
            "atMicros",
            "actorRole",
            "actorId",
            "actorRpps",
            "actorProfession",
            "actorFiness",
            "recordId",
            "documentId",
            "action",
            "outcome",
            "reason",
            "detail",
            "accessMode",
            "requestId",
            "salt");

    JsonObject gone = parse(TrailExport.line(new TraceTree.StoredLeaf(8, 43, new byte[32], null)));
    assertThat(gone.isNull("trace")).isTrue();
    assertThat(gone.containsKey("purged")).isFalse();

    // Dropped by retention: said so, and no trace at all.
    JsonObject purged =
        parse(TrailExport.line(new TraceTree.StoredLeaf(9, 44, new byte[32], null), true));
    assertThat(purged.getBoolean("purged")).isTrue();
    assertThat(purged.containsKey("trace")).isFalse();
    assertThat(purged.getJsonNumber("position").longValue()).isEqualTo(9);
    assertThat(purged.getString("leafHash")).hasSize(64);
  }
}
