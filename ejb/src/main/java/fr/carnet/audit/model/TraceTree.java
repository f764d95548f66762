package fr.carnet.audit.model;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Where the Merkle tree over the traces is kept: leaves, complete subtrees, signed heads. */
public interface TraceTree {

  /** Leaf number {@code position}: the trace it covers and its hash. */
  record Leaf(long position, long traceId, byte[] hash) {}

  /** A leaf as stored, with the trace row it covers as it reads now (null if it is gone). */
  record StoredLeaf(long position, long traceId, byte[] hash, TraceCanonicalForm trace) {}

  /** A signed tree head: (size, root, timestamp) signed by the key of {@code keyId}. */
  record SignedHead(long size, byte[] root, Instant timestamp, byte[] signature, String keyId) {}

  /**
   * Takes the sequencer's (or the head signer's) lock for the current transaction, without waiting;
   * false when another instance holds it.
   */
  boolean tryLock(String what);

  /**
   * Takes that lock for the current transaction, waiting (a bounded while) for the instance that
   * holds it: an auditor's head on demand must cover what was committed before it was asked for.
   */
  void lock(String what);

  /**
   * What the database's current snapshot says: the oldest transaction still running, the first not
   * yet started, and the highest trace id visible.
   */
  record Horizon(long oldestRunningXid, long nextXid, long highestTraceId) {}

  Horizon horizon();

  /** The number of leaves. */
  long size();

  /** The highest trace id in the tree, 0 when empty. */
  long lastTraceId();

  /** The stored leaves and complete subtrees. */
  MerkleTree.NodeSource nodes();

  /** Traces above {@code afterId} not yet in the tree, in id order. */
  List<TraceCanonicalForm> unsequenced(long afterId, int limit);

  /**
   * Those stored nodes, in one read: level 0 from the leaves, the others from the subtrees. A node
   * not stored is absent from the answer.
   */
  Map<MerkleTree.NodeId, byte[]> nodes(Collection<MerkleTree.NodeId> wanted);

  /** A trace in the tree: its leaf's position and the trace as it reads now. */
  record Positioned(long position, TraceCanonicalForm trace) {}

  /** Those of these traces whose leaves are among the first {@code size}, in one read. */
  List<Positioned> positioned(Collection<Long> traceIds, long size);

  /** Stores new leaves and the subtree nodes they complete. */
  void append(List<Leaf> leaves, List<MerkleTree.Frontier.Node> nodes);

  /** The position of a trace's leaf, if the trace is in the tree. */
  OptionalLong positionOf(long traceId);

  /** Leaves from {@code fromPosition}, with their traces as they read now. */
  List<StoredLeaf> leaves(long fromPosition, long toPosition, int limit);

  /**
   * Stored subtree nodes (level ≥ 1) whose last leaf lies in {@code [fromPosition, toPosition)}.
   */
  List<MerkleTree.Frontier.Node> nodesEndingIn(long fromPosition, long toPosition);

  /** The lowest id of a trace not in the tree, among ids up to {@code maxId}. */
  OptionalLong unsequencedUpTo(long maxId);

  void saveHead(SignedHead head);

  Optional<SignedHead> latestHead();

  Optional<SignedHead> head(long size);

  List<SignedHead> heads();
}
