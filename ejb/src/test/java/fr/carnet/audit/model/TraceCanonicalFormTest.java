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

/** Two traces that differ in any one field, or only in how fields split, have different leaves. */
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
        (String) f[14]);
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
