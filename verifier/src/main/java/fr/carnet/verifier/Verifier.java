package fr.carnet.verifier;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * The verification: the heads file with the key, then, if given, an export against the heads that
 * verified. A history export is one JSON object ({@code format: carnet-history-export:v1}); a trail
 * export is NDJSON, one leaf per line.
 */
public final class Verifier {

  private Verifier() {}

  /**
   * Verifies {@code heads} (the witness file) with {@code key} (a PEM file, a file holding the JSON
   * of {@code GET /api/v1/audit/tree-heads/key}, or the key's base64 X.509 text), then {@code
   * export} when not null.
   *
   * @throws IllegalArgumentException when the key cannot be read or a file is missing: there is
   *     nothing to verify, which is not a finding
   */
  public static Report verify(Path heads, String key, Path export, Options options) {
    PublicKey publicKey = Keys.read(key);
    if (!Files.isRegularFile(heads)) {
      throw new IllegalArgumentException("No heads file " + heads);
    }
    if (export != null && !Files.isRegularFile(export)) {
      throw new IllegalArgumentException("No export file " + export);
    }
    Report report = new Report();
    try {
      WitnessCheck witness = WitnessCheck.of(heads, publicKey, report);
      report.checked(witness.summary() + " (key " + HeadStatement.keyId(publicKey) + ")");
      if (export != null) {
        export(export, witness, publicKey, options, report);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return report;
  }

  private static void export(
      Path export, WitnessCheck witness, PublicKey key, Options options, Report report)
      throws IOException {
    try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      while (first != null && first.isBlank()) {
        first = in.readLine();
      }
      if (first == null) {
        report.add(Problem.EXPORT_UNREADABLE, null, null, "the export is empty");
        return;
      }
      JsonObject firstObject = null;
      try {
        firstObject = JsonFields.object(first);
      } catch (RuntimeException e) {
        // not one object on its first line: a pretty-printed history export, read whole below
      }
      if (firstObject != null && firstObject.containsKey("position")) {
        TrailCheck.check(in, first, witness, options, report);
        return;
      }
    }
    JsonObject whole;
    try {
      whole = JsonFields.object(Files.readString(export, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      report.add(
          Problem.EXPORT_UNREADABLE,
          null,
          null,
          "neither a history export (one JSON object) nor a trail export (NDJSON): "
              + e.getMessage());
      return;
    }
    HistoryCheck.check(whole, witness, key, report);
  }

  /** A path given on the command line, or null. */
  static Path path(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Path.of(text.strip());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("Not a path: " + text, e);
    }
  }
}
