package fr.carnet.audit.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Traces as auditors and patients read them. They are written by the trace service only. */
public interface TraceRepository {

  /** A page of traces matching the query, newest first. */
  List<Trace> search(TraceQuery query);

  /**
   * A page of one record's traces, newest first, each with what it concerns (its document or
   * profile entry, and their flags as they stand now), for the history to decide what its reader is
   * shown ({@link HistoryRule}). Every trace of the record: the filtering is the rule's.
   */
  List<HistoryRow> history(UUID recordId, Long before, int limit);

  /** A trace and what it concerns. */
  record HistoryRow(Trace trace, TraceSubject subject) {}

  /**
   * A record's account events (the traces of these actions, granted ones), newest first: what the
   * call centre sees of a record's history, nothing clinical.
   */
  List<Trace> accountEvents(UUID recordId, java.util.Set<String> actions, int limit);

  /** Emergency accesses (grants and reads in BREAK_GLASS or REGULATION mode) in a period. */
  List<Trace> emergencyAccesses(Instant from, Instant to, int limit);

  /**
   * Professionals who read at least {@code factor} times the median number of distinct records
   * their profession's peers read in the period, and at least {@code minimum} records.
   */
  List<Anomalies.HeavyReader> heavyReaders(Instant from, Instant to, double factor, long minimum);

  /** Actors refused at least {@code threshold} times within {@code windowMinutes}. */
  List<Anomalies.RefusalBurst> refusalBursts(
      Instant from, Instant to, long threshold, int windowMinutes);

  /** Refusals for want of an agreement: attempts to read outside a care relationship. */
  List<Trace> outsideCareRelationship(Instant from, Instant to, int limit);

  /**
   * Representations approved by staff in the period and followed, within {@code within}, by reads
   * of the record by a representative: a fraud of two accomplices reads at once.
   */
  List<Anomalies.RepresentationThenRead> representationThenRead(
      Instant from, Instant to, java.time.Duration within, int limit);

  /** Permitted professional reads between {@code startHour} and {@code endHour}, Paris time. */
  List<Trace> nightTime(Instant from, Instant to, int startHour, int endHour, int limit);
}
