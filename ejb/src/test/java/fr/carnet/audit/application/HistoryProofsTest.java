package fr.carnet.audit.application;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.audit.model.MerkleTree;
import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceCanonicalForm;
import fr.carnet.audit.model.TraceTree;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A page's proofs: each verifies against the head's root from the shown entry alone, carries none
 * of the hidden fields, and the page's nodes are read at once, not one query a node.
 */
class HistoryProofsTest {

  private static final UUID RECORD = UUID.fromString("3f8b0a4e-0000-4000-8000-000000000001");
  private static final int LEAVES = 37;

  private final List<TraceCanonicalForm> traces = new ArrayList<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final HistoryProofs proofs = new HistoryProofs();
  private MerkleTree.NodeSource all;

  HistoryProofsTest() throws Exception {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < LEAVES; i++) {
      // The first five are v1 traces, written before the salt.
      TraceCanonicalForm trace =
          new TraceCanonicalForm(
              100 + i,
              Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i),
              "PROFESSIONAL",
              "pro-secret-" + i,
              "10000000001",
              "10",
              null,
              RECORD,
              null,
              "DOCUMENT_READ",
              "PERMIT",
              "MATRIX",
              "detail-secret-" + i,
              "NORMAL",
              "request-secret-" + i,
              i < 5 ? null : UUID.randomUUID());
      traces.add(trace);
      leaves.add(trace.leafHash());
    }
    all = MerkleTree.inMemory(leaves);
    TraceTree tree =
        (TraceTree)
            Proxy.newProxyInstance(
                TraceTree.class.getClassLoader(),
                new Class<?>[] {TraceTree.class},
                (proxy, method, args) -> {
                  reads.incrementAndGet();
                  return switch (method.getName()) {
                    case "positioned" -> positioned((Collection<?>) args[0], (long) args[1]);
                    case "nodes" -> nodes((Collection<?>) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                  };
                });
    var field = HistoryProofs.class.getDeclaredField("tree");
    field.setAccessible(true);
    field.set(proofs, tree);
  }

  private List<TraceTree.Positioned> positioned(Collection<?> ids, long size) {
    List<TraceTree.Positioned> found = new ArrayList<>();
    for (int p = 0; p < size; p++) {
      if (ids.contains(traces.get(p).id())) {
        found.add(new TraceTree.Positioned(p, traces.get(p)));
      }
    }
    return found;
  }

  private Map<MerkleTree.NodeId, byte[]> nodes(Collection<?> wanted) {
    Map<MerkleTree.NodeId, byte[]> found = new java.util.HashMap<>();
    for (Object o : wanted) {
      MerkleTree.NodeId id = (MerkleTree.NodeId) o;
      found.put(id, all.node(id.level(), id.index()));
    }
    return found;
  }

  private static Trace asRead(TraceCanonicalForm t) {
    return new Trace(
        t.id(),
        t.at(),
        t.actorRole(),
        t.actorId(),
        t.actorRpps(),
        t.actorProfession(),
        "Médecin",
        t.actorFiness(),
        t.recordId(),
        t.documentId(),
        t.action(),
        t.accessMode(),
        t.outcome(),
        t.reason(),
        t.detail(),
        t.requestId());
  }

  @Test
  void eachProofVerifiesFromTheShownEntryAloneAndTheNewerAndOlderOnesHaveNone() {
    long size = 30;
    TraceTree.SignedHead head =
        new TraceTree.SignedHead(
            size, MerkleTree.root(all, size), Instant.now(), new byte[64], "key");
    List<Trace> page = traces.stream().map(HistoryProofsTest::asRead).toList();

    Map<Long, HistoryProofs.EntryProof> found = proofs.prove(page, head);

    assertThat(reads).as("one read of positions, one of nodes, for the whole page").hasValue(2);
    assertThat(found).hasSize(25);
    for (int p = 0; p < LEAVES; p++) {
      HistoryProofs.EntryProof proof = found.get(traces.get(p).id());
      if (p < 5 || p >= size) {
        assertThat(proof).as("position %d", p).isNull();
        continue;
      }
      assertThat(proof.position()).isEqualTo(p);
      assertThat(proof.treeSize()).isEqualTo(size);
      assertThat(
              MerkleTree.verifyInclusion(
                  proof.entry().leafHash(), p, size, proof.path(), head.root()))
          .as("position %d", p)
          .isTrue();
      assertThat(proof.entry().toString())
          .doesNotContain("secret", traces.get(p).salt().toString());
      assertThat(proof.entry().action()).isEqualTo("DOCUMENT_READ");
    }
  }

  @Test
  void noHeadNoProofAndNoRead() {
    assertThat(proofs.prove(traces.stream().map(HistoryProofsTest::asRead).toList(), null))
        .isEmpty();
    assertThat(reads).hasValue(0);
  }

  @Test
  void theNodesAnInclusionProofNeedsAreAllItReads() {
    for (long size = 1; size <= LEAVES; size++) {
      for (long index = 0; index < size; index++) {
        var needed = MerkleTree.inclusionNodes(index, size);
        Map<MerkleTree.NodeId, byte[]> fetched = new java.util.HashMap<>();
        needed.forEach(id -> fetched.put(id, all.node(id.level(), id.index())));
        List<byte[]> fromFetched =
            MerkleTree.inclusionProof(MerkleTree.fetched(fetched), index, size);
        List<byte[]> fromAll = MerkleTree.inclusionProof(all, index, size);
        assertThat(fromFetched).hasSameSizeAs(fromAll);
        for (int i = 0; i < fromAll.size(); i++) {
          assertThat(fromFetched.get(i)).isEqualTo(fromAll.get(i));
        }
      }
    }
  }
}
