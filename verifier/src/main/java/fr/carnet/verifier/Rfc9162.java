package fr.carnet.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0), §2.1: SHA-256, a leaf's hash is
 * {@code SHA-256(0x00 || entry)}, a node's {@code SHA-256(0x01 || left || right)}, the head of the
 * empty tree is {@code SHA-256()}, and a tree of n > 1 leaves splits at the largest power of two
 * smaller than n. Only what a verifier needs: hashing, rebuilding a root from leaves, and checking
 * inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs, written after the RFC's own steps.
 */
public final class Rfc9162 {

  /** Every hash of the tree is a SHA-256 digest. */
  public static final int HASH_LENGTH = 32;

  private Rfc9162() {}

  public static byte[] leafHash(byte[] entry) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x00);
    sha.update(entry);
    return sha.digest();
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x01);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** MTH({}): the head of a tree with no leaf. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /** MTH of a list of leaf hashes, by the RFC's recursive definition (§2.1.1). */
  public static byte[] root(List<byte[]> leafHashes) {
    if (leafHashes.isEmpty()) {
      return emptyRoot();
    }
    if (leafHashes.size() == 1) {
      return leafHashes.get(0);
    }
    int k = Integer.highestOneBit(leafHashes.size() - 1);
    return nodeHash(root(leafHashes.subList(0, k)), root(leafHashes.subList(k, leafHashes.size())));
  }

  /**
   * RFC 9162 §2.1.3.2: whether {@code inclusionPath} proves that the leaf of hash {@code leafHash}
   * is number {@code leafIndex} (from 0) of the tree of {@code treeSize} leaves whose head is
   * {@code rootHash}.
   */
  public static boolean verifyInclusion(
      long leafIndex, long treeSize, byte[] leafHash, List<byte[]> inclusionPath, byte[] rootHash) {
    // 1. leaf_index must be within the tree.
    if (leafIndex < 0 || leafIndex >= treeSize || !wellFormed(leafHash) || !wellFormed(rootHash)) {
      return false;
    }
    if (inclusionPath.stream().anyMatch(p -> !wellFormed(p))) {
      return false;
    }
    // 2. fn = leaf_index, sn = tree_size - 1; 3. r = hash.
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    // 4. For each p of the path:
    for (byte[] p : inclusionPath) {
      if (sn == 0) {
        return false; // a. more path than tree
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r); // b. p is a left sibling; then up past the levels where r is alone
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = nodeHash(r, p); // p is a right sibling
      }
      fn >>>= 1; // c.
      sn >>>= 1;
    }
    // 5. The path must be used up exactly at the root.
    return sn == 0 && MessageDigest.isEqual(r, rootHash);
  }

  /**
   * RFC 9162 §2.1.4.2: whether {@code consistencyPath} proves that the tree of {@code first} leaves
   * whose head is {@code firstHash} is a prefix of the tree of {@code second} leaves whose head is
   * {@code secondHash}. The trivial cases the RFC leaves aside: the empty tree is a prefix of every
   * tree (the path must be empty), and a tree is consistent with itself when the heads are equal
   * (the path must be empty).
   */
  public static boolean verifyConsistency(
      long first, long second, byte[] firstHash, byte[] secondHash, List<byte[]> consistencyPath) {
    if (first < 0 || first > second || !wellFormed(firstHash) || !wellFormed(secondHash)) {
      return false;
    }
    if (consistencyPath.stream().anyMatch(c -> !wellFormed(c))) {
      return false;
    }
    if (first == 0) {
      return consistencyPath.isEmpty() && MessageDigest.isEqual(firstHash, emptyRoot());
    }
    if (first == second) {
      return consistencyPath.isEmpty() && MessageDigest.isEqual(firstHash, secondHash);
    }
    // 1. An empty path proves nothing between two different sizes.
    if (consistencyPath.isEmpty()) {
      return false;
    }
    // 2. When first is a power of two, its head is a node of the second tree: prepend it.
    List<byte[]> path = new ArrayList<>(consistencyPath);
    if (Long.bitCount(first) == 1) {
      path.add(0, firstHash);
    }
    // 3. fn = first - 1, sn = second - 1; 4. skip the levels where fn is a right child.
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    // 5. fr = sr = path[0]; 6. for each following c:
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false; // a.
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr); // b.
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>>= 1; // c.
      sn >>>= 1;
    }
    // 7. Both heads reached, the path used up.
    return sn == 0 && MessageDigest.isEqual(fr, firstHash) && MessageDigest.isEqual(sr, secondHash);
  }

  private static boolean wellFormed(byte[] hash) {
    return hash != null && hash.length == HASH_LENGTH;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }

  /**
   * A tree rebuilt leaf by leaf, keeping only its right edge (one complete subtree per bit of the
   * size), so that the head at any size is known without holding every leaf: what checking a trail
   * of ten million leaves against its witnessed heads needs.
   */
  public static final class Builder {
    /** The complete subtrees of the right edge, largest (leftmost) first, with their sizes. */
    private final List<byte[]> hashes = new ArrayList<>();

    private final List<Long> sizes = new ArrayList<>();
    private long size;

    public long size() {
      return size;
    }

    public void append(byte[] leafHash) {
      byte[] carry = leafHash;
      long carrySize = 1;
      while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == carrySize) {
        int last = sizes.size() - 1;
        carry = nodeHash(hashes.remove(last), carry);
        sizes.remove(last);
        carrySize *= 2;
      }
      hashes.add(carry);
      sizes.add(carrySize);
      size++;
    }

    /** MTH of the leaves appended so far: the subtrees joined from the right. */
    public byte[] root() {
      if (hashes.isEmpty()) {
        return emptyRoot();
      }
      byte[] r = hashes.get(hashes.size() - 1);
      for (int i = hashes.size() - 2; i >= 0; i--) {
        r = nodeHash(hashes.get(i), r);
      }
      return r;
    }
  }
}
