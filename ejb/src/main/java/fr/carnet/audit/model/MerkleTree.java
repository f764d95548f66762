package fr.carnet.audit.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Merkle tree as RFC 9162 (Certificate Transparency 2.0) defines it: SHA-256, a leaf hashed as
 * {@code 0x00 || entry}, a node as {@code 0x01 || left || right}; the tree head (MTH) of the first
 * n leaves, inclusion proofs (§2.1.3) and consistency proofs (§2.1.4), and their verifiers.
 *
 * <p>The tree is read through a {@link NodeSource}: the hash of each complete subtree of 2^level
 * leaves starting at a multiple of 2^level, which the database keeps as leaves are appended, so
 * that a head or a proof costs O(log² n) lookups and never a pass over every leaf.
 */
public final class MerkleTree {

  private static final byte LEAF = 0x00;
  private static final byte NODE = 0x01;

  private MerkleTree() {}

  /**
   * The hash of the complete subtree of {@code 2^level} leaves whose first leaf is {@code index *
   * 2^level}; level 0 is the leaf hash itself. Only asked for subtrees within the tree's size.
   */
  @FunctionalInterface
  public interface NodeSource {
    byte[] node(int level, long index);
  }

  public static byte[] leafHash(byte[] entry) {
    MessageDigest sha = sha256();
    sha.update(LEAF);
    sha.update(entry);
    return sha.digest();
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha = sha256();
    sha.update(NODE);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** MTH of the first {@code size} leaves; the empty tree's is SHA-256 of nothing. */
  public static byte[] root(NodeSource nodes, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative size");
    }
    return size == 0 ? sha256().digest() : hash(nodes, 0, size);
  }

  /** MTH of the leaves {@code [start, start + size)}, size ≥ 1. */
  static byte[] hash(NodeSource nodes, long start, long size) {
    if (Long.bitCount(size) == 1 && start % size == 0) {
      int level = Long.numberOfTrailingZeros(size);
      return nodes.node(level, start >> level);
    }
    long k = largestPowerOfTwoBelow(size);
    return nodeHash(hash(nodes, start, k), hash(nodes, start + k, size - k));
  }

  /** The audit path of leaf {@code index} in the tree of the first {@code size} leaves. */
  public static List<byte[]> inclusionProof(NodeSource nodes, long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
    }
    List<byte[]> proof = new ArrayList<>();
    path(nodes, index, 0, size, proof);
    return proof;
  }

  private static void path(NodeSource nodes, long m, long start, long n, List<byte[]> proof) {
    if (n == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(nodes, m, start, k, proof);
      proof.add(hash(nodes, start + k, n - k));
    } else {
      path(nodes, m - k, start + k, n - k, proof);
      proof.add(hash(nodes, start, k));
    }
  }

  /** The proof that the tree of {@code from} leaves is a prefix of the tree of {@code to}. */
  public static List<byte[]> consistencyProof(NodeSource nodes, long from, long to) {
    if (from < 1 || from > to) {
      throw new IllegalArgumentException("no consistency proof from " + from + " to " + to);
    }
    List<byte[]> proof = new ArrayList<>();
    if (from < to) {
      subproof(nodes, from, 0, to, true, proof);
    }
    return proof;
  }

  private static void subproof(
      NodeSource nodes, long m, long start, long n, boolean whole, List<byte[]> proof) {
    if (m == n) {
      if (!whole) {
        proof.add(hash(nodes, start, n));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(nodes, m, start, k, whole, proof);
      proof.add(hash(nodes, start + k, n - k));
    } else {
      subproof(nodes, m - k, start + k, n - k, false, proof);
      proof.add(hash(nodes, start, k));
    }
  }

  /** A complete subtree's place: {@code 2^level} leaves from leaf {@code index * 2^level}. */
  public record NodeId(int level, long index) {}

  /**
   * The complete subtrees an inclusion proof of leaf {@code index} in a tree of {@code size} reads:
   * which depends on the two numbers only, so that they can all be fetched at once, and the proof
   * then computed from what was fetched ({@link #fetched}).
   */
  public static Set<NodeId> inclusionNodes(long index, long size) {
    Set<NodeId> needed = new LinkedHashSet<>();
    byte[] placeholder = new byte[32];
    inclusionProof(
        (level, i) -> {
          needed.add(new NodeId(level, i));
          return placeholder;
        },
        index,
        size);
    return needed;
  }

  /** A node source over nodes fetched beforehand; asking for another is a bug, and says so. */
  public static NodeSource fetched(Map<NodeId, byte[]> nodes) {
    return (level, index) -> {
      byte[] hash = nodes.get(new NodeId(level, index));
      if (hash == null) {
        throw new IllegalStateException("No tree node at level " + level + ", " + index);
      }
      return hash;
    };
  }

  /** RFC 9162 §2.1.3.2: whether the path proves the leaf at {@code index} under {@code root}. */
  public static boolean verifyInclusion(
      byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size || leafHash == null || root == null) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /** RFC 9162 §2.1.4.2: whether the proof shows the tree of {@code from} a prefix of {@code to}. */
  public static boolean verifyConsistency(
      long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
    if (from < 1 || from > to || fromRoot == null || toRoot == null) {
      return false;
    }
    if (from == to) {
      return proof.isEmpty() && MessageDigest.isEqual(fromRoot, toRoot);
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(from) == 1) {
      path.add(0, fromRoot);
    }
    long fn = from - 1;
    long sn = to - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, fromRoot) && MessageDigest.isEqual(sr, toRoot);
  }

  /**
   * The right edge of a tree of {@code size} leaves: one complete subtree per bit set in the size,
   * by level, which is all that appending needs.
   */
  public static final class Frontier {
    private final TreeMap<Integer, byte[]> byLevel = new TreeMap<>();
    private long size;

    /** A complete subtree node that appending completed: to store. */
    public record Node(int level, long index, byte[] hash) {}

    /** The frontier of a tree of {@code size} leaves, read from its stored nodes. */
    public static Frontier of(NodeSource nodes, long size) {
      Frontier frontier = new Frontier();
      frontier.size = size;
      for (int level = 0; level < 63; level++) {
        if ((size >> level & 1) == 1) {
          frontier.byLevel.put(level, nodes.node(level, (size >> level) - 1));
        }
      }
      return frontier;
    }

    public long size() {
      return size;
    }

    /**
     * Appends a leaf at position {@link #size()}; answers the subtree nodes (level ≥ 1) it
     * completes, lowest first.
     */
    public List<Node> append(byte[] leafHash) {
      List<Node> completed = new ArrayList<>();
      byte[] carry = leafHash;
      int level = 0;
      long next = size + 1;
      while (byLevel.containsKey(level)) {
        carry = nodeHash(byLevel.remove(level), carry);
        level++;
        completed.add(new Node(level, (next >> level) - 1, carry));
      }
      byLevel.put(level, carry);
      size = next;
      return completed;
    }

    /** MTH of the tree so far, from the frontier alone. */
    public byte[] root() {
      if (size == 0) {
        return sha256().digest();
      }
      byte[] r = null;
      for (Map.Entry<Integer, byte[]> subtree : byLevel.entrySet()) {
        r = r == null ? subtree.getValue() : nodeHash(subtree.getValue(), r);
      }
      return r;
    }
  }

  /** Every complete subtree of a list of leaf hashes, in memory (tests, small trees). */
  public static NodeSource inMemory(List<byte[]> leafHashes) {
    List<List<byte[]>> levels = new ArrayList<>();
    levels.add(List.copyOf(leafHashes));
    while (levels.get(levels.size() - 1).size() > 1) {
      List<byte[]> below = levels.get(levels.size() - 1);
      List<byte[]> above = new ArrayList<>();
      for (int i = 0; i + 1 < below.size(); i += 2) {
        above.add(nodeHash(below.get(i), below.get(i + 1)));
      }
      levels.add(above);
    }
    return (level, index) -> {
      byte[] hash = levels.get(level).get(Math.toIntExact(index));
      return Arrays.copyOf(hash, hash.length);
    };
  }

  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
