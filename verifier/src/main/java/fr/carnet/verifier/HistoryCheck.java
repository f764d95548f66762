package fr.carnet.verifier;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A patient's history export ({@code format: carnet-history-export:v1}) checked against the
 * witnessed heads: its {@code treeHead} signed by the key and witnessed with the same root; each
 * entry's shown fields equal to its proof's entry, the leaf recomputed from that entry, and its
 * inclusion path leading to the head's root. An entry without a proof (not yet covered by the head,
 * or a trace older than the salted form) is counted as not yet provable, not as a failure.
 */
final class HistoryCheck {

  static final String FORMAT = "carnet-history-export:v1";

  private HistoryCheck() {}

  static void check(JsonObject export, WitnessCheck witness, PublicKey key, Report report) {
    if (!FORMAT.equals(JsonFields.text(export, "format"))) {
      report.add(
          Problem.EXPORT_UNREADABLE,
          null,
          null,
          "not a " + FORMAT + " (format is " + JsonFields.text(export, "format") + ")");
      return;
    }
    if (!JsonFields.present(export, "treeHead")) {
      noHead(export, report);
      return;
    }
    SignedHead head;
    try {
      head = SignedHead.of(0, export.getJsonObject("treeHead"));
    } catch (RuntimeException e) {
      report.add(Problem.EXPORT_UNREADABLE, null, null, "treeHead: " + e.getMessage());
      return;
    }
    head(head, witness, key, report);
    String recordId = JsonFields.text(export, "recordId");
    JsonArray entries = export.getJsonArray("entries");
    if (entries == null) {
      report.add(Problem.EXPORT_UNREADABLE, null, head.size(), "no entries");
      return;
    }
    int proven = 0;
    int unproven = 0;
    int index = 0;
    for (JsonValue value : entries) {
      JsonObject entry = value.asJsonObject();
      if (!JsonFields.present(entry, "proof")) {
        unproven++;
      } else if (entry(index, entry, recordId, head, report)) {
        proven++;
      }
      index++;
    }
    report.checked(
        "history export of record "
            + recordId
            + ": "
            + entries.size()
            + " entries, "
            + proven
            + " proven against the head of size "
            + head.size()
            + ", "
            + unproven
            + " not yet provable (no proof)");
  }

  /** An export made before any head was signed: nothing in it can be proven yet. */
  private static void noHead(JsonObject export, Report report) {
    JsonArray entries = export.getJsonArray("entries");
    int size = entries == null ? 0 : entries.size();
    for (int index = 0; index < size; index++) {
      if (JsonFields.present(entries.getJsonObject(index), "proof")) {
        report.add(
            Problem.ENTRY_NOT_PROVEN, null, null, "entry " + index + ": a proof, but no treeHead");
      }
    }
    report.checked(
        "history export of record "
            + JsonFields.text(export, "recordId")
            + ": no signed head yet, "
            + size
            + " entries not yet provable");
  }

  private static void head(SignedHead head, WitnessCheck witness, PublicKey key, Report report) {
    String unsigned = head.signatureProblem(key, HeadStatement.keyId(key));
    if (unsigned != null) {
      report.add(Problem.WITNESS_INVALID, null, head.size(), "the export's head: " + unsigned);
      return;
    }
    SignedHead witnessed = witness.at(head.size());
    if (witnessed == null) {
      report.add(
          Problem.HEAD_NOT_WITNESSED,
          null,
          head.size(),
          "the export's head (size "
              + head.size()
              + ", "
              + head.timestamp()
              + ") is signed but not in the heads file (largest witnessed size "
              + witness.largestSize()
              + "): take a newer copy of the heads file, or the head was never witnessed");
    } else if (!MessageDigest.isEqual(witnessed.root(), head.root())) {
      report.add(
          Problem.HEAD_CONTRADICTED,
          null,
          head.size(),
          "the export's head says root "
              + JsonFields.shortHex(head.root())
              + " at size "
              + head.size()
              + ", the witness signed "
              + JsonFields.shortHex(witnessed.root())
              + " ("
              + witnessed.where()
              + ")");
    }
  }

  /** Whether the entry is proven; each failure reported as ENTRY_NOT_PROVEN. */
  private static boolean entry(
      int index, JsonObject entry, String recordId, SignedHead head, Report report) {
    JsonObject proof = entry.getJsonObject("proof");
    Long position = null;
    try {
      position = JsonFields.number(proof, "position");
      long treeSize = JsonFields.number(proof, "treeSize");
      JsonObject shown = proof.getJsonObject("entry");
      if (shown == null) {
        throw new IllegalArgumentException("the proof has no entry");
      }
      long form = JsonFields.number(shown, "form");
      if (form != 2) {
        return notProven(
            report,
            index,
            position,
            head,
            "its proof's entry is of form " + form + ", only form 2 can be shown");
      }
      TraceEncoding.Shown fields = shown(shown);
      List<String> differences = differences(entry, fields, recordId);
      if (!differences.isEmpty()) {
        return notProven(
            report,
            index,
            position,
            head,
            "shown fields differ from its proof's entry (trace "
                + fields.id()
                + "): "
                + String.join(", ", differences));
      }
      if (treeSize != head.size()) {
        return notProven(
            report,
            index,
            position,
            head,
            "its proof is against size "
                + treeSize
                + ", the export's head is of size "
                + head.size());
      }
      List<byte[]> path = JsonFields.hashes(proof, "path");
      byte[] leaf = Rfc9162.leafHash(fields.entry());
      if (path == null || !Rfc9162.verifyInclusion(position, treeSize, leaf, path, head.root())) {
        return notProven(
            report,
            index,
            position,
            head,
            "trace "
                + fields.id()
                + ": its inclusion path does not lead from leaf "
                + JsonFields.shortHex(leaf)
                + " to the head's root");
      }
      return true;
    } catch (RuntimeException e) {
      return notProven(
          report, index, position, head, "its proof cannot be read: " + e.getMessage());
    }
  }

  private static boolean notProven(
      Report report, int index, Long position, SignedHead head, String detail) {
    report.add(Problem.ENTRY_NOT_PROVEN, position, head.size(), "entry " + index + ": " + detail);
    return false;
  }

  static TraceEncoding.Shown shown(JsonObject e) {
    return new TraceEncoding.Shown(
        JsonFields.number(e, "id"),
        JsonFields.number(e, "atMicros"),
        JsonFields.text(e, "actorRole"),
        JsonFields.text(e, "actorRpps"),
        JsonFields.text(e, "actorProfession"),
        JsonFields.text(e, "actorFiness"),
        JsonFields.text(e, "recordId"),
        JsonFields.text(e, "documentId"),
        JsonFields.text(e, "action"),
        JsonFields.text(e, "outcome"),
        JsonFields.text(e, "accessMode"),
        JsonFields.hash(e, "sealed"));
  }

  /**
   * Where what the history shows the patient differs from what the leaf covers: its time, actor
   * (role, RPPS, profession, FINESS), action, mode, outcome, document, and the export's record. A
   * field the export leaves out is null, as the JSON of the history writes no null.
   */
  private static List<String> differences(
      JsonObject entry, TraceEncoding.Shown proven, String recordId) {
    List<String> differences = new ArrayList<>();
    String at = JsonFields.text(entry, "at");
    Long micros = at == null ? null : micros(Instant.parse(at));
    if (!Objects.equals(micros, proven.atMicros())) {
      differences.add(
          "at " + at + " vs " + Instant.EPOCH.plus(proven.atMicros(), ChronoUnit.MICROS));
    }
    JsonObject actor =
        JsonFields.present(entry, "actor")
            ? entry.getJsonObject("actor")
            : JsonValue.EMPTY_JSON_OBJECT;
    compare(differences, "actor.role", JsonFields.text(actor, "role"), proven.actorRole());
    compare(differences, "actor.rpps", JsonFields.text(actor, "rpps"), proven.actorRpps());
    compare(
        differences,
        "actor.profession",
        JsonFields.text(actor, "profession"),
        proven.actorProfession());
    compare(differences, "actor.finess", JsonFields.text(actor, "finess"), proven.actorFiness());
    compare(differences, "action", JsonFields.text(entry, "action"), proven.action());
    compare(differences, "mode", JsonFields.text(entry, "mode"), proven.accessMode());
    compare(differences, "outcome", JsonFields.text(entry, "outcome"), proven.outcome());
    compare(
        differences,
        "documentId",
        lower(JsonFields.text(entry, "documentId")),
        lower(proven.documentId()));
    if (recordId != null) {
      compare(differences, "recordId", lower(recordId), lower(proven.recordId()));
    }
    return differences;
  }

  private static void compare(List<String> differences, String name, String shown, String proven) {
    if (!Objects.equals(shown, proven)) {
      differences.add(name + " " + shown + " vs " + proven);
    }
  }

  private static long micros(Instant at) {
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
