package fr.carnet.audit.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A search of traces; null filters are not applied. {@code actor} is an RPPS or a staff member's or
 * patient's id; {@code before} is the id of the last trace of the previous page (newest first).
 */
public record TraceQuery(
    UUID record,
    String actor,
    Instant from,
    Instant to,
    String mode,
    String outcome,
    String action,
    Long before,
    int limit) {

  public static final int MAX_LIMIT = 500;
}
