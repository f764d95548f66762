package fr.carnet.reference.model;

import java.time.Instant;

/**
 * A policy duration as administrators see it: the value in force, the configured one, and who set
 * it last (null while the configured value applies).
 */
public record DurationSetting(
    PolicyDuration duration,
    String value,
    String configured,
    String changedBy,
    Instant changedAt) {}
