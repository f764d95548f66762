package fr.carnet.record.application;

import java.time.Instant;

/** An entry to add to the medical profile; {@code recordedAt} defaults to now. */
public record ProfileCommand(String category, String label, String value, Instant recordedAt) {}
