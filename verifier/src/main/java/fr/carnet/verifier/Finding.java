package fr.carnet.verifier;

import java.util.Objects;

/**
 * One problem found: what, at which position of the tree (from {@code position} to {@code
 * lastPosition} when consecutive positions share it), against which witnessed head size, and in
 * words. Either number is null when it does not apply.
 */
public record Finding(Problem problem, Long position, Long lastPosition, Long head, String detail) {

  public Finding(Problem problem, Long position, Long head, String detail) {
    this(problem, position, position, head, detail);
  }

  /** How many positions it covers (1 when it concerns no position). */
  public long count() {
    return position == null ? 1 : lastPosition - position + 1;
  }

  /** The output line: {@code PROBLEM position=… head=… detail}. */
  public String line() {
    String where =
        position == null
            ? "-"
            : lastPosition.equals(position) ? position.toString() : position + ".." + lastPosition;
    return problem + " position=" + where + " head=" + (head == null ? "-" : head) + " " + detail;
  }

  /** This finding and the next position's, when they say the same of consecutive positions. */
  Finding mergedWith(Finding next) {
    return new Finding(problem, position, next.lastPosition, head, detail);
  }

  boolean continuedBy(Finding next) {
    return position != null
        && next.position != null
        && problem == next.problem
        && Objects.equals(head, next.head)
        && next.position == lastPosition + 1
        && groupable(problem);
  }

  /** Problems that a truncated partition or an early purge repeats over many positions. */
  private static boolean groupable(Problem problem) {
    return problem == Problem.TRACE_MISSING || problem == Problem.PURGE_TOO_RECENT;
  }
}
