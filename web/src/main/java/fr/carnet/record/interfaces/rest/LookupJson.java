package fr.carnet.record.interfaces.rest;

import java.util.UUID;

/** A record's id and whether it can be fed and read now (open), or not available. */
public record LookupJson(UUID id, boolean available) {}
