package fr.carnet.audit.model;

import java.time.Instant;

/** The monthly partitions of the trace table (migration V10). */
public interface TracePartitions {

  /** Creates the missing monthly partitions up to {@code monthsAhead}; answers how many. */
  int createAhead(Instant from, int monthsAhead);
}
