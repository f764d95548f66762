package fr.carnet.audit.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.infrastructure.FileTreeWitness;
import fr.carnet.audit.model.MerkleTree;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceChains;
import fr.carnet.audit.model.TraceTree;
import fr.carnet.audit.model.TreeHeadSignature;
import fr.carnet.security.Actor;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies the traces' hash chains: each trace's hash matches its content, each links to the one
 * before, no position is missing, and each chain ends where its head says. Incremental: a chain is
 * verified from its last checkpoint unless a full check is asked for.
 */
@Stateless
public class IntegrityService {

  private static final String ORIGIN = "0".repeat(64);
  private static final int BATCH = 5000;

  @Inject private AccessService access;
  @Inject private TraceChains chains;
  @Inject private AccessGate gate;
  @Inject private Clock clock;
  @Inject private TraceTree tree;
  @Inject private FileTreeWitness witness;
  @Inject private TreeSigner signer;

  /**
   * What a check found. {@code firstBroken} is null when every chain holds; {@code tree} is the
   * Merkle tree's check, made by a full check only (null otherwise).
   */
  public record Result(
      boolean verified, long checked, int chains, BrokenLink firstBroken, TreeResult tree) {}

  /**
   * The tree checked in Java against the heads of the witness file: every leaf recomputed from its
   * trace row, the root rebuilt at each witnessed size. {@code problem} is null when all holds;
   * otherwise {@code position} (and {@code traceId}) name the first bad leaf, or {@code headSize}
   * the witnessed head that the database contradicts.
   */
  public record TreeResult(
      boolean verified,
      long leaves,
      int witnessedHeads,
      long witnessedSize,
      TreeProblem problem,
      Long position,
      Long traceId,
      Long headSize) {}

  /** What can be wrong with the tree. */
  public enum TreeProblem {
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
    COPY_CONTRADICTED
  }

  /** Where a chain breaks: the trace (if it exists) and what is wrong. */
  public record BrokenLink(int chain, long seq, Long traceId, Problem problem) {}

  /** What can be wrong with a link. */
  public enum Problem {
    /** The trace's content no longer matches its hash. */
    ALTERED,
    /** The trace does not link to the one before it. */
    RELINKED,
    /** A position of the chain has no trace: one was deleted. */
    MISSING,
    /** The chain does not end where its head says. */
    HEAD_MISMATCH
  }

  public Result verify(Actor actor, boolean full) {
    gate.admit(
        actor, AccountAction.AUDIT_TRACES, TraceAction.AUDIT_INTEGRITY, full ? "full" : null);
    Result chained = verifyChains(full);
    if (!full) {
      return chained;
    }
    TreeResult checked = verifyTree();
    return new Result(
        chained.verified() && checked.verified(),
        chained.checked(),
        chained.chains(),
        chained.firstBroken(),
        checked);
  }

  private Result verifyChains(boolean full) {
    List<TraceChains.Head> heads = chains.heads();
    long checked = 0;
    for (TraceChains.Head head : heads) {
      TraceChains.Checkpoint from = full ? null : chains.checkpoint(head.chain()).orElse(null);
      long seq = from == null ? 0 : from.seq() + 1;
      String previous = from == null ? ORIGIN : from.hash();
      while (seq < head.length()) {
        List<TraceChains.Link> links = chains.links(head.chain(), seq, head.length(), BATCH);
        if (links.isEmpty()) {
          return broken(checked, heads, head.chain(), seq, null, Problem.MISSING);
        }
        for (TraceChains.Link link : links) {
          checked++;
          if (link.seq() != seq) {
            return broken(checked, heads, head.chain(), seq, null, Problem.MISSING);
          }
          if (!link.hash().equals(link.recomputed())) {
            return broken(checked, heads, head.chain(), seq, link.traceId(), Problem.ALTERED);
          }
          if (!link.prevHash().equals(previous)) {
            return broken(checked, heads, head.chain(), seq, link.traceId(), Problem.RELINKED);
          }
          previous = link.hash();
          seq++;
        }
      }
      if (!previous.equals(head.lastHash())) {
        return broken(checked, heads, head.chain(), seq, null, Problem.HEAD_MISMATCH);
      }
      if (seq > 0) {
        chains.checkpoint(
            head.chain(), new TraceChains.Checkpoint(seq - 1, previous), clock.instant());
      }
    }
    return new Result(true, checked, heads.size(), null, null);
  }

  private static Result broken(
      long checked,
      List<TraceChains.Head> heads,
      int chain,
      long seq,
      Long traceId,
      Problem problem) {
    return new Result(
        false, checked, heads.size(), new BrokenLink(chain, seq, traceId, problem), null);
  }

  /** The tree against the witness file, every hash recomputed here. */
  private TreeResult verifyTree() {
    Optional<PublicKey> key = signer.publicKey();
    Map<Long, byte[]> witnessed = new HashMap<>();
    int heads = 0;
    for (FileTreeWitness.Line line : witness.read()) {
      TraceTree.SignedHead head = line.head();
      if (head == null
          || key.isEmpty()
          || !TreeHeadSignature.verify(key.get(), head)
          || !TreeHeadSignature.keyId(key.get()).equals(head.keyId())) {
        return new TreeResult(
            false,
            0,
            heads,
            0,
            TreeProblem.WITNESS_INVALID,
            null,
            null,
            head == null ? null : head.size());
      }
      byte[] before = witnessed.putIfAbsent(head.size(), head.root());
      if (before != null && !Arrays.equals(before, head.root())) {
        return new TreeResult(
            false, 0, heads, 0, TreeProblem.WITNESS_INVALID, null, null, head.size());
      }
      heads++;
    }
    long witnessedSize = witnessed.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    for (TraceTree.SignedHead copy : tree.heads()) {
      byte[] root = witnessed.get(copy.size());
      if (root != null && !Arrays.equals(root, copy.root())) {
        return new TreeResult(
            false, 0, heads, witnessedSize, TreeProblem.COPY_CONTRADICTED, null, null, copy.size());
      }
    }
    MerkleTree.Frontier rebuilt = MerkleTree.Frontier.of((level, index) -> null, 0);
    long end = Math.max(witnessedSize, tree.size());
    long expected = 0;
    while (expected < end) {
      List<TraceTree.StoredLeaf> leaves = tree.leaves(expected, end, BATCH);
      if (leaves.isEmpty()) {
        break;
      }
      for (TraceTree.StoredLeaf leaf : leaves) {
        if (leaf.position() != expected) {
          return treeBroken(
              rebuilt, heads, witnessedSize, TreeProblem.POSITION_MISSING, expected, null);
        }
        if (leaf.trace() == null) {
          return treeBroken(
              rebuilt, heads, witnessedSize, TreeProblem.TRACE_MISSING, expected, leaf.traceId());
        }
        byte[] recomputed = leaf.trace().leafHash();
        if (leaf.trace().id() != leaf.traceId() || !Arrays.equals(recomputed, leaf.hash())) {
          return treeBroken(
              rebuilt, heads, witnessedSize, TreeProblem.LEAF_ALTERED, expected, leaf.traceId());
        }
        rebuilt.append(recomputed);
        expected++;
        byte[] root = witnessed.get(rebuilt.size());
        if (root != null && !Arrays.equals(root, rebuilt.root())) {
          return new TreeResult(
              false,
              rebuilt.size(),
              heads,
              witnessedSize,
              TreeProblem.HEAD_CONTRADICTED,
              null,
              null,
              rebuilt.size());
        }
      }
    }
    if (expected < witnessedSize) {
      return treeBroken(
          rebuilt, heads, witnessedSize, TreeProblem.POSITION_MISSING, expected, null);
    }
    return new TreeResult(true, rebuilt.size(), heads, witnessedSize, null, null, null, null);
  }

  private static TreeResult treeBroken(
      MerkleTree.Frontier rebuilt,
      int heads,
      long witnessedSize,
      TreeProblem problem,
      long position,
      Long traceId) {
    return new TreeResult(
        false, rebuilt.size(), heads, witnessedSize, problem, position, traceId, null);
  }
}
