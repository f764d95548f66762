package fr.carnet.verifier;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An auditor's trail export (NDJSON, one line per position from 0: {@code position}, {@code
 * leafHash} as stored, {@code trace} or null, {@code purged}) checked against the witnessed heads:
 * every leaf recomputed from its trace, every position present up to the largest witnessed size,
 * the root rebuilt at each witnessed size, no trace older than a head witnessed before its leaf, no
 * purge younger than the retention. A purged position counts with its stored leaf hash.
 */
final class TrailCheck {

  private final WitnessCheck witness;
  private final Options options;
  private final Report report;
  private final List<SignedHead> heads;
  private final Instant cutoff;
  private final long purgeableSize;

  private final Rfc9162.Builder tree = new Rfc9162.Builder();
  private long expected;
  private boolean rebuildable = true;
  private long lastMatchingSize;
  private Long contradictedAt;
  private int contradictedLater;
  private int rootsMatched;
  private int headIndex;
  private SignedHead latestBefore;
  private long purged;

  private TrailCheck(WitnessCheck witness, Options options, Report report) {
    this.witness = witness;
    this.options = options;
    this.report = report;
    this.heads = witness.heads();
    this.cutoff = options.retentionCutoff();
    this.purgeableSize =
        witness.everyLine().stream()
            .filter(h -> !h.timestamp().isAfter(cutoff))
            .mapToLong(SignedHead::size)
            .max()
            .orElse(0);
  }

  static void check(
      BufferedReader lines, String firstLine, WitnessCheck witness, Options options, Report report)
      throws IOException {
    TrailCheck check = new TrailCheck(witness, options, report);
    int number = 1;
    for (String text = firstLine; text != null; text = lines.readLine(), number++) {
      if (!text.isBlank()) {
        check.line(number, text);
      }
    }
    check.end();
  }

  private void line(int number, String text) {
    JsonObject json;
    long position;
    try {
      json = JsonFields.object(text);
      position = JsonFields.number(json, "position");
    } catch (RuntimeException e) {
      report.add(Problem.EXPORT_UNREADABLE, null, null, "line " + number + ": " + e.getMessage());
      return;
    }
    if (position < expected) {
      report.add(
          Problem.EXPORT_UNREADABLE,
          position,
          null,
          "line " + number + ": position " + position + " again or out of order");
      return;
    }
    if (position > expected) {
      report.add(
          new Finding(
              Problem.POSITION_MISSING,
              expected,
              position - 1,
              witness.coveringSize(expected),
              "no leaf at all at these positions: deleted, or the export skipped them"));
      rebuildable = false;
      expected = position;
    }
    leaf(number, position, json);
    expected = position + 1;
  }

  private void leaf(int number, long position, JsonObject json) {
    Long covering = witness.coveringSize(position);
    byte[] stored = null;
    try {
      stored = JsonFields.hash(json, "leafHash");
    } catch (RuntimeException e) {
      report.add(
          Problem.EXPORT_UNREADABLE,
          position,
          covering,
          "line " + number + ": leafHash: " + e.getMessage());
    }
    boolean isPurged = json.getBoolean("purged", false);
    boolean hasTrace =
        json.containsKey("trace") && json.get("trace").getValueType() == JsonValue.ValueType.OBJECT;
    byte[] leaf = stored;
    if (hasTrace) {
      leaf = traced(number, position, covering, stored, json.getJsonObject("trace"));
    } else if (isPurged) {
      purged++;
      if (position >= purgeableSize) {
        report.add(
            Problem.PURGE_TOO_RECENT,
            position,
            covering,
            "purged, but no head signed before "
                + cutoff.truncatedTo(ChronoUnit.SECONDS)
                + " (now − retention "
                + options.retention()
                + ") covers it"
                + (purgeableSize == 0
                    ? ""
                    : " (such heads cover positions below " + purgeableSize + ")"));
      }
    } else {
      report.add(Problem.TRACE_MISSING, position, covering, "the leaf is there, its trace is gone");
    }
    if (leaf == null) {
      rebuildable = false;
      return;
    }
    append(leaf);
  }

  /** The trace's recomputed leaf, checked against the stored one and against backdating. */
  private byte[] traced(int number, long position, Long covering, byte[] stored, JsonObject json) {
    TraceEncoding.Trace trace;
    byte[] recomputed;
    try {
      trace = trace(json);
      recomputed = Rfc9162.leafHash(trace.entry());
    } catch (RuntimeException e) {
      report.add(
          Problem.EXPORT_UNREADABLE,
          position,
          covering,
          "line " + number + ": trace: " + e.getMessage());
      return stored;
    }
    if (stored != null && !MessageDigest.isEqual(stored, recomputed)) {
      report.add(
          Problem.LEAF_ALTERED,
          position,
          covering,
          "trace "
              + trace.id()
              + " (form "
              + trace.form()
              + ") encodes to leaf "
              + JsonFields.shortHex(recomputed)
              + ", the tree holds "
              + JsonFields.shortHex(stored));
    }
    backdating(position, trace);
    return stored != null ? stored : recomputed;
  }

  /** A trace older (beyond the tolerance) than a head signed before its leaf was appended. */
  private void backdating(long position, TraceEncoding.Trace trace) {
    while (headIndex < heads.size() && heads.get(headIndex).size() <= position) {
      SignedHead head = heads.get(headIndex++);
      if (latestBefore == null || head.timestamp().isAfter(latestBefore.timestamp())) {
        latestBefore = head;
      }
    }
    if (latestBefore == null) {
      return;
    }
    Instant at = Instant.EPOCH.plus(trace.atMicros(), ChronoUnit.MICROS);
    if (at.isBefore(latestBefore.timestamp().minus(options.tolerance()))) {
      report.add(
          Problem.BACKDATED,
          position,
          latestBefore.size(),
          "trace "
              + trace.id()
              + " says "
              + at
              + ", yet the head of size "
              + latestBefore.size()
              + " signed at "
              + latestBefore.timestamp()
              + " did not hold it (tolerance "
              + options.tolerance()
              + ")");
    }
  }

  private void append(byte[] leaf) {
    if (!rebuildable) {
      return;
    }
    tree.append(leaf);
    SignedHead head = witness.at(tree.size());
    if (head == null) {
      return;
    }
    if (MessageDigest.isEqual(head.root(), tree.root())) {
      if (contradictedAt == null) {
        lastMatchingSize = tree.size();
        rootsMatched++;
      }
    } else if (contradictedAt == null) {
      contradictedAt = tree.size();
      report.add(
          Problem.HEAD_CONTRADICTED,
          lastMatchingSize,
          tree.size(),
          "the root rebuilt from the export's leaves at size "
              + tree.size()
              + " is "
              + JsonFields.shortHex(tree.root())
              + ", the witness signed "
              + JsonFields.shortHex(head.root())
              + ": a leaf among positions "
              + lastMatchingSize
              + ".."
              + (tree.size() - 1)
              + " was rewritten (the last matching witnessed size is "
              + lastMatchingSize
              + ")");
    } else {
      contradictedLater++;
    }
  }

  private void end() {
    long witnessed = witness.largestSize();
    if (expected < witnessed) {
      report.add(
          new Finding(
              Problem.POSITION_MISSING,
              expected,
              witnessed - 1,
              witness.coveringSize(expected),
              "the export ends at position "
                  + expected
                  + ", the witness signed a tree of "
                  + witnessed
                  + " leaves: the last ones are gone (or the export was cut with ?to=)"));
    }
    report.checked(
        "trail export: "
            + expected
            + " position(s), "
            + purged
            + " purged, "
            + rootsMatched
            + " witnessed root(s) rebuilt and matched"
            + (contradictedLater > 0
                ? ", " + contradictedLater + " later witnessed size(s) contradicted too"
                : "")
            + (rebuildable ? "" : ", roots not rebuilt past the first missing leaf"));
  }

  static TraceEncoding.Trace trace(JsonObject t) {
    String salt = JsonFields.text(t, "salt");
    Long form = JsonFields.optionalNumber(t, "form");
    return new TraceEncoding.Trace(
        form == null ? (salt == null ? 1 : 2) : Math.toIntExact(form),
        JsonFields.number(t, "id"),
        JsonFields.number(t, "atMicros"),
        JsonFields.text(t, "actorRole"),
        JsonFields.text(t, "actorId"),
        JsonFields.text(t, "actorRpps"),
        JsonFields.text(t, "actorProfession"),
        JsonFields.text(t, "actorFiness"),
        JsonFields.text(t, "recordId"),
        JsonFields.text(t, "documentId"),
        JsonFields.text(t, "action"),
        JsonFields.text(t, "outcome"),
        JsonFields.text(t, "reason"),
        JsonFields.text(t, "detail"),
        JsonFields.text(t, "accessMode"),
        JsonFields.text(t, "requestId"),
        salt);
  }
}
