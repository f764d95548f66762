package fr.carnet.audit.application;

import fr.carnet.audit.model.MerkleTree;
import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceCanonicalForm;
import fr.carnet.audit.model.TraceTree;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Inclusion proofs for entries of a patient's history, against a signed tree head: each entry's
 * leaf shown as its canonical form v2 shows it (the hidden fields only as their salted digest), so
 * that a patient checks the entry without being given more than the history shows. Proofs only of
 * the entries given, which the caller has already passed through the gate and the history's rule.
 */
@ApplicationScoped
public class HistoryProofs {

  private static final Logger LOG = Logger.getLogger(HistoryProofs.class.getName());

  @Inject private TraceTree tree;

  /**
   * That an entry is leaf {@code position} of the tree of {@code treeSize}: its shown leaf, path.
   */
  public record EntryProof(
      long position, long treeSize, TraceCanonicalForm.Shown entry, List<byte[]> path) {

    public EntryProof {
      path = List.copyOf(path);
    }
  }

  /** The head the proofs are against: the latest one signed. */
  public Optional<TraceTree.SignedHead> head() {
    return tree.latestHead();
  }

  /**
   * Proofs of those entries that the head covers and that have a canonical form v2, by trace id; in
   * two reads whatever the number of entries (their leaves, then every node their paths need). An
   * entry newer than the head, or a v1 trace (which cannot be shown without its hidden fields), has
   * none.
   */
  public Map<Long, EntryProof> prove(List<Trace> entries, TraceTree.SignedHead head) {
    Map<Long, EntryProof> proofs = new HashMap<>();
    if (head == null || entries.isEmpty()) {
      return proofs;
    }
    List<TraceTree.Positioned> inTree =
        tree.positioned(entries.stream().map(Trace::id).toList(), head.size()).stream()
            .filter(p -> p.trace().salt() != null)
            .toList();
    Set<MerkleTree.NodeId> needed = new HashSet<>();
    for (TraceTree.Positioned p : inTree) {
      needed.addAll(MerkleTree.inclusionNodes(p.position(), head.size()));
    }
    MerkleTree.NodeSource nodes = MerkleTree.fetched(tree.nodes(needed));
    for (TraceTree.Positioned p : inTree) {
      try {
        proofs.put(
            p.trace().id(),
            new EntryProof(
                p.position(),
                head.size(),
                p.trace().shown(),
                MerkleTree.inclusionProof(nodes, p.position(), head.size())));
      } catch (IllegalStateException missingNode) {
        // A node the tree should hold is gone: the integrity check names it; the history still
        // answers, this entry without a proof.
        LOG.warning(() -> "No proof of trace " + p.trace().id() + ": " + missingNode.getMessage());
      }
    }
    return proofs;
  }
}
