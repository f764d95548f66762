package fr.carnet.audit.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.application.AccessGate;
import fr.carnet.audit.infrastructure.FileTreeWitness;
import fr.carnet.audit.infrastructure.HttpTreeWitness;
import fr.carnet.audit.model.MerkleTree;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceCanonicalForm;
import fr.carnet.audit.model.TraceRetention;
import fr.carnet.audit.model.TraceTree;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Merkle tree over the traces: the sequencer that appends what writers wrote (no writer waits
 * for it), the signed tree heads published to the witness, and the proofs auditors ask for.
 */
@Stateless
public class TreeService {

  @Inject private TraceTree tree;
  @Inject private TraceRetention retention;
  @Inject private TreeSigner signer;
  @Inject private FileTreeWitness witness;
  @Inject private HttpTreeWitness httpWitness;
  @Inject private SequencerHorizon horizon;
  @Inject private AccessGate gate;
  @Inject private Clock clock;

  /** Traces appended per transaction of the sequencer. */
  @Inject
  @ConfigProperty(name = "carnet.audit.tree.batch", defaultValue = "5000")
  private int batch;

  /**
   * How far below the highest trace id in the tree the sequencer still looks for traces committed
   * late (a transaction that took its id before others and committed after them).
   */
  @Inject
  @ConfigProperty(name = "carnet.audit.tree.reorder-window", defaultValue = "10000")
  private long reorderWindow;

  /** An inclusion proof, with the signed head of its size when one was published. */
  public record Inclusion(
      long traceId,
      long position,
      long size,
      byte[] leafHash,
      byte[] root,
      List<byte[]> proof,
      TraceTree.SignedHead head) {}

  /** A consistency proof between two sizes, with their signed heads when published. */
  public record Consistency(
      long from,
      long to,
      byte[] fromRoot,
      byte[] toRoot,
      List<byte[]> proof,
      TraceTree.SignedHead fromHead,
      TraceTree.SignedHead toHead) {}

  /**
   * One batch appended: how many traces, the highest trace id among them (0 for none), and the
   * snapshot its run's first batch followed (null when the sequencer was busy elsewhere).
   */
  public record Batch(int appended, long lastTraceId, TraceTree.Horizon runStart) {}

  /**
   * Appends one batch of the traces not yet in the tree, in one transaction, if no other instance
   * is doing it; answers how many.
   */
  public int sequence() {
    return sequence(null).appended();
  }

  /**
   * As {@link #sequence()}; {@code previous}, the batch before in the same run, continues that
   * run's scan after its last trace. A run's first batch ({@code previous} null) looks back over
   * the id window (further while the horizon requires) for traces committed late; the next ones
   * need not read that window again each time (three ids read per trace appended, in a backlog):
   * what committed late below meanwhile, the next run's first batch finds.
   *
   * <p>The batch that is not full ends the run: its scan, with the batches before it, read every id
   * from the first one's look-back to the newest, after the first one's snapshot. That run marks
   * the horizon with that snapshot, however many batches it took. (Until 2026-12-03 only a run of
   * one batch marked it: under a bulk enrolment, whose traces fill the first batch of every run,
   * the horizon stayed where the import began, and each run read every trace written since, 28
   * million ids and leaves for a million persons, their square for 65 million.)
   */
  public Batch sequence(Batch previous) {
    if (!tree.tryLock("sequencer")) {
      return new Batch(0, 0, null);
    }
    // The snapshot first: whatever committed before it, the scan below sees.
    TraceTree.Horizon now = tree.horizon();
    TraceTree.Horizon runStart = previous == null ? now : previous.runStart();
    long size = tree.size();
    long from =
        previous != null
            ? previous.lastTraceId()
            : horizon.lookBackFrom(Math.max(0, tree.lastTraceId() - reorderWindow));
    List<TraceCanonicalForm> traces = tree.unsequenced(from, batch);
    if (traces.size() < batch && runStart != null) {
      // Nothing left behind by this run: what its first snapshot's running transactions held is
      // known once they end, and once this transaction has committed.
      horizon.scannedOnceCommitted(runStart);
    }
    if (traces.isEmpty()) {
      return new Batch(0, 0, runStart);
    }
    MerkleTree.Frontier frontier = MerkleTree.Frontier.of(tree.nodes(), size);
    List<TraceTree.Leaf> leaves = new ArrayList<>(traces.size());
    List<MerkleTree.Frontier.Node> nodes = new ArrayList<>(traces.size());
    long last = 0;
    for (TraceCanonicalForm trace : traces) {
      byte[] leaf = trace.leafHash();
      leaves.add(new TraceTree.Leaf(frontier.size(), trace.id(), leaf));
      nodes.addAll(frontier.append(leaf));
      last = Math.max(last, trace.id());
    }
    tree.append(leaves, nodes);
    return new Batch(traces.size(), last, runStart);
  }

  /**
   * Signs the tree's current head and publishes it to the witness, then keeps a copy; unless {@code
   * always}, only when the tree grew since the last head. Empty without a key or leaves.
   */
  public Optional<TraceTree.SignedHead> publishHead(boolean always) {
    if (!tree.tryLock("heads")) {
      return Optional.empty();
    }
    long size = tree.size();
    Optional<TraceTree.SignedHead> latest = tree.latestHead();
    if (size == 0 || latest.isPresent() && latest.get().size() >= size && !always) {
      return Optional.empty();
    }
    if (latest.isPresent() && latest.get().size() == size) {
      return latest;
    }
    MerkleTree.NodeSource nodes = cached(tree.nodes());
    Optional<TraceTree.SignedHead> head =
        signer.sign(size, MerkleTree.root(nodes, size), clock.instant());
    head.ifPresent(
        signed -> {
          // The proof runs from the head the witness itself holds last, not the database's copy:
          // the file alone then shows that the tree only grew. None when that head is not smaller
          // (the tree rolled back): the line without a proof is what a verifier reports.
          Long from =
              witness
                  .lastHead()
                  .map(TraceTree.SignedHead::size)
                  .filter(previous -> previous < size)
                  .orElse(null);
          List<byte[]> consistency =
              from == null ? List.of() : MerkleTree.consistencyProof(nodes, from, size);
          // The witness first: a head the database lost is still witnessed; the copy is only that.
          witness.append(signed, from, consistency);
          tree.saveHead(signed);
          // Then the other party's witness, if one is configured; never a reason to lose a head.
          httpWitness.publish(FileTreeWitness.line(signed, from, consistency));
        });
    return head;
  }

  /** An auditor's head now: the tree caught up with what is committed, then signed. */
  public TraceTree.SignedHead publishNow(Actor actor) {
    gate.admit(actor, AccountAction.AUDIT_TRACES, TraceAction.AUDIT_TREE_HEAD, "publish");
    if (signer.keys().isEmpty()) {
      throw new CarnetException(ErrorCode.TREE_NOT_SIGNED);
    }
    // Wait for a sequencer or signer at work elsewhere (its batch may hold the traces committed
    // before this request): trying only would sign a head without them.
    tree.lock("sequencer");
    tree.lock("heads");
    Batch appended = sequence(null);
    while (appended.appended() == batch) {
      // The whole backlog, batch by batch.
      appended = sequence(appended);
    }
    return publishHead(true)
        .or(() -> tree.latestHead())
        .orElseThrow(() -> new CarnetException(ErrorCode.NOT_IN_TREE));
  }

  /** The latest signed head, or the one of that size. */
  public Optional<TraceTree.SignedHead> head(Actor actor, Long size) {
    gate.admit(
        actor,
        AccountAction.AUDIT_TRACES,
        TraceAction.AUDIT_TREE_HEAD,
        size == null ? null : "size=" + size);
    return size == null ? tree.latestHead() : tree.head(size);
  }

  /** The key that signs the heads, for auditors and witnesses. */
  public Optional<PublicKey> key(Actor actor) {
    gate.admit(actor, AccountAction.AUDIT_TRACES, TraceAction.AUDIT_TREE_HEAD, "key");
    return signer.publicKey();
  }

  /**
   * The proof that the trace is leaf {@code position} of the tree of {@code size} leaves (the
   * latest signed head's size when null); empty when the trace or the size is not in the tree.
   */
  public Optional<Inclusion> inclusion(Actor actor, long traceId, Long size) {
    gate.admit(
        actor,
        AccountAction.AUDIT_TRACES,
        TraceAction.AUDIT_PROOF,
        "inclusion trace=" + traceId + (size == null ? "" : ",size=" + size));
    OptionalLong position = tree.positionOf(traceId);
    Long n = size != null ? size : tree.latestHead().map(TraceTree.SignedHead::size).orElse(null);
    if (position.isEmpty() || n == null || n <= position.getAsLong() || n > tree.size()) {
      return Optional.empty();
    }
    MerkleTree.NodeSource nodes = cached(tree.nodes());
    long p = position.getAsLong();
    return Optional.of(
        new Inclusion(
            traceId,
            p,
            n,
            nodes.node(0, p),
            MerkleTree.root(nodes, n),
            MerkleTree.inclusionProof(nodes, p, n),
            tree.head(n).orElse(null)));
  }

  /** The proof that the tree of {@code from} leaves is a prefix of that of {@code to}. */
  public Optional<Consistency> consistency(Actor actor, long from, long to) {
    gate.admit(
        actor,
        AccountAction.AUDIT_TRACES,
        TraceAction.AUDIT_PROOF,
        "consistency from=" + from + ",to=" + to);
    if (to > tree.size()) {
      return Optional.empty();
    }
    MerkleTree.NodeSource nodes = cached(tree.nodes());
    return Optional.of(
        new Consistency(
            from,
            to,
            MerkleTree.root(nodes, from),
            MerkleTree.root(nodes, to),
            MerkleTree.consistencyProof(nodes, from, to),
            tree.head(from).orElse(null),
            tree.head(to).orElse(null)));
  }

  /**
   * The auditors' trail export of the first {@code to} positions (the whole tree when null),
   * decided and traced now, streamed afterwards; a size beyond the tree is refused.
   */
  public TrailExport leaves(Actor actor, Long to) {
    gate.admit(
        actor,
        AccountAction.AUDIT_TRACES,
        TraceAction.AUDIT_EXPORT,
        "tree leaves" + (to == null ? "" : " to=" + to));
    long size = tree.size();
    if (to != null && to > size) {
      throw new CarnetException(
          ErrorCode.TREE_SIZE_INVALID, "to must not be larger than the tree (" + size + ")");
    }
    List<TraceRetention.Run> purged =
        retention.purges().stream()
            .flatMap(purge -> purge.positions().stream())
            .sorted(java.util.Comparator.comparingLong(TraceRetention.Run::first))
            .toList();
    return new TrailExport(tree, to == null ? size : to, purged);
  }

  /** Each node read once per proof. */
  private static MerkleTree.NodeSource cached(MerkleTree.NodeSource nodes) {
    Map<Long, byte[]> seen = new HashMap<>();
    return (level, index) ->
        seen.computeIfAbsent(((long) level << 56) | index, key -> nodes.node(level, index));
  }
}
