package fr.carnet.audit.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.application.AccessGate;
import fr.carnet.audit.infrastructure.FileTreeWitness;
import fr.carnet.audit.model.RetentionRule;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceRetention;
import fr.carnet.audit.model.TraceTree;
import fr.carnet.audit.model.TreeHeadSignature;
import fr.carnet.security.Actor;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Retention of the traces: the monthly partitions that {@link RetentionRule} lets go are dropped,
 * one transaction each, by the database's guarded function; each purge is recorded for auditors.
 */
@Stateless
public class RetentionService {

  @Inject private TraceRetention retention;
  @Inject private FileTreeWitness witness;
  @Inject private TreeSigner signer;
  @Inject private AccessGate gate;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.audit.retention", defaultValue = "P3Y")
  private String configured;

  /** What became of a partition: the verdict, and the purge's id when it was dropped. */
  public record Outcome(
      String partition, RetentionRule.Verdict verdict, Long purgeId, Long traces, Long last) {}

  /** The configured retention, refused when below three years. */
  public RetentionRule rule() {
    return new RetentionRule(RetentionRule.requireAtLeastMinimum(Period.parse(configured)));
  }

  /** The partitions old enough to be looked into. */
  public List<String> due() {
    RetentionRule rule = rule();
    Instant now = clock.instant();
    List<String> due = new ArrayList<>();
    for (RetentionRule.Partition partition : retention.partitions()) {
      if (rule.isDue(partition, now)) {
        due.add(partition.name());
      }
    }
    return due;
  }

  /**
   * Drops the partition if the rule lets it go now, in this transaction; another instance purging
   * at the same time makes this one answer null.
   */
  public Outcome purgeIfDue(String name) {
    if (!retention.tryLock()) {
      return null;
    }
    RetentionRule rule = rule();
    Instant now = clock.instant();
    Optional<RetentionRule.Partition> partition =
        retention.partitions().stream().filter(p -> p.name().equals(name)).findFirst();
    if (partition.isEmpty()) {
      return null;
    }
    RetentionRule.Contents contents =
        rule.isDue(partition.get(), now)
            ? retention.contents(partition.get())
            : new RetentionRule.Contents(0, 0, null);
    RetentionRule.Verdict verdict = rule.verdict(partition.get(), contents, witnessedHeads(), now);
    Long purged =
        verdict == RetentionRule.Verdict.PURGE ? retention.purge(name, rule.retention()) : null;
    return new Outcome(name, verdict, purged, contents.traces(), contents.lastPosition());
  }

  /** The heads of the witness file whose signature verifies with the tree's key. */
  public List<RetentionRule.WitnessedHead> witnessedHeads() {
    Optional<PublicKey> key = signer.publicKey();
    if (key.isEmpty()) {
      return List.of();
    }
    String keyId = TreeHeadSignature.keyId(key.get());
    List<RetentionRule.WitnessedHead> heads = new ArrayList<>();
    for (FileTreeWitness.Line line : witness.read()) {
      TraceTree.SignedHead head = line.head();
      if (head != null && keyId.equals(head.keyId()) && TreeHeadSignature.verify(key.get(), head)) {
        heads.add(new RetentionRule.WitnessedHead(head.size(), head.timestamp()));
      }
    }
    return heads;
  }

  /** Every purge, for auditors. */
  public List<TraceRetention.Purge> purges(Actor actor) {
    gate.admit(actor, AccountAction.AUDIT_TRACES, TraceAction.AUDIT_RETENTION, null);
    return retention.purges();
  }
}
