package fr.carnet.audit.model;

import java.time.Instant;
import java.time.Period;
import java.util.List;

/** The purges of old trace partitions (migration V21) and what they leave for the checks. */
public interface TraceRetention {

  /** A run of consecutive tree positions, or of chain positions, {@code [first, last]}. */
  record Run(long first, long last) {
    public boolean contains(long position) {
      return position >= first && position <= last;
    }
  }

  /** A run of chain positions a purge dropped, and the hashes that link it to what stays. */
  record ChainRun(int chain, long firstSeq, long lastSeq, String prevHash, String lastHash) {}

  /** A purge as recorded: the positions as runs. */
  record Purge(
      long id,
      String partition,
      java.time.LocalDate month,
      long traces,
      Long firstPosition,
      Long lastPosition,
      Period retention,
      Instant purgedAt,
      List<Run> positions) {}

  /** Every partition of the trace table, the default one included. */
  List<RetentionRule.Partition> partitions();

  /** What a partition holds, as the tree sees it. */
  RetentionRule.Contents contents(RetentionRule.Partition partition);

  /** Takes the retention's lock for the current transaction, without waiting. */
  boolean tryLock();

  /**
   * Drops the partition through the database's own guard ({@code purge_trace_partition}), which
   * refuses what is not yet due; answers the purge's id.
   */
  long purge(String partition, Period retention);

  /** Every purge, oldest first. */
  List<Purge> purges();

  /** The runs of chain positions purged from one chain, in order. */
  List<ChainRun> chainRuns(int chain);
}
