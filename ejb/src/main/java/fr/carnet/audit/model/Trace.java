package fr.carnet.audit.model;

import java.time.Instant;
import java.util.UUID;

/** One trace as read back: who did what to which record, when, how, and what was decided. */
public record Trace(
    long id,
    Instant at,
    String actorRole,
    String actorId,
    String actorRpps,
    String actorProfession,
    String professionLabel,
    String actorFiness,
    UUID recordId,
    UUID documentId,
    String action,
    String mode,
    String outcome,
    String reason,
    String detail,
    String requestId) {}
