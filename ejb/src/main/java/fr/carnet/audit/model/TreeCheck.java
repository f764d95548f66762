package fr.carnet.audit.model;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The Merkle tree's full check, every hash recomputed in Java, against the heads a witness outside
 * the database signed. Pure: the stored tree comes through a {@link Source} (the database in the
 * service, lists in tests), and it trusts nothing of it but what it recomputes.
 *
 * <p>In one pass over the positions, in order: each leaf against its trace row as it reads now;
 * each stored subtree node against the one rebuilt from those leaves; each trace's time against the
 * heads witnessed before it was appended; the rebuilt root at every witnessed size. Then the traces
 * left out of the tree where the sequencer will never look. The first problem found is named, with
 * its position and the witnessed head it contradicts.
 */
public final class TreeCheck {

  /** The stored tree, as the check reads it. */
  public interface Source {
    /** The number of leaves stored. */
    long size();

    /** The highest trace id in the tree, 0 when empty. */
    long lastTraceId();

    /** The database's copies of the signed heads. */
    List<TraceTree.SignedHead> copies();

    /** Stored leaves from {@code from}, below {@code to}, in position order, with their traces. */
    List<TraceTree.StoredLeaf> leaves(long from, long to, int limit);

    /** Stored subtree nodes (level ≥ 1) whose last leaf lies in {@code [from, to)}. */
    List<MerkleTree.Frontier.Node> nodesEndingIn(long from, long to);

    /** The lowest id of a trace that is not in the tree, among ids up to {@code maxId}. */
    OptionalLong unsequencedUpTo(long maxId);

    /** The positions whose traces retention dropped, as recorded, in position order. */
    default List<Purged> purged() {
      return List.of();
    }
  }

  /**
   * Positions {@code [first, last]} whose traces a purge dropped under that retention: a leaf there
   * without its trace is valid by its stored hash, if a head witnessed before now − retention
   * (never less than three years) covers it.
   */
  public record Purged(long first, long last, Period retention) {}

  /** What can be wrong with the tree. */
  public enum Problem {
    /** A line of the witness file cannot be read, or its signature does not verify. */
    WITNESS_INVALID,
    /** The trace row no longer reads as its leaf: it was changed. */
    LEAF_ALTERED,
    /** The leaf's trace row is gone: it was deleted. */
    TRACE_MISSING,
    /** A position of the tree has no leaf (deleted), up to the size the witness signed. */
    POSITION_MISSING,
    /** The root rebuilt from the trace rows is not the one the witness signed at that size. */
    HEAD_CONTRADICTED,
    /** The database's copy of a witnessed head says another root. */
    COPY_CONTRADICTED,
    /** A stored subtree node is not (or no longer) the hash of the leaves below it. */
    NODE_ALTERED,
    /** A trace appended after a witnessed head claims a time well before that head. */
    BACKDATED,
    /** A trace is missing from the tree where the sequencer will never look for it. */
    UNSEQUENCED,
    /**
     * A purged position that no head witnessed before now − retention covers: the trace was dropped
     * sooner than the witness proves it was old.
     */
    PURGE_TOO_RECENT
  }

  /**
   * What the check found. {@code problem} is null when all holds; otherwise {@code position} is the
   * first bad position (for {@code HEAD_CONTRADICTED}: the first position after the last witnessed
   * size that matched; for {@code NODE_ALTERED}: the node's first leaf, the node being {@code
   * level} and {@code index}), {@code traceId} the trace concerned, {@code headSize} the witnessed
   * head contradicted (the first witnessed head covering the position; for {@code BACKDATED}, the
   * head the trace claims to be older than).
   */
  public record Result(
      boolean verified,
      long leaves,
      int witnessedHeads,
      long witnessedSize,
      Problem problem,
      Long position,
      Long traceId,
      Long headSize,
      Integer level,
      Long index) {

    static Result verified(long leaves, int witnessedHeads, long witnessedSize) {
      return new Result(
          true, leaves, witnessedHeads, witnessedSize, null, null, null, null, null, null);
    }
  }

  private final Duration backdatingTolerance;
  private final long reorderWindow;
  private final int batch;

  /**
   * @param backdatingTolerance how much older than a witnessed head a trace appended after it may
   *     claim to be (a transaction's length, clocks apart)
   * @param reorderWindow how far below the tree's highest trace id the sequencer still looks
   * @param batch leaves read at a time
   */
  public TreeCheck(Duration backdatingTolerance, long reorderWindow, int batch) {
    this.backdatingTolerance = backdatingTolerance;
    this.reorderWindow = reorderWindow;
    this.batch = batch;
  }

  /**
   * Checks the tree against the witness's heads, {@code null} standing for a line that could not be
   * read; without a key, no head verifies.
   */
  public Result run(List<TraceTree.SignedHead> witnessLines, PublicKey key, Source source) {
    return run(witnessLines, key, source, Instant.now());
  }

  /** As {@link #run(List, PublicKey, Source)}, {@code now} deciding which purges are old enough. */
  public Result run(
      List<TraceTree.SignedHead> witnessLines, PublicKey key, Source source, Instant now) {
    Witnessed witnessed = new Witnessed();
    for (TraceTree.SignedHead head : witnessLines) {
      if (head == null
          || key == null
          || !TreeHeadSignature.verify(key, head)
          || !TreeHeadSignature.keyId(key).equals(head.keyId())
          || !witnessed.add(head)) {
        return problem(
            0, witnessed, Problem.WITNESS_INVALID, null, null, head == null ? null : head.size());
      }
    }
    for (TraceTree.SignedHead copy : source.copies()) {
      TraceTree.SignedHead original = witnessed.bySize.get(copy.size());
      if (original != null && !Arrays.equals(original.root(), copy.root())) {
        return problem(0, witnessed, Problem.COPY_CONTRADICTED, null, null, copy.size());
      }
    }
    return new Pass(witnessed, source, now).run();
  }

  /** One pass over the positions. */
  private final class Pass {
    private final Witnessed witnessed;
    private final Source source;
    private final MerkleTree.Frontier rebuilt = MerkleTree.Frontier.of((level, index) -> null, 0);
    private final List<TraceTree.SignedHead> bySize;
    private int headsAtOrBelow;
    private TraceTree.SignedHead latestAtOrBelow;
    private long lastMatched;
    private final Instant now;
    private final List<Purged> purged;
    private final RetentionRule.Coverage coverage;
    private int purge;

    Pass(Witnessed witnessed, Source source, Instant now) {
      this.witnessed = witnessed;
      this.source = source;
      this.now = now;
      this.purged = new ArrayList<>(source.purged());
      purged.sort(Comparator.comparingLong(Purged::first));
      this.coverage =
          new RetentionRule.Coverage(
              witnessed.all.stream()
                  .map(h -> new RetentionRule.WitnessedHead(h.size(), h.timestamp()))
                  .toList());
      // Every line, the same size witnessed again later included: each says when the tree was
      // that size, so positions from there on were appended after it.
      this.bySize = new ArrayList<>(witnessed.all);
      bySize.sort(Comparator.comparingLong(TraceTree.SignedHead::size));
    }

    Result run() {
      long end = Math.max(witnessed.size, source.size());
      long expected = 0;
      while (expected < end) {
        List<TraceTree.StoredLeaf> leaves = source.leaves(expected, end, batch);
        if (leaves.isEmpty()) {
          break;
        }
        long last = leaves.get(leaves.size() - 1).position();
        Map<Long, byte[]> stored = new HashMap<>();
        for (MerkleTree.Frontier.Node node : source.nodesEndingIn(expected, last + 1)) {
          stored.put(key(node.level(), node.index()), node.hash());
        }
        for (TraceTree.StoredLeaf leaf : leaves) {
          Result found = leaf(leaf, expected, stored);
          if (found != null) {
            return found;
          }
          expected++;
        }
      }
      if (expected < witnessed.size) {
        return at(Problem.POSITION_MISSING, expected, null);
      }
      OptionalLong unsequenced =
          source.unsequencedUpTo(Math.max(0, source.lastTraceId() - reorderWindow));
      if (unsequenced.isPresent()) {
        return problem(
            rebuilt.size(), witnessed, Problem.UNSEQUENCED, null, unsequenced.getAsLong(), null);
      }
      return Result.verified(rebuilt.size(), witnessed.lines, witnessed.size);
    }

    private Result leaf(TraceTree.StoredLeaf leaf, long expected, Map<Long, byte[]> stored) {
      if (leaf.position() != expected) {
        return at(Problem.POSITION_MISSING, expected, null);
      }
      byte[] recomputed;
      if (leaf.trace() == null) {
        Purged dropped = purgedAt(expected);
        if (dropped == null) {
          return at(Problem.TRACE_MISSING, expected, leaf.traceId());
        }
        Instant cutoff =
            RetentionRule.cutoff(now, RetentionRule.atLeastMinimum(dropped.retention()));
        if (coverage.earliest(expected).map(t -> t.isAfter(cutoff)).orElse(true)) {
          return at(Problem.PURGE_TOO_RECENT, expected, leaf.traceId());
        }
        // Valid by its stored hash: the rebuilt nodes and roots below still prove it.
        recomputed = leaf.hash();
        return rest(expected, stored, recomputed);
      }
      recomputed = leaf.trace().leafHash();
      if (leaf.trace().id() != leaf.traceId() || !Arrays.equals(recomputed, leaf.hash())) {
        return at(Problem.LEAF_ALTERED, expected, leaf.traceId());
      }
      while (headsAtOrBelow < bySize.size() && bySize.get(headsAtOrBelow).size() <= expected) {
        TraceTree.SignedHead head = bySize.get(headsAtOrBelow++);
        if (latestAtOrBelow == null || head.timestamp().isAfter(latestAtOrBelow.timestamp())) {
          latestAtOrBelow = head;
        }
      }
      if (latestAtOrBelow != null) {
        Instant earliest = latestAtOrBelow.timestamp().minus(backdatingTolerance);
        if (leaf.trace().at().isBefore(earliest)) {
          return problem(
              rebuilt.size(),
              witnessed,
              Problem.BACKDATED,
              expected,
              leaf.traceId(),
              latestAtOrBelow.size());
        }
      }
      return rest(expected, stored, recomputed);
    }

    /** The recorded purge that dropped the trace at this position, if any. */
    private Purged purgedAt(long position) {
      while (purge < purged.size() && purged.get(purge).last() < position) {
        purge++;
      }
      return purge < purged.size() && purged.get(purge).first() <= position
          ? purged.get(purge)
          : null;
    }

    /** The leaf's hash appended: the subtree nodes it completes, the root if a head is there. */
    private Result rest(long expected, Map<Long, byte[]> stored, byte[] recomputed) {
      for (MerkleTree.Frontier.Node node : rebuilt.append(recomputed)) {
        byte[] kept = stored.get(key(node.level(), node.index()));
        if (kept == null || !Arrays.equals(kept, node.hash())) {
          long first = node.index() << node.level();
          long lastLeaf = ((node.index() + 1) << node.level()) - 1;
          return new Result(
              false,
              rebuilt.size(),
              witnessed.lines,
              witnessed.size,
              Problem.NODE_ALTERED,
              first,
              null,
              witnessed.covering(lastLeaf),
              node.level(),
              node.index());
        }
      }
      TraceTree.SignedHead head = witnessed.bySize.get(rebuilt.size());
      if (head != null) {
        if (!Arrays.equals(head.root(), rebuilt.root())) {
          return problem(
              rebuilt.size(),
              witnessed,
              Problem.HEAD_CONTRADICTED,
              lastMatched,
              null,
              rebuilt.size());
        }
        lastMatched = rebuilt.size();
      }
      return null;
    }

    private Result at(Problem problem, long position, Long traceId) {
      return problem(
          rebuilt.size(), witnessed, problem, position, traceId, witnessed.covering(position));
    }
  }

  private static Result problem(
      long leaves,
      Witnessed witnessed,
      Problem problem,
      Long position,
      Long traceId,
      Long headSize) {
    return new Result(
        false,
        leaves,
        witnessed.lines,
        witnessed.size,
        problem,
        position,
        traceId,
        headSize,
        null,
        null);
  }

  private static long key(int level, long index) {
    return ((long) level << 56) | index;
  }

  /** The witness's heads that verified, by size. */
  private static final class Witnessed {
    final Map<Long, TraceTree.SignedHead> bySize = new HashMap<>();
    final List<TraceTree.SignedHead> all = new ArrayList<>();
    int lines;
    long size;

    /** False when the size was witnessed before with another root. */
    boolean add(TraceTree.SignedHead head) {
      TraceTree.SignedHead before = bySize.putIfAbsent(head.size(), head);
      if (before != null && !Arrays.equals(before.root(), head.root())) {
        return false;
      }
      all.add(head);
      lines++;
      size = Math.max(size, head.size());
      return true;
    }

    /** The smallest witnessed size that covers the position, if any. */
    Long covering(long position) {
      return bySize.keySet().stream().filter(s -> s > position).min(Long::compare).orElse(null);
    }
  }
}
