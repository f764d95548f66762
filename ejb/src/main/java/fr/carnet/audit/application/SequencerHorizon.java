package fr.carnet.audit.application;

import fr.carnet.audit.model.TraceTree;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How far back the sequencer must look so that a transaction committing late is never left out of
 * the tree. A window of trace ids alone is a guess about time: a transaction that holds its traces
 * while others write more than the window's ids (a bulk load beside a busy server) would commit
 * below it and never be appended. So each complete scan is marked with the snapshot it followed:
 * the highest trace id then visible, and the first transaction id not yet started. A trace
 * invisible then, with a lower id, belonged to a transaction already running; once the oldest
 * running transaction is past the mark, all of those ended before a later scan, which saw them, and
 * the ids below the mark need not be read again. Until then the sequencer looks back to the last
 * mark so resolved, however far that is below the id window.
 *
 * <p>Kept in this instance's memory: an instance that takes the sequencer over starts from the id
 * window alone (the full check names what that misses: {@code UNSEQUENCED}).
 */
@ApplicationScoped
public class SequencerHorizon {

  private record Mark(long nextXid, long highestTraceId) {}

  /** Marks a scan long ago that no transaction has resolved yet (one that runs for hours). */
  private static final int MAX_MARKS = 100_000;

  @Resource private TransactionSynchronizationRegistry transactions;

  private final Deque<Mark> marks = new ArrayDeque<>();

  /** Every trace with a lower id is in the tree or will never be; -1 while nothing is known. */
  private long resolvedBelow = -1;

  /** Where the scan starts: the id window's start, or lower while a mark is unresolved. */
  public synchronized long lookBackFrom(long idWindowStart) {
    return resolvedBelow < 0 ? idWindowStart : Math.min(idWindowStart, resolvedBelow);
  }

  /**
   * As {@link #scanned}, once the current transaction has committed: a run rolled back (an
   * auditor's head whose witness failed) appended nothing, and must not stand for a scan.
   */
  public void scannedOnceCommitted(TraceTree.Horizon now) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {
            // Nothing before: only the outcome matters.
          }

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              scanned(now);
            }
          }
        });
  }

  /** After a scan that left nothing behind, which followed the snapshot {@code now}. */
  public synchronized void scanned(TraceTree.Horizon now) {
    while (!marks.isEmpty() && marks.peekFirst().nextXid() <= now.oldestRunningXid()) {
      resolvedBelow = Math.max(resolvedBelow, marks.removeFirst().highestTraceId());
    }
    if (marks.size() < MAX_MARKS) {
      marks.addLast(new Mark(now.nextXid(), now.highestTraceId()));
    }
  }
}
