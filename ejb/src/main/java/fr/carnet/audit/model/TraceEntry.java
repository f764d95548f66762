package fr.carnet.audit.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One trace as it is appended to the trail: every field the database's {@code append_trace} takes,
 * which adds the chain, the link and the hash (see migrations V8, V20).
 */
public record TraceEntry(
    Instant at,
    String actorRole,
    String actorId,
    String actorRpps,
    String actorProfession,
    String actorFiness,
    UUID recordId,
    UUID documentId,
    String action,
    String outcome,
    String reason,
    String detail,
    String accessMode,
    String requestId) {}
