package fr.carnet.record.application;

import java.time.Instant;

/**
 * An entry to add to the medical profile; {@code recordedAt} defaults to now; {@code
 * hiddenFromRepresentatives} keeps it secret from a minor's representatives.
 */
public record ProfileCommand(
    String category,
    String label,
    String value,
    Instant recordedAt,
    boolean hiddenFromRepresentatives) {}
