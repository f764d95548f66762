package fr.carnet.record.application;

import java.util.UUID;

/** The answer to a lookup by INS: the record's id, and whether it can be fed and read now. */
public record RecordLookup(UUID id, boolean available) {}
