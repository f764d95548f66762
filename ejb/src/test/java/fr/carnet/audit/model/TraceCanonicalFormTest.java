package fr.carnet.audit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Two traces that differ in any one field, or only in how fields split, have different leaves; in
 * both versions, whose bytes are pinned by known answers (computed apart, by a script of their
 * own).
 */
class TraceCanonicalFormTest {

  private static final TraceCanonicalForm BASE =
      new TraceCanonicalForm(
          42,
          Instant.parse("2026-12-01T10:15:30.123456Z"),
          "PROFESSIONAL",
          "pro-1",
          "10000000001",
          "10",
          "750000001",
          UUID.fromString("3f8b0a4e-0000-4000-8000-000000000001"),
          UUID.fromString("3f8b0a4e-0000-4000-8000-000000000002"),
          "DOCUMENT_READ",
          "PERMIT",
          "MATRIX",
          "détail",
          "NORMAL",
          "req-1");

  private static TraceCanonicalForm with(UnaryOperator<Object[]> change) {
    Object[] f = {
      BASE.id(), BASE.at(), BASE.actorRole(), BASE.actorId(), BASE.actorRpps(),
      BASE.actorProfession(), BASE.actorFiness(), BASE.recordId(), BASE.documentId(), BASE.action(),
      BASE.outcome(), BASE.reason(), BASE.detail(), BASE.accessMode(), BASE.requestId()
    };
    f = change.apply(f);
    return new TraceCanonicalForm(
        (Long) f[0],
        (Instant) f[1],
        (String) f[2],
        (String) f[3],
        (String) f[4],
        (String) f[5],
        (String) f[6],
        (UUID) f[7],
        (UUID) f[8],
        (String) f[9],
        (String) f[10],
        (String) f[11],
        (String) f[12],
        (String) f[13],
        (String) f[14],
        f.length > 15 ? (UUID) f[15] : null);
  }

  private static final UUID SALT = UUID.fromString("5f0c3a2e-7d41-4b8e-9a6f-1c2d3e4f5a6b");

  /** BASE with a salt: version 2. */
  private static TraceCanonicalForm salted(UnaryOperator<Object[]> change) {
    return with(
        f -> {
          Object[] g = java.util.Arrays.copyOf(f, 16);
          g[15] = SALT;
          return change.apply(g);
        });
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void version1BytesAreUnchanged() {
    assertThat(hex(BASE.entry()))
        .isEqualTo(
            "01000000000000002a0006618fce5476c0000000000c50524f46455353494f4e414c000000000570726f"
                + "2d31000000000b3130303030303030303031000000000231300000000009373530303030303031"
                + "000000002433663862306134652d303030302d343030302d383030302d30303030303030303030"
                + "3031000000002433663862306134652d303030302d343030302d383030302d3030303030303030"
                + "30303032000000000d444f43554d454e545f5245414400000000065045524d4954000000000"
                + "64d4154524958000000000764c3a97461696c00000000064e4f524d414c00000000057265712d"
                + "31");
    assertThat(hex(BASE.leafHash()))
        .isEqualTo("205353eb9d15b311c024a095e50a0689c446e95ebdf22df7eeb17cede7788809");
    assertThat(BASE.form()).isEqualTo(1);
    assertThat(BASE.shown()).isNull();
  }

  @Test
  void version2BytesAreTheBriefingsKnownAnswer() {
    TraceCanonicalForm v2 = salted(f -> f);
    assertThat(v2.form()).isEqualTo(2);
    assertThat(hex(v2.sealed()))
        .isEqualTo("e1f0b66830c9c49e04604000e1fc11c05f97b3039f66ec8a1a69406240eed634");
    assertThat(hex(v2.entry()))
        .isEqualTo(
            "02000000000000002a0006618fce5476c0000000000c50524f46455353494f4e414c000000000b3130"
                + "303030303030303031000000000231300000000009373530303030303031000000002433663862"
                + "306134652d303030302d343030302d383030302d303030303030303030303031000000002433663"
                + "862306134652d303030302d343030302d383030302d30303030303030303030303200000000"
                + "0d444f43554d454e545f5245414400000000065045524d495400000000064e4f524d414c"
                + "e1f0b66830c9c49e04604000e1fc11c05f97b3039f66ec8a1a69406240eed634");
    assertThat(hex(v2.leafHash()))
        .isEqualTo("dee794b695c355ee7f3f3c467b7e34d061d0a7ed0c9b00e8f7f3298f1e303f0c");
    // The entry a patient is given rebuilds the same leaf, and carries none of the hidden fields.
    TraceCanonicalForm.Shown shown = v2.shown();
    assertThat(shown.leafHash()).isEqualTo(v2.leafHash());
    assertThat(shown.atMicros()).isEqualTo(1796120130123456L);
    assertThat(shown.toString()).doesNotContain("pro-1", "MATRIX", "détail", "req-1", "5f0c3a2e");
  }

  @Test
  void eachHiddenFieldAndTheSaltChangeTheSealedDigestButNotTheShownPart() {
    TraceCanonicalForm v2 = salted(f -> f);
    byte[] shownPart = java.util.Arrays.copyOf(v2.entry(), v2.entry().length - 32);
    Set<String> sealed = new HashSet<>();
    sealed.add(hex(v2.sealed()));
    List<TraceCanonicalForm> variants = new ArrayList<>();
    for (int hidden : new int[] {3, 11, 12, 14}) {
      variants.add(
          salted(
              f -> {
                f[hidden] = f[hidden] + "x";
                return f;
              }));
      variants.add(
          salted(
              f -> {
                f[hidden] = null;
                return f;
              }));
    }
    variants.add(
        salted(
            f -> {
              f[15] = UUID.fromString("5f0c3a2e-7d41-4b8e-9a6f-1c2d3e4f5a6c");
              return f;
            }));
    for (TraceCanonicalForm variant : variants) {
      byte[] entry = variant.entry();
      assertThat(java.util.Arrays.copyOf(entry, entry.length - 32))
          .as("%s", variant)
          .isEqualTo(shownPart);
      assertThat(sealed.add(hex(variant.sealed()))).as("%s", variant).isTrue();
      assertThat(variant.leafHash()).isNotEqualTo(v2.leafHash());
    }
  }

  @Test
  void noTwoDifferentTracesEncodeAlikeAcrossBothVersions() {
    List<TraceCanonicalForm> variants = new ArrayList<>();
    for (boolean withSalt : new boolean[] {false, true}) {
      for (int i = 0; i < 15; i++) {
        int at = i;
        UnaryOperator<Object[]> change =
            f -> {
              if (at == 0) {
                f[0] = 43L;
              } else if (at == 1) {
                f[1] = BASE.at().plusNanos(1000);
              } else if (at == 7 || at == 8) {
                f[at] = null;
              } else {
                f[at] = f[at] + "x";
              }
              return f;
            };
        variants.add(withSalt ? salted(change) : with(change));
      }
      variants.add(withSalt ? salted(f -> f) : BASE);
      // A character moved between neighbouring fields, shown then hidden.
      variants.add(
          withSalt
              ? salted(
                  f -> {
                    f[9] = "DOCUMENT_REA";
                    f[10] = "DPERMIT";
                    return f;
                  })
              : with(
                  f -> {
                    f[9] = "DOCUMENT_REA";
                    f[10] = "DPERMIT";
                    return f;
                  }));
      variants.add(
          withSalt
              ? salted(
                  f -> {
                    f[11] = "MATRI";
                    f[12] = "Xdétail";
                    return f;
                  })
              : with(
                  f -> {
                    f[11] = "MATRI";
                    f[12] = "Xdétail";
                    return f;
                  }));
    }
    Set<String> entries = new HashSet<>();
    for (TraceCanonicalForm variant : variants) {
      assertThat(entries.add(hex(variant.entry()))).as("%s", variant).isTrue();
    }
    assertThat(entries).hasSize(variants.size());
  }

  @Test
  void aShownEntryRefusesASealedDigestOfTheWrongLength() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new TraceCanonicalForm.Shown(
                    1,
                    2,
                    "PATIENT",
                    null,
                    null,
                    null,
                    null,
                    null,
                    "X",
                    "PERMIT",
                    null,
                    new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyFieldChangedOrNulledChangesTheLeaf() {
    List<TraceCanonicalForm> variants = new ArrayList<>();
    variants.add(
        with(
            f -> {
              f[0] = 43L;
              return f;
            }));
    variants.add(
        with(
            f -> {
              f[1] = BASE.at().plusNanos(1000);
              return f;
            }));
    for (int i = 2; i < 15; i++) {
      int at = i;
      if (at == 7 || at == 8) {
        variants.add(
            with(
                f -> {
                  f[at] = UUID.randomUUID();
                  return f;
                }));
      } else {
        variants.add(
            with(
                f -> {
                  f[at] = f[at] + "x";
                  return f;
                }));
        variants.add(
            with(
                f -> {
                  f[at] = "";
                  return f;
                }));
      }
      variants.add(
          with(
              f -> {
                f[at] = null;
                return f;
              }));
    }
    Set<String> leaves = new HashSet<>();
    leaves.add(HexFormat.of().formatHex(BASE.leafHash()));
    for (TraceCanonicalForm variant : variants) {
      assertThat(leaves.add(HexFormat.of().formatHex(variant.leafHash())))
          .as("%s", variant)
          .isTrue();
    }
    assertThat(leaves).hasSize(variants.size() + 1);
  }

  @Test
  void characterMovedBetweenNeighbouringFieldsChangesTheLeaf() {
    TraceCanonicalForm moved =
        with(
            f -> {
              f[12] = "détailN";
              f[13] = "ORMAL";
              return f;
            });
    assertThat(moved.leafHash()).isNotEqualTo(BASE.leafHash());
    TraceCanonicalForm nullVsEmpty =
        with(
            f -> {
              f[4] = "";
              return f;
            });
    assertThat(nullVsEmpty.leafHash())
        .isNotEqualTo(
            with(f -> {
                  f[4] = null;
                  return f;
                })
                .leafHash());
  }

  @Test
  void theSameTraceHasTheSameLeafAndNanosecondsBeyondPostgresPrecisionDoNotCount() {
    assertThat(with(f -> f).leafHash()).isEqualTo(BASE.leafHash());
    assertThat(
            with(f -> {
                  f[1] = BASE.at().plusNanos(999);
                  return f;
                })
                .leafHash())
        .isEqualTo(BASE.leafHash());
    assertThat(BASE.entry()[0]).isEqualTo((byte) 1);
  }
}
