package fr.carnet.audit.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One access to a record: who, whose record, which document, what, when, and the decision with its
 * reason. Appended, never changed; never holds a NIR.
 */
@Entity
@Table(name = "trace")
public class Trace {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, updatable = false)
  private OffsetDateTime at;

  @Column(name = "actor_role", nullable = false, updatable = false)
  private String actorRole;

  @Column(name = "actor_id", nullable = false, updatable = false)
  private String actorId;

  @Column(name = "actor_rpps", updatable = false)
  private String actorRpps;

  @Column(name = "actor_profession", updatable = false)
  private String actorProfession;

  @Column(name = "actor_finess", updatable = false)
  private String actorFiness;

  // Nullable UUIDs are kept as text: EclipseLink 4.0's UUID conversion fails on null.
  @Column(name = "record_id", updatable = false)
  private String recordId;

  @Column(name = "document_id", updatable = false)
  private String documentId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private TraceAction action;

  @Column(nullable = false, updatable = false)
  private String outcome;

  @Column(nullable = false, updatable = false)
  private String reason;

  @Column(updatable = false)
  private String detail;

  protected Trace() {
    // for JPA
  }

  @SuppressWarnings("checkstyle:ParameterNumber")
  public Trace(
      Instant at,
      String actorRole,
      String actorId,
      String actorRpps,
      String actorProfession,
      String actorFiness,
      UUID recordId,
      UUID documentId,
      TraceAction action,
      boolean permitted,
      String reason,
      String detail) {
    this.at = at.atOffset(ZoneOffset.UTC);
    this.actorRole = actorRole;
    this.actorId = actorId;
    this.actorRpps = actorRpps;
    this.actorProfession = actorProfession;
    this.actorFiness = actorFiness;
    this.recordId = recordId == null ? null : recordId.toString();
    this.documentId = documentId == null ? null : documentId.toString();
    this.action = action;
    this.outcome = permitted ? "PERMIT" : "DENY";
    this.reason = reason;
    this.detail = detail;
  }

  public Long id() {
    return id;
  }

  public TraceAction action() {
    return action;
  }

  public String outcome() {
    return outcome;
  }

  public String reason() {
    return reason;
  }

  public UUID recordId() {
    return recordId == null ? null : UUID.fromString(recordId);
  }

  public UUID documentId() {
    return documentId == null ? null : UUID.fromString(documentId);
  }

  public String detail() {
    return detail;
  }
}
