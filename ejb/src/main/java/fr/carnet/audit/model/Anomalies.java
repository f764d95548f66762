package fr.carnet.audit.model;

import java.time.Instant;
import java.util.List;

/**
 * What auditors look for in a period (seed 003 l.228, seed 004 l.672-680): emergency accesses,
 * professionals who read far more records than their peers, bursts of refusals, accesses outside a
 * care relationship, night-time accesses, representations approved by staff and read at once.
 */
public record Anomalies(
    Instant from,
    Instant to,
    List<Trace> emergencyAccesses,
    List<HeavyReader> heavyReaders,
    List<RefusalBurst> refusalBursts,
    List<Trace> outsideCareRelationship,
    List<Trace> nightTime,
    List<RepresentationThenRead> representationThenRead) {

  /** A professional who read {@code records} records, against a median of {@code peerMedian}. */
  public record HeavyReader(String rpps, String profession, long records, double peerMedian) {}

  /**
   * A representation approved by staff ({@code approvedBy}, at {@code approvedAt}, on the record
   * {@code recordId}), then read by a representative: {@code reads} reads, the first at {@code
   * firstReadAt}.
   */
  public record RepresentationThenRead(
      long approvalTraceId,
      Instant approvedAt,
      String approvedBy,
      java.util.UUID recordId,
      String detail,
      Instant firstReadAt,
      String readerId,
      long reads) {}

  /** An actor refused {@code refusals} times within one window starting at {@code start}. */
  public record RefusalBurst(String actorId, String rpps, Instant start, long refusals) {}
}
