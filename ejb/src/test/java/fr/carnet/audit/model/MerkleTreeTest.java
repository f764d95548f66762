package fr.carnet.audit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tree against RFC 6962's reference vectors and against a naive recursive MTH: every inclusion
 * and consistency proof of every size up to 300 verifies, and any flipped byte fails.
 */
class MerkleTreeTest {

  private static final HexFormat HEX = HexFormat.of();

  // RFC 6962's test inputs, as Certificate Transparency's implementations use them.
  private static final String[] REFERENCE_ENTRIES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };
  private static final String[] REFERENCE_ROOTS = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  };

  private static List<byte[]> referenceLeaves() {
    List<byte[]> leaves = new ArrayList<>();
    for (String entry : REFERENCE_ENTRIES) {
      leaves.add(MerkleTree.leafHash(HEX.parseHex(entry)));
    }
    return leaves;
  }

  @Test
  void theReferenceRootsOfEverySizeUpToEight() {
    List<byte[]> leaves = referenceLeaves();
    MerkleTree.NodeSource nodes = MerkleTree.inMemory(leaves);
    for (int n = 0; n <= 8; n++) {
      assertThat(HEX.formatHex(MerkleTree.root(nodes, n)))
          .as("size %d", n)
          .isEqualTo(REFERENCE_ROOTS[n]);
    }
  }

  @Test
  void theReferenceInclusionProofOfTheFirstLeafInEight() {
    List<byte[]> proof = MerkleTree.inclusionProof(MerkleTree.inMemory(referenceLeaves()), 0, 8);
    assertThat(proof.stream().map(HEX::formatHex))
        .containsExactly(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
  }

  /** RFC 9162's MTH, written as the RFC states it, over the leaf hashes. */
  private static byte[] naive(List<byte[]> leaves) {
    if (leaves.size() == 1) {
      return leaves.get(0);
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    return MerkleTree.nodeHash(
        naive(leaves.subList(0, k)), naive(leaves.subList(k, leaves.size())));
  }

  private static List<byte[]> randomLeaves(Random random, int n) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] entry = new byte[random.nextInt(40)];
      random.nextBytes(entry);
      leaves.add(MerkleTree.leafHash(entry));
    }
    return leaves;
  }

  @Test
  void everyRootMatchesTheNaiveDefinitionAndTheFrontierAgrees() {
    Random random = new Random(16);
    List<byte[]> leaves = randomLeaves(random, 300);
    MerkleTree.NodeSource nodes = MerkleTree.inMemory(leaves);
    MerkleTree.Frontier frontier = MerkleTree.Frontier.of(nodes, 0);
    List<MerkleTree.Frontier.Node> completed = new ArrayList<>();
    for (int n = 1; n <= 300; n++) {
      completed.addAll(frontier.append(leaves.get(n - 1)));
      byte[] expected = naive(leaves.subList(0, n));
      assertThat(MerkleTree.root(nodes, n)).as("size %d", n).isEqualTo(expected);
      assertThat(frontier.root()).as("frontier at %d", n).isEqualTo(expected);
      assertThat(MerkleTree.Frontier.of(nodes, n).root()).isEqualTo(expected);
    }
    // Each completed node is the stored subtree's hash, and every one of them was completed once.
    for (MerkleTree.Frontier.Node node : completed) {
      assertThat(node.hash()).isEqualTo(nodes.node(node.level(), node.index()));
    }
    assertThat(completed).hasSize(300 - Long.bitCount(300));
  }

  @Test
  void everyInclusionProofVerifiesAndAnyFlippedByteFails() {
    Random random = new Random(9162);
    List<byte[]> leaves = randomLeaves(random, 300);
    MerkleTree.NodeSource nodes = MerkleTree.inMemory(leaves);
    for (int n = 1; n <= 300; n += n < 40 ? 1 : 7) {
      byte[] root = naive(leaves.subList(0, n));
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = MerkleTree.inclusionProof(nodes, i, n);
        assertThat(MerkleTree.verifyInclusion(leaves.get(i), i, n, proof, root))
            .as("leaf %d of %d", i, n)
            .isTrue();
        assertThat(MerkleTree.verifyInclusion(flip(leaves.get(i), random), i, n, proof, root))
            .isFalse();
        assertThat(MerkleTree.verifyInclusion(leaves.get(i), i, n, proof, flip(root, random)))
            .isFalse();
        if (!proof.isEmpty()) {
          int at = random.nextInt(proof.size());
          List<byte[]> altered = new ArrayList<>(proof);
          altered.set(at, flip(proof.get(at), random));
          assertThat(MerkleTree.verifyInclusion(leaves.get(i), i, n, altered, root)).isFalse();
          assertThat(
                  MerkleTree.verifyInclusion(
                      leaves.get(i), i, n, proof.subList(1, proof.size()), root))
              .isFalse();
        }
        if (n > 1) {
          assertThat(MerkleTree.verifyInclusion(leaves.get(i), (i + 1) % n, n, proof, root))
              .as("another position")
              .isFalse();
        }
      }
    }
  }

  @Test
  void everyConsistencyProofVerifiesAndAnyFlippedByteFails() {
    Random random = new Random(6962);
    List<byte[]> leaves = randomLeaves(random, 300);
    MerkleTree.NodeSource nodes = MerkleTree.inMemory(leaves);
    for (int n = 1; n <= 300; n += n < 40 ? 1 : 11) {
      byte[] toRoot = naive(leaves.subList(0, n));
      for (int m = 1; m <= n; m++) {
        byte[] fromRoot = naive(leaves.subList(0, m));
        List<byte[]> proof = MerkleTree.consistencyProof(nodes, m, n);
        assertThat(MerkleTree.verifyConsistency(m, n, fromRoot, toRoot, proof))
            .as("%d to %d", m, n)
            .isTrue();
        if (m < n) {
          assertThat(MerkleTree.verifyConsistency(m, n, flip(fromRoot, random), toRoot, proof))
              .isFalse();
          assertThat(MerkleTree.verifyConsistency(m, n, fromRoot, flip(toRoot, random), proof))
              .isFalse();
          int at = random.nextInt(proof.size());
          List<byte[]> altered = new ArrayList<>(proof);
          altered.set(at, flip(proof.get(at), random));
          assertThat(MerkleTree.verifyConsistency(m, n, fromRoot, toRoot, altered)).isFalse();
          assertThat(MerkleTree.verifyConsistency(m, n, fromRoot, toRoot, List.of())).isFalse();
        }
      }
    }
  }

  @Test
  void aRewrittenPrefixHasNoConsistencyProof() {
    Random random = new Random(1);
    List<byte[]> leaves = randomLeaves(random, 50);
    List<byte[]> rewritten = new ArrayList<>(leaves);
    rewritten.set(7, MerkleTree.leafHash(new byte[] {42}));
    byte[] oldRoot = naive(leaves.subList(0, 20));
    List<byte[]> proof = MerkleTree.consistencyProof(MerkleTree.inMemory(rewritten), 20, 50);
    assertThat(MerkleTree.verifyConsistency(20, 50, oldRoot, naive(rewritten), proof)).isFalse();
  }

  @Test
  void proofsOutsideTheTreeAreRefused() {
    MerkleTree.NodeSource nodes = MerkleTree.inMemory(referenceLeaves());
    assertThatThrownBy(() -> MerkleTree.inclusionProof(nodes, 8, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.consistencyProof(nodes, 0, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.consistencyProof(nodes, 5, 4))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] root = MerkleTree.root(nodes, 8);
    assertThat(MerkleTree.verifyInclusion(root, 8, 8, List.of(), root)).isFalse();
    assertThat(MerkleTree.verifyConsistency(0, 8, root, root, List.of())).isFalse();
  }

  private static byte[] flip(byte[] hash, Random random) {
    byte[] copy = hash.clone();
    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
    return copy;
  }
}
