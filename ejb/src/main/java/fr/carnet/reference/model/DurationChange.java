package fr.carnet.reference.model;

import java.time.Instant;

/** A change to a policy duration: who, when, from what (null: the configured value) to what. */
public record DurationChange(
    Instant at, String changedBy, PolicyDuration duration, String oldValue, String newValue) {}
