package fr.carnet.audit.model;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which monthly trace partitions retention may drop, and when a dropped position is proven old
 * enough. Pure: the job and the integrity check apply it to what they read.
 *
 * <p>A partition goes when it ends (its exclusive upper bound) at or before now − retention, every
 * trace of it is a leaf of the tree, and its last leaf is under a witnessed head signed at or
 * before now − retention: the witness, outside the database, proves those traces were in the tree
 * that long ago, so no one can purge a recent trace by calling it old. The default partition and
 * any partition not yet ended are never dropped.
 */
public final class RetentionRule {

  /** The legal floor (EHDS Art. 9: the information on every access, three years at least). */
  public static final Period MINIMUM = Period.ofYears(3);

  private final Period retention;

  public RetentionRule(Period retention) {
    this.retention = requireAtLeastMinimum(retention);
  }

  /**
   * The retention, refused when shorter than three years: years and months count (36 months at
   * least), days only on top of them, and nothing negative.
   */
  public static Period requireAtLeastMinimum(Period retention) {
    if (retention == null
        || retention.isNegative()
        || retention.toTotalMonths() < MINIMUM.toTotalMonths()) {
      throw new IllegalArgumentException(
          "carnet.audit.retention must be at least P3Y (EHDS Art. 9), not " + retention);
    }
    return retention;
  }

  /** The later of the two: a recorded purge's retention, never taken as less than the floor. */
  public static Period atLeastMinimum(Period retention) {
    return retention == null
            || retention.isNegative()
            || retention.toTotalMonths() < MINIMUM.toTotalMonths()
        ? MINIMUM
        : retention;
  }

  public Period retention() {
    return retention;
  }

  /** The instant before which what ended may go: now − retention, by the calendar (UTC). */
  public static Instant cutoff(Instant now, Period retention) {
    return now.atOffset(ZoneOffset.UTC).minus(retention).toInstant();
  }

  public Instant cutoff(Instant now) {
    return cutoff(now, retention);
  }

  /** A partition of the trace table: its range {@code [from, to)}, or the default one. */
  public record Partition(String name, Instant from, Instant to, boolean isDefault) {}

  /** What a partition holds, as the tree sees it. */
  public record Contents(long traces, long notInTree, Long lastPosition) {}

  /** A head of the witness file whose signature verified. */
  public record WitnessedHead(long size, Instant timestamp) {}

  /** What retention does with a partition. */
  public enum Verdict {
    /** Dropped now. */
    PURGE,
    /** The default partition: never dropped. */
    KEEP_DEFAULT,
    /** Not wholly older than the retention (the current and future months among them). */
    KEEP,
    /** Old enough, but some of its traces are not yet leaves of the tree: waits. */
    WAIT_NOT_IN_TREE,
    /** Old enough, in the tree, but no witnessed head covers its last leaf yet: waits. */
    WAIT_NOT_WITNESSED,
    /** Covered only by heads witnessed within the retention: waits (or its months are false). */
    WAIT_WITNESSED_TOO_RECENTLY
  }

  /** Whether the partition is old enough to be looked into at all (its contents read). */
  public boolean isDue(Partition partition, Instant now) {
    return !partition.isDefault()
        && partition.to() != null
        && !partition.to().isAfter(now)
        && !partition.to().isAfter(cutoff(now));
  }

  /** The verdict on a partition; {@code contents} is read only for a partition that is due. */
  public Verdict verdict(
      Partition partition, Contents contents, Collection<WitnessedHead> heads, Instant now) {
    if (partition.isDefault()) {
      return Verdict.KEEP_DEFAULT;
    }
    if (!isDue(partition, now)) {
      return Verdict.KEEP;
    }
    if (contents.notInTree() > 0) {
      return Verdict.WAIT_NOT_IN_TREE;
    }
    if (contents.traces() == 0 || contents.lastPosition() == null) {
      return Verdict.PURGE;
    }
    Optional<Instant> covered = earliestCovering(contents.lastPosition(), heads);
    if (covered.isEmpty()) {
      return Verdict.WAIT_NOT_WITNESSED;
    }
    return covered.get().isAfter(cutoff(now)) ? Verdict.WAIT_WITNESSED_TOO_RECENTLY : Verdict.PURGE;
  }

  /** The earliest timestamp of a witnessed head that covers {@code position} (size above it). */
  public static Optional<Instant> earliestCovering(long position, Collection<WitnessedHead> heads) {
    return heads.stream()
        .filter(h -> h.size() > position)
        .map(WitnessedHead::timestamp)
        .min(Comparator.naturalOrder());
  }

  /**
   * For the integrity check: the earliest covering timestamp of every position at once. Heads
   * sorted by size, each answer the minimum timestamp over the heads of a larger size.
   */
  public static final class Coverage {
    private final long[] sizes;
    private final Instant[] earliestFrom;

    public Coverage(Collection<WitnessedHead> heads) {
      List<WitnessedHead> sorted =
          heads.stream().sorted(Comparator.comparingLong(WitnessedHead::size)).toList();
      sizes = new long[sorted.size()];
      earliestFrom = new Instant[sorted.size()];
      Instant earliest = null;
      for (int i = sorted.size() - 1; i >= 0; i--) {
        sizes[i] = sorted.get(i).size();
        Instant t = sorted.get(i).timestamp();
        earliest = earliest == null || t.isBefore(earliest) ? t : earliest;
        earliestFrom[i] = earliest;
      }
    }

    /** The earliest witnessed head covering the position, if any. */
    public Optional<Instant> earliest(long position) {
      int low = 0;
      int high = sizes.length;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (sizes[mid] > position) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      return low < sizes.length ? Optional.of(earliestFrom[low]) : Optional.empty();
    }

    /** The size of the smallest witnessed head covering the position (what proves it), or null. */
    public Long smallestCovering(long position) {
      for (long size : sizes) {
        if (size > position) {
          return size;
        }
      }
      return null;
    }
  }
}
