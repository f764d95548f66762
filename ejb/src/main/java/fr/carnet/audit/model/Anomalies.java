package fr.carnet.audit.model;

import java.time.Instant;
import java.util.List;

/**
 * What auditors look for in a period (seed 003 l.228, seed 004 l.672-680): emergency accesses,
 * professionals who read far more records than their peers, bursts of refusals, accesses outside a
 * care relationship, night-time accesses.
 */
public record Anomalies(
    Instant from,
    Instant to,
    List<Trace> emergencyAccesses,
    List<HeavyReader> heavyReaders,
    List<RefusalBurst> refusalBursts,
    List<Trace> outsideCareRelationship,
    List<Trace> nightTime) {

  /** A professional who read {@code records} records, against a median of {@code peerMedian}. */
  public record HeavyReader(String rpps, String profession, long records, double peerMedian) {}

  /** An actor refused {@code refusals} times within one window starting at {@code start}. */
  public record RefusalBurst(String actorId, String rpps, Instant start, long refusals) {}
}
