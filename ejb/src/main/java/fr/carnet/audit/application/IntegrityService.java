package fr.carnet.audit.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.infrastructure.FileTreeWitness;
import fr.carnet.audit.model.MerkleTree;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceChains;
import fr.carnet.audit.model.TraceRetention;
import fr.carnet.audit.model.TraceTree;
import fr.carnet.audit.model.TreeCheck;
import fr.carnet.security.Actor;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies the traces' hash chains: each trace's hash matches its content, each links to the one
 * before, no position is missing, and each chain ends where its head says. Incremental: a chain is
 * verified from its last checkpoint unless a full check is asked for.
 */
@Stateless
public class IntegrityService {

  private static final String ORIGIN = "0".repeat(64);
  private static final int BATCH = 5000;

  @Inject private AccessService access;
  @Inject private TraceChains chains;
  @Inject private AccessGate gate;
  @Inject private Clock clock;
  @Inject private TraceTree tree;
  @Inject private FileTreeWitness witness;
  @Inject private TreeSigner signer;
  @Inject private TraceRetention retention;

  /** How much older than a witnessed head a trace appended after it may say it is. */
  @Inject
  @ConfigProperty(name = "carnet.audit.tree.backdating-tolerance", defaultValue = "PT10M")
  private Duration backdatingTolerance;

  /** As the sequencer's: below it, a trace left out of the tree stays out. */
  @Inject
  @ConfigProperty(name = "carnet.audit.tree.reorder-window", defaultValue = "10000")
  private long reorderWindow;

  /**
   * What a check found. {@code firstBroken} is null when every chain holds; {@code tree} is the
   * Merkle tree's check, made by a full check only (null otherwise).
   */
  public record Result(
      boolean verified, long checked, int chains, BrokenLink firstBroken, TreeCheck.Result tree) {}

  /** Where a chain breaks: the trace (if it exists) and what is wrong. */
  public record BrokenLink(int chain, long seq, Long traceId, Problem problem) {}

  /** What can be wrong with a link. */
  public enum Problem {
    /** The trace's content no longer matches its hash. */
    ALTERED,
    /** The trace does not link to the one before it. */
    RELINKED,
    /** A position of the chain has no trace: one was deleted. */
    MISSING,
    /** The chain does not end where its head says. */
    HEAD_MISMATCH
  }

  public Result verify(Actor actor, boolean full) {
    gate.admit(
        actor, AccountAction.AUDIT_TRACES, TraceAction.AUDIT_INTEGRITY, full ? "full" : null);
    Result chained = verifyChains(full);
    if (!full) {
      return chained;
    }
    TreeCheck.Result checked = verifyTree();
    return new Result(
        chained.verified() && checked.verified(),
        chained.checked(),
        chained.chains(),
        chained.firstBroken(),
        checked);
  }

  private Result verifyChains(boolean full) {
    List<TraceChains.Head> heads = chains.heads();
    long checked = 0;
    for (TraceChains.Head head : heads) {
      TraceChains.Checkpoint from = full ? null : chains.checkpoint(head.chain()).orElse(null);
      long seq = from == null ? 0 : from.seq() + 1;
      String previous = from == null ? ORIGIN : from.hash();
      // The runs retention dropped: crossed by the hashes kept of their two ends.
      List<TraceRetention.ChainRun> purged = retention.chainRuns(head.chain());
      int run = 0;
      while (run < purged.size() && purged.get(run).lastSeq() < seq) {
        run++;
      }
      while (seq < head.length()) {
        if (run < purged.size() && purged.get(run).firstSeq() <= seq) {
          TraceRetention.ChainRun dropped = purged.get(run++);
          if (dropped.firstSeq() == seq && !dropped.prevHash().equals(previous)) {
            return broken(checked, heads, head.chain(), seq, null, Problem.RELINKED);
          }
          previous = dropped.lastHash();
          seq = dropped.lastSeq() + 1;
          continue;
        }
        long until =
            run < purged.size()
                ? Math.min(purged.get(run).firstSeq(), head.length())
                : head.length();
        List<TraceChains.Link> links = chains.links(head.chain(), seq, until, BATCH);
        if (links.isEmpty()) {
          return broken(checked, heads, head.chain(), seq, null, Problem.MISSING);
        }
        for (TraceChains.Link link : links) {
          checked++;
          if (link.seq() != seq) {
            return broken(checked, heads, head.chain(), seq, null, Problem.MISSING);
          }
          if (!link.hash().equals(link.recomputed())) {
            return broken(checked, heads, head.chain(), seq, link.traceId(), Problem.ALTERED);
          }
          if (!link.prevHash().equals(previous)) {
            return broken(checked, heads, head.chain(), seq, link.traceId(), Problem.RELINKED);
          }
          previous = link.hash();
          seq++;
        }
      }
      if (!previous.equals(head.lastHash())) {
        return broken(checked, heads, head.chain(), seq, null, Problem.HEAD_MISMATCH);
      }
      if (seq > 0) {
        chains.checkpoint(
            head.chain(), new TraceChains.Checkpoint(seq - 1, previous), clock.instant());
      }
    }
    return new Result(true, checked, heads.size(), null, null);
  }

  private static Result broken(
      long checked,
      List<TraceChains.Head> heads,
      int chain,
      long seq,
      Long traceId,
      Problem problem) {
    return new Result(
        false, checked, heads.size(), new BrokenLink(chain, seq, traceId, problem), null);
  }

  /** The tree against the witness file, every hash recomputed here (see {@link TreeCheck}). */
  private TreeCheck.Result verifyTree() {
    List<TraceTree.SignedHead> lines =
        witness.read().stream().map(FileTreeWitness.Line::head).toList();
    TreeCheck check = new TreeCheck(backdatingTolerance, reorderWindow, BATCH);
    return check.run(
        lines, signer.publicKey().orElse(null), new TreeSource(tree, retention), clock.instant());
  }

  /** The repository, as the check reads it. */
  private record TreeSource(TraceTree tree, TraceRetention retention) implements TreeCheck.Source {
    @Override
    public List<TreeCheck.Purged> purged() {
      return retention.purges().stream()
          .flatMap(
              purge ->
                  purge.positions().stream()
                      .map(run -> new TreeCheck.Purged(run.first(), run.last(), purge.retention())))
          .toList();
    }

    @Override
    public long size() {
      return tree.size();
    }

    @Override
    public long lastTraceId() {
      return tree.lastTraceId();
    }

    @Override
    public List<TraceTree.SignedHead> copies() {
      return tree.heads();
    }

    @Override
    public List<TraceTree.StoredLeaf> leaves(long from, long to, int limit) {
      return tree.leaves(from, to, limit);
    }

    @Override
    public List<MerkleTree.Frontier.Node> nodesEndingIn(long from, long to) {
      return tree.nodesEndingIn(from, to);
    }

    @Override
    public OptionalLong unsequencedUpTo(long maxId) {
      return tree.unsequencedUpTo(maxId);
    }
  }
}
