package fr.carnet.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known answers: the RFC 6962 / RFC 9162 reference test vectors (the eight leaves, roots and proofs
 * of the Certificate Transparency reference implementation's tests, as kept in
 * transparency-dev/merkle's proof/verify_test.go), and a tree of Carnet traces whose roots and
 * proofs were computed once with Carnet's own {@code MerkleTree}.
 */
class Rfc9162Test {

  private static final HexFormat HEX = HexFormat.of();

  private static final String[] RFC_LEAVES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };

  private static final String[] RFC_ROOTS = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  };

  private static List<byte[]> rfcLeaves() {
    List<byte[]> leaves = new ArrayList<>();
    for (String data : RFC_LEAVES) {
      leaves.add(Rfc9162.leafHash(HEX.parseHex(data)));
    }
    return leaves;
  }

  private static byte[] rfcRoot(int size) {
    return HEX.parseHex(RFC_ROOTS[size - 1]);
  }

  private static List<byte[]> hashes(String... hex) {
    return java.util.Arrays.stream(hex).map(HEX::parseHex).toList();
  }

  @Test
  void theRootsOfTheRfcVectors() {
    List<byte[]> leaves = rfcLeaves();
    assertThat(HEX.formatHex(Rfc9162.emptyRoot()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    Rfc9162.Builder built = new Rfc9162.Builder();
    for (int size = 1; size <= 8; size++) {
      built.append(leaves.get(size - 1));
      assertThat(Rfc9162.root(leaves.subList(0, size)))
          .as("root %d", size)
          .isEqualTo(rfcRoot(size));
      assertThat(built.root()).as("built root %d", size).isEqualTo(rfcRoot(size));
    }
  }

  @Test
  void theInclusionProofsOfTheRfcVectors() {
    List<byte[]> leaves = rfcLeaves();
    record Vector(int leaf, int size, List<byte[]> path) {}
    List<Vector> vectors =
        List.of(
            new Vector(0, 1, List.of()),
            new Vector(
                0,
                8,
                hashes(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new Vector(
                5,
                8,
                hashes(
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new Vector(
                2, 3, hashes("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new Vector(
                1,
                5,
                hashes(
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));
    for (Vector v : vectors) {
      byte[] leaf = leaves.get(v.leaf());
      byte[] root = rfcRoot(v.size());
      assertThat(Rfc9162.verifyInclusion(v.leaf(), v.size(), leaf, v.path(), root))
          .as("leaf %d of %d", v.leaf(), v.size())
          .isTrue();
      // The RFC's corruptions: wrong index, size, leaf, root, a path node flipped, cut or grown.
      assertThat(Rfc9162.verifyInclusion(v.leaf() + 1, v.size(), leaf, v.path(), root)).isFalse();
      assertThat(Rfc9162.verifyInclusion(v.leaf(), v.size() * 2L, leaf, v.path(), root)).isFalse();
      assertThat(Rfc9162.verifyInclusion(v.leaf(), v.size(), root.clone(), v.path(), root))
          .isEqualTo(v.size() == 1);
      assertThat(Rfc9162.verifyInclusion(v.leaf(), v.size(), leaf, v.path(), Rfc9162.emptyRoot()))
          .isFalse();
      List<byte[]> longer = new ArrayList<>(v.path());
      longer.add(root);
      assertThat(Rfc9162.verifyInclusion(v.leaf(), v.size(), leaf, longer, root)).isFalse();
      for (int i = 0; i < v.path().size(); i++) {
        List<byte[]> flipped = new ArrayList<>(v.path());
        byte[] node = flipped.get(i).clone();
        node[0] ^= 8;
        flipped.set(i, node);
        assertThat(Rfc9162.verifyInclusion(v.leaf(), v.size(), leaf, flipped, root)).isFalse();
      }
      if (!v.path().isEmpty()) {
        assertThat(
                Rfc9162.verifyInclusion(
                    v.leaf(), v.size(), leaf, v.path().subList(0, v.path().size() - 1), root))
            .isFalse();
      }
    }
  }

  @Test
  void theConsistencyProofsOfTheRfcVectors() {
    record Vector(int first, int second, List<byte[]> proof) {}
    List<Vector> vectors =
        List.of(
            new Vector(1, 1, List.of()),
            new Vector(
                1,
                8,
                hashes(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new Vector(
                6,
                8,
                hashes(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new Vector(
                2,
                5,
                hashes(
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new Vector(
                6,
                7,
                hashes(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));
    for (Vector v : vectors) {
      byte[] first = rfcRoot(v.first());
      byte[] second = rfcRoot(v.second());
      assertThat(Rfc9162.verifyConsistency(v.first(), v.second(), first, second, v.proof()))
          .as("%d to %d", v.first(), v.second())
          .isTrue();
      if (v.proof().isEmpty()) {
        continue;
      }
      assertThat(Rfc9162.verifyConsistency(v.first() + 1, v.second(), first, second, v.proof()))
          .isFalse();
      assertThat(Rfc9162.verifyConsistency(v.first(), v.second() * 2L, first, second, v.proof()))
          .isFalse();
      assertThat(Rfc9162.verifyConsistency(v.first(), v.second(), second, first, v.proof()))
          .isFalse();
      assertThat(Rfc9162.verifyConsistency(v.first(), v.second(), first, second, List.of()))
          .isFalse();
      for (int i = 0; i < v.proof().size(); i++) {
        List<byte[]> flipped = new ArrayList<>(v.proof());
        byte[] node = flipped.get(i).clone();
        node[0] ^= 16;
        flipped.set(i, node);
        assertThat(Rfc9162.verifyConsistency(v.first(), v.second(), first, second, flipped))
            .isFalse();
      }
      List<byte[]> truncated = v.proof().subList(0, v.proof().size() - 1);
      assertThat(Rfc9162.verifyConsistency(v.first(), v.second(), first, second, truncated))
          .isFalse();
    }
    // A tree never shrinks; the empty tree is a prefix of any.
    assertThat(Rfc9162.verifyConsistency(2, 1, rfcRoot(2), rfcRoot(1), List.of())).isFalse();
    assertThat(Rfc9162.verifyConsistency(0, 5, Rfc9162.emptyRoot(), rfcRoot(5), List.of()))
        .isTrue();
    assertThat(Rfc9162.verifyConsistency(3, 3, rfcRoot(3), rfcRoot(4), List.of())).isFalse();
  }

  /** Leaves of seven Carnet traces; roots and proofs computed once with Carnet's MerkleTree. */
  private static final List<byte[]> CARNET_LEAVES =
      hashes(
          "3379c8da22d90669563e178fb8c5a5845a61fa842351f63f85dda565b72357e1",
          "6201550f88643c639d92c8bb34566b90868bd17945026a44b8e6954b867d1925",
          "57537fd77d7e451d32c88b279a8ab90fdf9f2c172f25db141dd8160060419427",
          "f936cbbe5f9704af726532683cf1e6805a7c5f7937b18bb372ca0a1d43207e49",
          "6179096435a78b31bda764f12ab74a2ff5c300027acc356eb778e95c6e3cb025",
          "856ac6550212faa20cbd71ec782de55670596fe46f2380d103bdd7db0257c440",
          "a7ca5f0c2a9ed82cedb583eaa96f6a15dcff4846271c54e3050e9de5f2abc694");

  static final String CARNET_ROOT_7 =
      "7ca029f9eef3bc349179b980d2bd446d8569068030b9268deed1fe598eccb263";

  @Test
  void theVectorsComputedWithCarnetsTree() {
    String[] roots = {
      "3379c8da22d90669563e178fb8c5a5845a61fa842351f63f85dda565b72357e1",
      "b91c48be9e1f48169e1530f835cf76ef64199918f12579f2b0432984c8b22770",
      "3d3ddbce32714adb7b1aee2260959019ee5199c7d11d7cc7cd0eab1a0218f426",
      "c4520310ffad81ade7fea18bd9f63a26bf9ccd798fadb29aed23574f24fecfc9",
      "7f503060baa7f57d203bd2ec96cf570c8112c72e6a86fb7bf3786405bbb23f2d",
      "ee30d2b429a06a5599f89255edf3df38e1ce99bf1f33a46539bca7047ee94086",
      CARNET_ROOT_7
    };
    Rfc9162.Builder built = new Rfc9162.Builder();
    for (int size = 1; size <= 7; size++) {
      built.append(CARNET_LEAVES.get(size - 1));
      assertThat(HEX.formatHex(built.root())).isEqualTo(roots[size - 1]);
      assertThat(HEX.formatHex(Rfc9162.root(CARNET_LEAVES.subList(0, size))))
          .isEqualTo(roots[size - 1]);
    }
    byte[] root7 = HEX.parseHex(CARNET_ROOT_7);
    assertThat(
            Rfc9162.verifyInclusion(
                3,
                7,
                CARNET_LEAVES.get(3),
                hashes(
                    "57537fd77d7e451d32c88b279a8ab90fdf9f2c172f25db141dd8160060419427",
                    "b91c48be9e1f48169e1530f835cf76ef64199918f12579f2b0432984c8b22770",
                    "c4832c95d5925337e934a158ba7e714bd0e16ac0ec08a09508a92e94f880e4b9"),
                root7))
        .isTrue();
    assertThat(
            Rfc9162.verifyInclusion(
                6,
                7,
                CARNET_LEAVES.get(6),
                hashes(
                    "c207b786a6f0591c699adef6403e826489d203171a09708639c945b804831f08",
                    "c4520310ffad81ade7fea18bd9f63a26bf9ccd798fadb29aed23574f24fecfc9"),
                root7))
        .isTrue();
    assertThat(
            Rfc9162.verifyConsistency(
                3,
                7,
                HEX.parseHex(roots[2]),
                root7,
                hashes(
                    "57537fd77d7e451d32c88b279a8ab90fdf9f2c172f25db141dd8160060419427",
                    "f936cbbe5f9704af726532683cf1e6805a7c5f7937b18bb372ca0a1d43207e49",
                    "b91c48be9e1f48169e1530f835cf76ef64199918f12579f2b0432984c8b22770",
                    "c4832c95d5925337e934a158ba7e714bd0e16ac0ec08a09508a92e94f880e4b9")))
        .isTrue();
    assertThat(
            Rfc9162.verifyConsistency(
                4,
                7,
                HEX.parseHex(roots[3]),
                root7,
                hashes("c4832c95d5925337e934a158ba7e714bd0e16ac0ec08a09508a92e94f880e4b9")))
        .isTrue();
  }

  @Test
  void theBuilderAgreesWithTheDefinitionAndTheFixturesProofsVerifyAtEverySize() {
    Fixture trail = Fixture.of(37);
    Rfc9162.Builder built = new Rfc9162.Builder();
    assertThat(built.root()).isEqualTo(Rfc9162.emptyRoot());
    for (int n = 1; n <= 37; n++) {
      built.append(trail.leaves.get(n - 1));
      byte[] root = trail.root(n);
      assertThat(built.root()).as("size %d", n).isEqualTo(root);
      for (int m = 0; m < n; m++) {
        assertThat(
                Rfc9162.verifyInclusion(
                    m, n, trail.leaves.get(m), trail.inclusionProof(m, n), root))
            .as("leaf %d of %d", m, n)
            .isTrue();
      }
      for (int m = 1; m <= n; m++) {
        assertThat(
                Rfc9162.verifyConsistency(m, n, trail.root(m), root, trail.consistencyProof(m, n)))
            .as("%d to %d", m, n)
            .isTrue();
      }
    }
  }
}
