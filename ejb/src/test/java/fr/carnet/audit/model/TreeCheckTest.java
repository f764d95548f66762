package fr.carnet.audit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tree's full check over a tree in memory: each tampering an operator with the database's
 * rights can do is named, with its first bad position and the witnessed head it contradicts.
 */
class TreeCheckTest {

  private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
  private static final Duration TOLERANCE = Duration.ofMinutes(10);
  private static final long WINDOW = 5;

  private KeyPair key;
  private Stored db;
  private List<TraceTree.SignedHead> witness;

  /** The database's side, which a test tampers with. */
  private static final class Stored implements TreeCheck.Source {
    final TreeMap<Long, TraceCanonicalForm> traces = new TreeMap<>();
    final TreeMap<Long, TraceTree.Leaf> leaves = new TreeMap<>();
    final Map<Long, MerkleTree.Frontier.Node> nodes = new TreeMap<>();
    final List<TraceTree.SignedHead> copies = new ArrayList<>();
    final List<TreeCheck.Purged> purged = new ArrayList<>();

    @Override
    public List<TreeCheck.Purged> purged() {
      return purged;
    }

    @Override
    public long size() {
      return leaves.isEmpty() ? 0 : leaves.lastKey() + 1;
    }

    @Override
    public long lastTraceId() {
      return leaves.values().stream().mapToLong(TraceTree.Leaf::traceId).max().orElse(0);
    }

    @Override
    public List<TraceTree.SignedHead> copies() {
      return copies;
    }

    @Override
    public List<TraceTree.StoredLeaf> leaves(long from, long to, int limit) {
      return leaves.subMap(from, to).values().stream()
          .limit(limit)
          .map(
              l ->
                  new TraceTree.StoredLeaf(
                      l.position(), l.traceId(), l.hash(), traces.get(l.traceId())))
          .toList();
    }

    @Override
    public List<MerkleTree.Frontier.Node> nodesEndingIn(long from, long to) {
      return nodes.values().stream()
          .filter(
              n -> {
                long last = ((n.index() + 1) << n.level()) - 1;
                return last >= from && last < to;
              })
          .toList();
    }

    @Override
    public OptionalLong unsequencedUpTo(long maxId) {
      return traces.keySet().stream()
          .filter(id -> id <= maxId)
          .filter(id -> leaves.values().stream().noneMatch(l -> l.traceId() == id))
          .mapToLong(Long::longValue)
          .min();
    }
  }

  private static long nodeKey(int level, long index) {
    return ((long) level << 56) | index;
  }

  private static TraceCanonicalForm trace(long id, Instant at, String reason) {
    return new TraceCanonicalForm(
        id,
        at,
        "PROFESSIONAL",
        "psc-" + id,
        "10101010101",
        "10",
        null,
        UUID.nameUUIDFromBytes(("record-" + id).getBytes()),
        null,
        "DOCUMENT_READ",
        "PERMIT",
        reason,
        null,
        "NORMAL",
        "request-" + id);
  }

  /** Appends traces as the sequencer does: leaves and the nodes they complete. */
  private void sequence(List<TraceCanonicalForm> traces) {
    MerkleTree.Frontier frontier = frontier();
    for (TraceCanonicalForm t : traces) {
      db.traces.put(t.id(), t);
      byte[] leaf = t.leafHash();
      db.leaves.put(frontier.size(), new TraceTree.Leaf(frontier.size(), t.id(), leaf));
      for (MerkleTree.Frontier.Node node : frontier.append(leaf)) {
        db.nodes.put(nodeKey(node.level(), node.index()), node);
      }
    }
  }

  private MerkleTree.Frontier frontier() {
    return MerkleTree.Frontier.of(
        (level, index) ->
            level == 0 ? db.leaves.get(index).hash() : db.nodes.get(nodeKey(level, index)).hash(),
        db.size());
  }

  /** Signs the tree as it stands, at {@code at}, to the witness and the database's copies. */
  private TraceTree.SignedHead witness(Instant at) {
    long size = db.size();
    byte[] root = frontier().root();
    TraceTree.SignedHead head =
        new TraceTree.SignedHead(
            size,
            root,
            at,
            TreeHeadSignature.sign(key.getPrivate(), size, root, at),
            TreeHeadSignature.keyId(key.getPublic()));
    witness.add(head);
    db.copies.add(head);
    return head;
  }

  private List<TraceCanonicalForm> traces(long fromId, int count, Instant at) {
    List<TraceCanonicalForm> made = new ArrayList<>();
    for (long id = fromId; id < fromId + count; id++) {
      made.add(trace(id, at.plusMillis(id), "AGREEMENT"));
    }
    return made;
  }

  private TreeCheck.Result check() {
    return new TreeCheck(TOLERANCE, WINDOW, 7).run(witness, key.getPublic(), db);
  }

  /** 40 traces, heads witnessed at 13 and 40: positions 0..39, trace ids 1..40. */
  @BeforeEach
  void aWitnessedTree() throws Exception {
    key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    db = new Stored();
    witness = new ArrayList<>();
    sequence(traces(1, 13, START));
    witness(START.plusSeconds(1));
    sequence(traces(14, 27, START.plusSeconds(2)));
    witness(START.plusSeconds(3));
  }

  @Test
  void anUntouchedTreeVerifies() {
    TreeCheck.Result result = check();
    assertThat(result.verified()).as(result.toString()).isTrue();
    assertThat(result.leaves()).isEqualTo(40);
    assertThat(result.witnessedHeads()).isEqualTo(2);
    assertThat(result.witnessedSize()).isEqualTo(40);
  }

  @Test
  void oneColumnAlteredIsNamedByItsPositionAndTheFirstHeadThatCoversIt() {
    TraceCanonicalForm t = db.traces.get(21L);
    db.traces.put(21L, trace(21, t.at(), "REWRITTEN"));
    TreeCheck.Result result = check();
    assertThat(result.problem()).isEqualTo(TreeCheck.Problem.LEAF_ALTERED);
    assertThat(result.position()).isEqualTo(20);
    assertThat(result.traceId()).isEqualTo(21);
    assertThat(result.headSize()).isEqualTo(40);
  }

  @Test
  void aDeletedTraceAndADeletedLeafAreNamed() {
    db.traces.remove(6L);
    TreeCheck.Result missing = check();
    assertThat(missing.problem()).isEqualTo(TreeCheck.Problem.TRACE_MISSING);
    assertThat(missing.position()).isEqualTo(5);
    assertThat(missing.headSize()).isEqualTo(13);
    db.leaves.remove(5L);
    TreeCheck.Result gone = check();
    assertThat(gone.problem()).isEqualTo(TreeCheck.Problem.POSITION_MISSING);
    assertThat(gone.position()).isEqualTo(5);
    assertThat(gone.headSize()).isEqualTo(13);
  }

  @Test
  void theLastTracesLeavesNodesAndHeadCopiesRolledBackAreNamedAgainstTheWitness() {
    for (long p = 30; p < 40; p++) {
      db.traces.remove(db.leaves.remove(p).traceId());
    }
    db.nodes.values().removeIf(n -> ((n.index() + 1) << n.level()) > 30);
    db.copies.removeIf(h -> h.size() > 30);
    TreeCheck.Result result = check();
    assertThat(result.problem()).isEqualTo(TreeCheck.Problem.POSITION_MISSING);
    assertThat(result.position()).isEqualTo(30);
    assertThat(result.headSize()).isEqualTo(40);
  }

  @Test
  void aStoredNodeAlteredOrMissingIsNamedAtItsLevelAndIndex() {
    MerkleTree.Frontier.Node node = db.nodes.get(nodeKey(2, 3));
    byte[] other = node.hash().clone();
    other[0] ^= 1;
    db.nodes.put(nodeKey(2, 3), new MerkleTree.Frontier.Node(2, 3, other));
    TreeCheck.Result altered = check();
    assertThat(altered.problem()).isEqualTo(TreeCheck.Problem.NODE_ALTERED);
    assertThat(altered.level()).isEqualTo(2);
    assertThat(altered.index()).isEqualTo(3);
    assertThat(altered.position()).isEqualTo(12);
    // Leaves 12..15: the first head covering them all is 40's.
    assertThat(altered.headSize()).isEqualTo(40);
    db.nodes.remove(nodeKey(2, 3));
    assertThat(check().problem()).isEqualTo(TreeCheck.Problem.NODE_ALTERED);
  }

  @Test
  void aTraceAndItsLeafRewrittenAlikeContradictTheHeadAfterTheLastThatMatched() {
    TraceCanonicalForm forged = trace(21, db.traces.get(21L).at(), "REWRITTEN");
    db.traces.put(21L, forged);
    db.leaves.put(20L, new TraceTree.Leaf(20, 21, forged.leafHash()));
    // Nodes rebuilt too, as a careful operator would.
    db.nodes.clear();
    List<TraceTree.Leaf> leaves = new ArrayList<>(db.leaves.values());
    MerkleTree.Frontier rebuilt = MerkleTree.Frontier.of((l, i) -> null, 0);
    for (TraceTree.Leaf leaf : leaves) {
      rebuilt.append(leaf.hash()).forEach(n -> db.nodes.put(nodeKey(n.level(), n.index()), n));
    }
    TreeCheck.Result result = check();
    assertThat(result.problem()).isEqualTo(TreeCheck.Problem.HEAD_CONTRADICTED);
    assertThat(result.headSize()).isEqualTo(40);
    assertThat(result.position()).isEqualTo(13);
  }

  @Test
  void aTraceAppendedAfterAHeadButOlderThanItIsBackdated() {
    witness(START.plus(Duration.ofHours(2)));
    sequence(List.of(trace(41, START.plus(Duration.ofHours(2)).minus(TOLERANCE), "LATE")));
    assertThat(check().verified()).as("within the tolerance").isTrue();
    sequence(List.of(trace(42, START.plus(Duration.ofHours(1)), "BACKDATED")));
    TreeCheck.Result result = check();
    assertThat(result.problem()).isEqualTo(TreeCheck.Problem.BACKDATED);
    assertThat(result.position()).isEqualTo(41);
    assertThat(result.traceId()).isEqualTo(42);
    assertThat(result.headSize()).isEqualTo(40);
  }

  @Test
  void aTraceLeftOutOfTheTreeBelowTheReorderWindowIsUnsequenced() {
    // Above the window: the sequencer will still pick it up.
    db.traces.put(38L + 100, trace(138, START, "PENDING"));
    assertThat(check().verified()).isTrue();
    // An id far below the tree's highest (ids 0 and below are never picked up).
    db.traces.put(0L, trace(0, START, "HIDDEN"));
    TreeCheck.Result result = check();
    assertThat(result.problem()).isEqualTo(TreeCheck.Problem.UNSEQUENCED);
    assertThat(result.traceId()).isEqualTo(0);
    assertThat(result.position()).isNull();
  }

  @Test
  void aWitnessLineThatDoesNotVerifyOrACopyThatDiffersIsNamed() {
    TraceTree.SignedHead head = witness.get(0);
    byte[] root = head.root().clone();
    root[1] ^= 1;
    TraceTree.SignedHead forged =
        new TraceTree.SignedHead(
            head.size(), root, head.timestamp(), head.signature(), head.keyId());
    db.copies.set(0, forged);
    TreeCheck.Result copy = check();
    assertThat(copy.problem()).isEqualTo(TreeCheck.Problem.COPY_CONTRADICTED);
    assertThat(copy.headSize()).isEqualTo(13);
    witness.set(0, forged);
    TreeCheck.Result line = check();
    assertThat(line.problem()).isEqualTo(TreeCheck.Problem.WITNESS_INVALID);
    assertThat(line.headSize()).isEqualTo(13);
  }

  /** Retention dropped the traces of positions 0..12 (ids 1..13); their leaves stay. */
  private void purgeTheFirstThirteen(Period retention) {
    for (long id = 1; id <= 13; id++) {
      db.traces.remove(id);
    }
    db.purged.add(new TreeCheck.Purged(0, 12, retention));
  }

  private TreeCheck.Result checkAt(Instant now) {
    return new TreeCheck(TOLERANCE, WINDOW, 7).run(witness, key.getPublic(), db, now);
  }

  @Test
  void purgedPositionsWitnessedLongerAgoThanTheRetentionVerifyByTheirStoredLeaves() {
    purgeTheFirstThirteen(Period.ofYears(3));
    TreeCheck.Result result =
        checkAt(START.atOffset(ZoneOffset.UTC).plusYears(3).plusDays(1).toInstant());
    assertThat(result.verified()).as(result.toString()).isTrue();
    assertThat(result.leaves()).isEqualTo(40);
    // A trace gone outside the recorded purge is still missing.
    db.traces.remove(20L);
    TreeCheck.Result missing =
        checkAt(START.atOffset(ZoneOffset.UTC).plusYears(3).plusDays(1).toInstant());
    assertThat(missing.problem()).isEqualTo(TreeCheck.Problem.TRACE_MISSING);
    assertThat(missing.position()).isEqualTo(19);
  }

  @Test
  void aPurgedLeafRewrittenContradictsTheWitness() {
    purgeTheFirstThirteen(Period.ofYears(3));
    byte[] other = db.leaves.get(4L).hash().clone();
    other[0] ^= 1;
    db.leaves.put(4L, new TraceTree.Leaf(4, 5, other));
    TreeCheck.Result result = checkAt(START.atOffset(ZoneOffset.UTC).plusYears(4).toInstant());
    assertThat(result.verified()).isFalse();
    assertThat(result.problem())
        .isIn(TreeCheck.Problem.NODE_ALTERED, TreeCheck.Problem.HEAD_CONTRADICTED);
  }

  @Test
  void aPurgeOfPositionsWitnessedWithinTheRetentionIsTooRecentWhateverRetentionItRecords() {
    Instant cutoffDay = START.atOffset(ZoneOffset.UTC).plusYears(3).toInstant();
    purgeTheFirstThirteen(Period.ofYears(3));
    // The head covering positions 0..12 was witnessed at START + 1 s: one second short.
    TreeCheck.Result early = checkAt(cutoffDay);
    assertThat(early.problem()).isEqualTo(TreeCheck.Problem.PURGE_TOO_RECENT);
    assertThat(early.position()).isEqualTo(0);
    assertThat(early.traceId()).isEqualTo(1);
    assertThat(early.headSize()).isEqualTo(13);
    assertThat(checkAt(cutoffDay.plusSeconds(1)).verified()).isTrue();
    // A purge that records a retention below the legal floor is judged by the floor.
    db.purged.set(0, new TreeCheck.Purged(0, 12, Period.ofYears(1)));
    assertThat(checkAt(START.atOffset(ZoneOffset.UTC).plusYears(2).toInstant()).problem())
        .isEqualTo(TreeCheck.Problem.PURGE_TOO_RECENT);
    // A longer one recorded is judged by its own.
    db.purged.set(0, new TreeCheck.Purged(0, 12, Period.ofYears(5)));
    assertThat(checkAt(START.atOffset(ZoneOffset.UTC).plusYears(4).toInstant()).problem())
        .isEqualTo(TreeCheck.Problem.PURGE_TOO_RECENT);
  }

  @Test
  void positionsRecordedAsPurgedButCoveredByNoWitnessedHeadAreTooRecent() {
    sequence(traces(41, 3, START.plusSeconds(5)));
    for (long id = 41; id <= 43; id++) {
      db.traces.remove(id);
    }
    db.purged.add(new TreeCheck.Purged(40, 42, Period.ofYears(3)));
    TreeCheck.Result result = checkAt(START.atOffset(ZoneOffset.UTC).plusYears(10).toInstant());
    assertThat(result.problem()).isEqualTo(TreeCheck.Problem.PURGE_TOO_RECENT);
    assertThat(result.position()).isEqualTo(40);
    assertThat(result.headSize()).isNull();
  }
}
