package fr.carnet.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every problem detected and named on crafted files, and the clean cases passing: a trail of 12
 * traces witnessed at sizes 3, 5, 8 and 12, its heads file, its trail export, and a history export
 * against the head of size 8.
 */
class VerifierTest {

  @TempDir Path dir;

  private final Fixture trail = Fixture.of(12);

  /** A day after the trail: every head is younger than the three years' retention. */
  private static final Options OPTIONS =
      Options.defaults().withNow(Fixture.T0.plus(1, ChronoUnit.DAYS));

  private Path heads() throws IOException {
    return Fixture.write(dir.resolve("tree-heads.jsonl"), trail.lines(3, 5, 8, 12));
  }

  private Report verify(Path heads, Path export) {
    return Verifier.verify(heads, Fixture.PUBLIC_KEY, export, OPTIONS);
  }

  private Report verifyHeads(List<JsonObject> lines) throws IOException {
    return verify(Fixture.write(dir.resolve("tree-heads.jsonl"), lines), null);
  }

  private Report verifyTrail(List<JsonObject> lines) throws IOException {
    return verify(heads(), Fixture.write(dir.resolve("trail.ndjson"), lines));
  }

  private Report verifyHistory(JsonObject export) throws IOException {
    return verify(heads(), Fixture.write(dir.resolve("history.json"), export));
  }

  private static Finding only(Report report, Problem problem) {
    assertThat(report.verified()).as(report.toString()).isFalse();
    assertThat(report.findings())
        .as(report.toString())
        .extracting(Finding::problem)
        .containsOnly(problem);
    return report.findings().get(0);
  }

  // ---- the heads file ----

  @Test
  void aCleanHeadsFileVerifies() throws IOException {
    Report report = verify(heads(), null);
    assertThat(report.verified()).as(report.toString()).isTrue();
    assertThat(report.summary())
        .startsWith("VERIFIED")
        .contains("4 witnessed size(s) from 3 to 12");
  }

  @Test
  void aFlippedSignatureByteIsWitnessInvalid() throws IOException {
    List<JsonObject> lines = trail.lines(3, 5, 8, 12);
    byte[] signature = Base64.getDecoder().decode(lines.get(2).getString("signature"));
    signature[5] ^= 0x01;
    lines.set(
        2,
        Fixture.with(
            lines.get(2), b -> b.add("signature", Base64.getEncoder().encodeToString(signature))));
    Finding f = only(verifyHeads(lines), Problem.WITNESS_INVALID);
    assertThat(f.head()).isEqualTo(8);
    assertThat(f.detail()).contains("line 3").contains("signature");
  }

  @Test
  void anotherKeysIdIsWitnessInvalid() throws IOException {
    List<JsonObject> lines = trail.lines(3, 5);
    lines.set(1, Fixture.with(lines.get(1), b -> b.add("keyId", "ab".repeat(32))));
    Finding f = only(verifyHeads(lines), Problem.WITNESS_INVALID);
    assertThat(f.head()).isEqualTo(5);
    assertThat(f.detail()).contains("not by the given key");
  }

  @Test
  void anUnreadableLineIsWitnessInvalid() throws IOException {
    List<JsonObject> lines = trail.lines(3, 5);
    lines.add(1, Json.createObjectBuilder().add("size", "three").build());
    lines.set(2, trail.line(5, 3L));
    Finding f = only(verifyHeads(lines), Problem.WITNESS_INVALID);
    assertThat(f.detail()).contains("line 2").contains("not a tree head");
  }

  @Test
  void aSizeWitnessedWithTwoRootsIsWitnessInvalid() throws IOException {
    byte[] other = trail.root(5).clone();
    other[0] ^= 1;
    List<JsonObject> lines = new ArrayList<>(trail.lines(3, 5));
    lines.add(
        trail
            .head(5, other, Fixture.signedAt(5).plusSeconds(5))
            .add("from", 5)
            .add("consistency", Json.createArrayBuilder())
            .build());
    Report report = verifyHeads(lines);
    assertThat(report.first(Problem.WITNESS_INVALID).head()).isEqualTo(5);
    assertThat(report.first(Problem.WITNESS_INVALID).detail()).contains("two roots");
    // and its proof from the same size cannot hold either
    assertThat(report.has(Problem.WITNESS_INCONSISTENT)).isTrue();
  }

  @Test
  void aShrinkingSizeIsWitnessInconsistent() throws IOException {
    List<JsonObject> lines = trail.lines(3, 8);
    lines.add(trail.line(5, 8L));
    Finding f = only(verifyHeads(lines), Problem.WITNESS_INCONSISTENT);
    assertThat(f.head()).isEqualTo(5);
    assertThat(f.detail()).contains("shrank from 8");
  }

  @Test
  void aBadConsistencyProofIsWitnessInconsistent() throws IOException {
    List<JsonObject> lines = trail.lines(3, 5, 8);
    List<byte[]> proof = trail.consistencyProof(5, 8);
    proof.set(1, proof.get(1).clone());
    proof.get(1)[3] ^= 0x10;
    lines.set(2, Fixture.with(lines.get(2), b -> b.add("consistency", Fixture.hexes(proof))));
    Finding f = only(verifyHeads(lines), Problem.WITNESS_INCONSISTENT);
    assertThat(f.head()).isEqualTo(8);
    assertThat(f.detail()).contains("from size 5").contains("does not verify");
  }

  @Test
  void aRewrittenTreeSignedAgainIsWitnessInconsistent() throws IOException {
    // The operator rewrites leaf 1 and signs the new tree: its own proof cannot link it to size 3.
    Fixture rewritten = Fixture.of(12);
    rewritten.leaves.set(1, Rfc9162.leafHash(new byte[] {42}));
    List<JsonObject> lines = new ArrayList<>(trail.lines(3, 5));
    lines.add(
        rewritten
            .head(8)
            .add("from", 5)
            .add("consistency", Fixture.hexes(rewritten.consistencyProof(5, 8)))
            .build());
    assertThat(only(verifyHeads(lines), Problem.WITNESS_INCONSISTENT).head()).isEqualTo(8);
  }

  @Test
  void aLineWithoutAProofAfterTheFirstIsWitnessInconsistent() throws IOException {
    List<JsonObject> lines = trail.lines(3, 5, 8);
    lines.set(1, trail.line(5, null));
    Finding f = only(verifyHeads(lines), Problem.WITNESS_INCONSISTENT);
    assertThat(f.head()).isEqualTo(5);
    assertThat(f.detail()).contains("no consistency proof from the previous head (size 3");
  }

  @Test
  void aProofFromAnotherSizeThanThePreviousHeadIsWitnessInconsistent() throws IOException {
    List<JsonObject> lines = trail.lines(3, 5);
    lines.add(trail.line(8, 3L));
    assertThat(only(verifyHeads(lines), Problem.WITNESS_INCONSISTENT).detail())
        .contains("starts from size 3");
  }

  // ---- the trail export ----

  @Test
  void aCleanTrailExportVerifies() throws IOException {
    Report report = verifyTrail(trail.trail());
    assertThat(report.verified()).as(report.toString()).isTrue();
    assertThat(report.summary())
        .contains("12 position(s)")
        .contains("4 witnessed root(s) rebuilt and matched");
  }

  @Test
  void anAlteredTraceIsLeafAlteredAtItsPosition() throws IOException {
    List<JsonObject> lines = trail.trail();
    JsonObject trace = lines.get(6).getJsonObject("trace");
    lines.set(
        6,
        Fixture.with(
            lines.get(6), b -> b.add("trace", Fixture.with(trace, t -> t.add("outcome", "DENY")))));
    Finding f = only(verifyTrail(lines), Problem.LEAF_ALTERED);
    assertThat(f.position()).isEqualTo(6);
    assertThat(f.head()).isEqualTo(8);
    assertThat(f.detail()).contains("trace 7");
  }

  @Test
  void anAlteredHiddenFieldOfASaltedTraceIsLeafAlteredToo() throws IOException {
    List<JsonObject> lines = trail.trail();
    JsonObject trace = lines.get(3).getJsonObject("trace");
    assertThat(trace.getInt("form")).isEqualTo(2);
    lines.set(
        3,
        Fixture.with(
            lines.get(3),
            b -> b.add("trace", Fixture.with(trace, t -> t.add("actorId", "someone-else")))));
    Finding f = only(verifyTrail(lines), Problem.LEAF_ALTERED);
    assertThat(f.position()).isEqualTo(3);
    assertThat(f.head()).isEqualTo(5);
  }

  @Test
  void aDeletedTraceIsTraceMissingAndATruncatedPartitionOneRun() throws IOException {
    List<JsonObject> lines = trail.trail();
    for (int p = 5; p <= 7; p++) {
      lines.set(p, Fixture.with(lines.get(p), b -> b.add("trace", JsonValue.NULL)));
    }
    Finding f = only(verifyTrail(lines), Problem.TRACE_MISSING);
    assertThat(f.position()).isEqualTo(5);
    assertThat(f.lastPosition()).isEqualTo(7);
    assertThat(f.head()).isEqualTo(8);
    assertThat(f.line()).startsWith("TRACE_MISSING position=5..7 head=8 ");
  }

  @Test
  void aPositionWithNoLeafIsPositionMissing() throws IOException {
    List<JsonObject> lines = trail.trail();
    lines.remove(4);
    Finding f = only(verifyTrail(lines), Problem.POSITION_MISSING);
    assertThat(f.position()).isEqualTo(4);
    assertThat(f.head()).isEqualTo(5);
  }

  @Test
  void theLastTracesDeletedAreMissingUpToTheWitnessedSize() throws IOException {
    List<JsonObject> lines = new ArrayList<>(trail.trail().subList(0, 9));
    Finding f = only(verifyTrail(lines), Problem.POSITION_MISSING);
    assertThat(f.position()).isEqualTo(9);
    assertThat(f.lastPosition()).isEqualTo(11);
    assertThat(f.head()).isEqualTo(12);
  }

  @Test
  void aTraceAndItsLeafRewrittenAlikeContradictTheWitnessedHead() throws IOException {
    Fixture rewritten = new Fixture();
    trail.traces.forEach(rewritten::append);
    TraceEncoding.Trace t = trail.traces.get(6);
    rewritten.traces.clear();
    rewritten.leaves.clear();
    for (int p = 0; p < 12; p++) {
      TraceEncoding.Trace original = trail.traces.get(p);
      rewritten.append(
          p == 6
              ? new TraceEncoding.Trace(
                  t.form(),
                  t.id(),
                  t.atMicros(),
                  t.actorRole(),
                  t.actorId(),
                  t.actorRpps(),
                  t.actorProfession(),
                  t.actorFiness(),
                  t.recordId(),
                  t.documentId(),
                  "RECORD_READ",
                  t.outcome(),
                  t.reason(),
                  t.detail(),
                  t.accessMode(),
                  t.requestId(),
                  t.salt())
              : original);
    }
    Finding f = only(verifyTrail(rewritten.trail()), Problem.HEAD_CONTRADICTED);
    assertThat(f.head()).as("the first witnessed size holding position 6").isEqualTo(8);
    assertThat(f.position()).as("the first position after the last matching size").isEqualTo(5);
    assertThat(verifyTrail(rewritten.trail()).summary())
        .contains("1 later witnessed size(s) contradicted too");
  }

  @Test
  void aTraceBackdatedBeforeAWitnessedHeadIsBackdated() throws IOException {
    // Appended at position 12, after the head of size 12, yet claiming to be an hour older.
    Fixture grown = Fixture.of(12);
    grown.append(Fixture.trace(13, Fixture.signedAt(12).minus(Duration.ofHours(1))));
    Path heads = Fixture.write(dir.resolve("tree-heads.jsonl"), grown.lines(3, 5, 8, 12));
    Report report = verify(heads, Fixture.write(dir.resolve("trail.ndjson"), grown.trail()));
    Finding f = only(report, Problem.BACKDATED);
    assertThat(f.position()).isEqualTo(12);
    assertThat(f.head()).isEqualTo(12);
    // Within the tolerance it is a late commit, not a backdating.
    Options lenient = OPTIONS.withTolerance(Duration.ofHours(2));
    assertThat(
            Verifier.verify(heads, Fixture.PUBLIC_KEY, dir.resolve("trail.ndjson"), lenient)
                .verified())
        .isTrue();
  }

  @Test
  void aPurgeYoungerThanTheRetentionIsPurgeTooRecent() throws IOException {
    List<JsonObject> lines = trail.trail();
    for (int p = 0; p <= 3; p++) {
      lines.set(p, Fixture.with(lines.get(p), b -> b.remove("trace").add("purged", true)));
    }
    Path export = Fixture.write(dir.resolve("trail.ndjson"), lines);
    Report recent = verify(heads(), export);
    only(recent, Problem.PURGE_TOO_RECENT);
    // One finding per run of positions that the same head first covered.
    assertThat(recent.findings())
        .extracting(Finding::line)
        .satisfiesExactly(
            l -> assertThat(l).startsWith("PURGE_TOO_RECENT position=0..2 head=3 "),
            l -> assertThat(l).startsWith("PURGE_TOO_RECENT position=3 head=5 "));
    // Three years later, the heads covering positions 0..3 are older than the retention.
    Options later = OPTIONS.withNow(Fixture.T0.plus(365 * 3 + 2, ChronoUnit.DAYS));
    Report report = Verifier.verify(heads(), Fixture.PUBLIC_KEY, export, later);
    assertThat(report.verified()).as(report.toString()).isTrue();
    assertThat(report.summary()).contains("4 purged");
    // ... but only those the old heads covered: with a retention of a day and a minute, size 3's
    // head (signed at 08:03:30) is old enough, size 5's is not.
    Options partly =
        OPTIONS
            .withNow(Fixture.signedAt(3).plus(Duration.ofDays(1)).plusSeconds(60))
            .withRetention("P1D");
    lines.set(4, Fixture.with(lines.get(4), b -> b.remove("trace").add("purged", true)));
    Report partial =
        Verifier.verify(heads(), Fixture.PUBLIC_KEY, Fixture.write(export, lines), partly);
    assertThat(only(partial, Problem.PURGE_TOO_RECENT).position())
        .as(partial.toString())
        .isEqualTo(3);
  }

  @Test
  void aPurgeCoveredByASizeWitnessedAgainEarlierCountsTheEarlierTime() throws IOException {
    // Size 12 witnessed now, then the same size and root in a line dated four years back (what a
    // witness copied from an older archive holds): positions below 12 were in the tree by then.
    List<JsonObject> heads = trail.lines(3, 5, 8, 12);
    Instant old = Fixture.T0.minus(365 * 4, ChronoUnit.DAYS);
    heads.add(
        trail
            .head(12, trail.root(12), old)
            .add("from", 12)
            .add("consistency", Json.createArrayBuilder())
            .build());
    List<JsonObject> lines = trail.trail();
    for (int p = 0; p <= 3; p++) {
      lines.set(p, Fixture.with(lines.get(p), b -> b.remove("trace").add("purged", true)));
    }
    Report report =
        verify(
            Fixture.write(dir.resolve("tree-heads.jsonl"), heads),
            Fixture.write(dir.resolve("trail.ndjson"), lines));
    assertThat(report.has(Problem.PURGE_TOO_RECENT)).as(report.toString()).isFalse();
    // Without that line, the same purge is too recent.
    assertThat(verify(heads(), dir.resolve("trail.ndjson")).has(Problem.PURGE_TOO_RECENT)).isTrue();
  }

  // ---- the history export ----

  @Test
  void aCleanHistoryExportVerifiesAndEntriesWithoutProofAreNotFailures() throws IOException {
    Report report = verifyHistory(trail.history(8));
    assertThat(report.verified()).as(report.toString()).isTrue();
    // 12 entries: positions 1, 3, 5, 7 are salted and covered by size 8, the rest have no proof.
    assertThat(report.summary())
        .contains("12 entries, 4 proven against the head of size 8, 8 not yet provable");
  }

  @Test
  void anExportMadeBeforeAnyHeadHasNothingProvableAndFailsNothing() throws IOException {
    JsonObject export = Fixture.with(trail.history(8), b -> b.remove("treeHead"));
    List<JsonValue> entries = new ArrayList<>();
    export
        .getJsonArray("entries")
        .forEach(e -> entries.add(Fixture.with(e.asJsonObject(), b -> b.remove("proof"))));
    Report report =
        verifyHistory(
            Fixture.with(export, b -> b.add("entries", Json.createArrayBuilder(entries))));
    assertThat(report.verified()).as(report.toString()).isTrue();
    assertThat(report.summary()).contains("no signed head yet, 12 entries not yet provable");
    // A proof with no head to check it against proves nothing.
    assertThat(
            only(
                    verifyHistory(Fixture.with(trail.history(8), b -> b.addNull("treeHead"))),
                    Problem.ENTRY_NOT_PROVEN)
                .detail())
        .contains("no treeHead");
  }

  @Test
  void anAlteredShownFieldIsEntryNotProven() throws IOException {
    JsonObject export = trail.history(8);
    List<JsonValue> entries = new ArrayList<>(export.getJsonArray("entries"));
    int index = 12 - 1 - 5; // newest first: position 5
    entries.set(
        index, Fixture.with(entries.get(index).asJsonObject(), b -> b.add("outcome", "DENY")));
    JsonObject altered =
        Fixture.with(export, b -> b.add("entries", Json.createArrayBuilder(entries)));
    Finding f = only(verifyHistory(altered), Problem.ENTRY_NOT_PROVEN);
    assertThat(f.position()).isEqualTo(5);
    assertThat(f.head()).isEqualTo(8);
    assertThat(f.detail()).contains("outcome DENY vs PERMIT");
  }

  @Test
  void anAlteredProofEntryIsEntryNotProven() throws IOException {
    // Shown fields and proof entry changed alike: the leaf no longer reaches the root.
    JsonObject export = trail.history(8);
    List<JsonValue> entries = new ArrayList<>(export.getJsonArray("entries"));
    int index = 12 - 1 - 3;
    JsonObject entry = entries.get(index).asJsonObject();
    JsonObject proof = entry.getJsonObject("proof");
    JsonObject proven = Fixture.with(proof.getJsonObject("entry"), b -> b.add("outcome", "DENY"));
    entries.set(
        index,
        Fixture.with(
            entry,
            b ->
                b.add("outcome", "DENY")
                    .add("proof", Fixture.with(proof, p -> p.add("entry", proven)))));
    Finding f =
        only(
            verifyHistory(
                Fixture.with(export, b -> b.add("entries", Json.createArrayBuilder(entries)))),
            Problem.ENTRY_NOT_PROVEN);
    assertThat(f.position()).isEqualTo(3);
    assertThat(f.detail()).contains("inclusion path does not lead");
  }

  @Test
  void aWrongPathNodeIsEntryNotProven() throws IOException {
    JsonObject export = trail.history(8);
    List<JsonValue> entries = new ArrayList<>(export.getJsonArray("entries"));
    int index = 12 - 1 - 7;
    JsonObject entry = entries.get(index).asJsonObject();
    List<byte[]> path = trail.inclusionProof(7, 8);
    path.set(0, path.get(0).clone());
    path.get(0)[0] ^= 0x08;
    entries.set(
        index,
        Fixture.with(
            entry,
            b ->
                b.add(
                    "proof",
                    Fixture.with(
                        entry.getJsonObject("proof"), p -> p.add("path", Fixture.hexes(path))))));
    Finding f =
        only(
            verifyHistory(
                Fixture.with(export, b -> b.add("entries", Json.createArrayBuilder(entries)))),
            Problem.ENTRY_NOT_PROVEN);
    assertThat(f.position()).isEqualTo(7);
    assertThat(f.head()).isEqualTo(8);
  }

  @Test
  void aHeadAbsentFromTheHeadsFileIsHeadNotWitnessed() throws IOException {
    Finding f = only(verifyHistory(trail.history(10)), Problem.HEAD_NOT_WITNESSED);
    assertThat(f.head()).isEqualTo(10);
  }

  @Test
  void aSignedHeadWithAnotherRootThanTheWitnessIsHeadContradicted() throws IOException {
    byte[] other = trail.root(8).clone();
    other[0] ^= 1;
    JsonObject export =
        Fixture.with(
            trail.history(8), b -> b.add("treeHead", trail.head(8, other, Fixture.signedAt(8))));
    Report report = verifyHistory(export);
    assertThat(report.first(Problem.HEAD_CONTRADICTED).head()).isEqualTo(8);
    // ... and no proof leads to that root
    assertThat(report.first(Problem.ENTRY_NOT_PROVEN)).isNotNull();
  }

  @Test
  void aForgedExportHeadIsWitnessInvalid() throws IOException {
    JsonObject export = trail.history(8);
    JsonObject head =
        Fixture.with(
            export.getJsonObject("treeHead"),
            b -> b.add("timestamp", Fixture.signedAt(8).plusSeconds(1).toString()));
    Finding f =
        only(
            verifyHistory(Fixture.with(export, b -> b.add("treeHead", head))),
            Problem.WITNESS_INVALID);
    assertThat(f.detail()).contains("the export's head");
  }

  @Test
  void anExportThatIsNeitherIsUnreadable() throws IOException {
    Report report =
        verify(heads(), java.nio.file.Files.writeString(dir.resolve("x.json"), "[1, 2"));
    assertThat(only(report, Problem.EXPORT_UNREADABLE).detail()).contains("neither");
  }

  // ---- the command line ----

  @Test
  void theCommandLinePrintsOneLinePerFindingASummaryAndItsExitStatus() throws IOException {
    Path heads = heads();
    assertThat(run("--heads", heads.toString(), "--key", Fixture.PUBLIC_KEY))
        .startsWith("0\nVERIFIED: ");
    List<JsonObject> lines = trail.trail();
    lines.remove(4);
    Path export = Fixture.write(dir.resolve("trail.ndjson"), lines);
    String out =
        run(
            "--heads",
            heads.toString(),
            "--key",
            Fixture.PUBLIC_KEY,
            "--export",
            export.toString());
    assertThat(out)
        .startsWith("1\nPOSITION_MISSING position=4 head=5 ")
        .contains("\nFAILED: 1 problem(s) (POSITION_MISSING=1)");
    assertThat(run("--heads", dir.resolve("none").toString(), "--key", Fixture.PUBLIC_KEY))
        .startsWith("2\n");
    assertThat(run("--heads", heads.toString())).startsWith("2\n");
    assertThat(
            run(
                "--heads",
                heads.toString(),
                "--key",
                Fixture.PUBLIC_KEY,
                "--retention",
                "three years"))
        .startsWith("2\n");
  }

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return status + "\n" + out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void optionsReadPeriodsAndDurations() {
    Options o = Options.of("P3Y", "PT5M").withNow(Instant.parse("2028-06-01T00:00:00Z"));
    assertThat(o.retentionCutoff()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
    assertThat(o.tolerance()).isEqualTo(Duration.ofMinutes(5));
    assertThat(Options.of(null, null).tolerance()).isEqualTo(Duration.ofMinutes(10));
    assertThat(
            Options.of("PT72H", null)
                .withNow(Instant.parse("2028-06-04T00:00:00Z"))
                .retentionCutoff())
        .isEqualTo(Instant.parse("2028-06-01T00:00:00Z"));
  }
}
