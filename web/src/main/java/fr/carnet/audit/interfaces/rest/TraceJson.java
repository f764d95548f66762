package fr.carnet.audit.interfaces.rest;

import fr.carnet.audit.model.Trace;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A trace, as auditors read it. */
public record TraceJson(
    long id,
    @Schema(type = SchemaType.STRING, format = "date-time") Instant at,
    ActorJson actor,
    @Schema(type = SchemaType.STRING, format = "uuid", nullable = true) UUID recordId,
    @Schema(type = SchemaType.STRING, format = "uuid", nullable = true) UUID documentId,
    String action,
    @Schema(
            nullable = true,
            enumeration = {"NORMAL", "BREAK_GLASS", "REGULATION"})
        String mode,
    @Schema(enumeration = {"PERMIT", "DENY"}) String outcome,
    String reason,
    @Schema(nullable = true) String detail,
    @Schema(nullable = true) String requestId) {

  /** Who acted. */
  public record ActorJson(
      String role,
      String id,
      String rpps,
      String profession,
      String professionLabel,
      String finess) {}

  static TraceJson of(Trace t) {
    return new TraceJson(
        t.id(),
        t.at(),
        new ActorJson(
            t.actorRole(),
            t.actorId(),
            t.actorRpps(),
            t.actorProfession(),
            t.professionLabel(),
            t.actorFiness()),
        t.recordId(),
        t.documentId(),
        t.action(),
        t.mode(),
        t.outcome(),
        t.reason(),
        t.detail(),
        t.requestId());
  }
}
