package fr.carnet.audit.application;

import fr.carnet.audit.model.TraceCanonicalForm;
import fr.carnet.audit.model.TraceRetention;
import fr.carnet.audit.model.TraceTree;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The auditors' trail export, decided and traced by {@link TreeService}: every leaf of the tree's
 * first {@code to} positions with the whole trace it covers, as NDJSON (one line a position, in
 * order, a position with no leaf absent), read {@link #BATCH} leaves at a time so that memory stays
 * constant however large the tree. From it alone and the witness file, a verifier rebuilds the
 * tree.
 */
public final class TrailExport {

  static final int BATCH = 1000;

  private final TraceTree tree;
  private final long to;
  private final List<TraceRetention.Run> purged;

  TrailExport(TraceTree tree, long to) {
    this(tree, to, List.of());
  }

  /** With the positions retention purged, in order: their lines say so. */
  TrailExport(TraceTree tree, long to, List<TraceRetention.Run> purged) {
    this.tree = tree;
    this.to = to;
    this.purged = purged;
  }

  /** The number of positions exported: {@code [0, to)}. */
  public long to() {
    return to;
  }

  public void writeTo(OutputStream output) throws IOException {
    Writer out = new OutputStreamWriter(output, StandardCharsets.UTF_8);
    long from = 0;
    while (from < to) {
      List<TraceTree.StoredLeaf> leaves = tree.leaves(from, to, BATCH);
      for (TraceTree.StoredLeaf leaf : leaves) {
        out.write(line(leaf, leaf.trace() == null && isPurged(leaf.position())));
        out.write('\n');
      }
      out.flush();
      if (leaves.size() < BATCH) {
        return;
      }
      from = leaves.get(leaves.size() - 1).position() + 1;
    }
  }

  private int run;

  private boolean isPurged(long position) {
    while (run < purged.size() && purged.get(run).last() < position) {
      run++;
    }
    return run < purged.size() && purged.get(run).contains(position);
  }

  static String line(TraceTree.StoredLeaf leaf) {
    return line(leaf, false);
  }

  /**
   * One position's line, every key present, nulls included; a position whose trace retention
   * dropped says {@code "purged": true} and has no trace.
   */
  static String line(TraceTree.StoredLeaf leaf, boolean purgedPosition) {
    StringWriter text = new StringWriter(512);
    try (JsonGenerator json = Json.createGenerator(text)) {
      json.writeStartObject()
          .write("position", leaf.position())
          .write("leafHash", HexFormat.of().formatHex(leaf.hash()));
      TraceCanonicalForm t = leaf.trace();
      // A gone row is told apart from one retention dropped by the purges' records.
      if (purgedPosition) {
        json.write("purged", true);
      } else if (t == null) {
        json.writeNull("trace");
      } else {
        json.writeStartObject("trace")
            .write("form", t.form())
            .write("id", t.id())
            .write("atMicros", TraceCanonicalForm.micros(t.at()));
        text(json, "actorRole", t.actorRole());
        text(json, "actorId", t.actorId());
        text(json, "actorRpps", t.actorRpps());
        text(json, "actorProfession", t.actorProfession());
        text(json, "actorFiness", t.actorFiness());
        text(json, "recordId", t.recordId());
        text(json, "documentId", t.documentId());
        text(json, "action", t.action());
        text(json, "outcome", t.outcome());
        text(json, "reason", t.reason());
        text(json, "detail", t.detail());
        text(json, "accessMode", t.accessMode());
        text(json, "requestId", t.requestId());
        text(json, "salt", t.salt());
        json.writeEnd();
      }
      json.writeEnd();
    }
    return text.toString();
  }

  private static void text(JsonGenerator json, String name, Object value) {
    if (value == null) {
      json.writeNull(name);
    } else {
      json.write(name, value instanceof UUID id ? id.toString() : value.toString());
    }
  }
}
