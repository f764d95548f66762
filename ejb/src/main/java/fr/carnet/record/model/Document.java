package fr.carnet.record.model;

import fr.carnet.reference.model.DocumentType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A document's metadata, with the XDS/MHD notions it needs: unique id per source, type and class,
 * author, creation and submission times, format, size and hash, status and version. The bytes are
 * kept apart, by the content store.
 */
@Entity
@Table(name = "document")
public class Document {

  @Id private UUID id;

  @Column(name = "record_id", nullable = false, updatable = false)
  private UUID recordId;

  @Column(nullable = false, updatable = false)
  private String source;

  @Column(name = "unique_id", nullable = false, updatable = false)
  private String uniqueId;

  @Column(nullable = false, updatable = false)
  private String fingerprint;

  @Column(name = "type_system", nullable = false, updatable = false)
  private String typeSystem;

  @Column(name = "type_code", nullable = false, updatable = false)
  private String typeCode;

  @Column(name = "class_code", nullable = false, updatable = false)
  private String classCode;

  @Column(nullable = false, updatable = false)
  private String title;

  @Column(name = "authored_at", nullable = false, updatable = false)
  private OffsetDateTime authoredAt;

  @Column(name = "submitted_at", nullable = false, updatable = false)
  private OffsetDateTime submittedAt;

  @Embedded private Author author;

  @Column(name = "masked_at")
  private OffsetDateTime maskedAt;

  /** Kept by the database (a trigger on every change but a mask), read only here. */
  @Column(name = "updated_at", insertable = false, updatable = false)
  private OffsetDateTime updatedAt;

  // A stored content has a type, a size and a hash; an external reference has a URL instead.
  @Column(name = "content_type", updatable = false)
  private String contentType;

  @Column(name = "size_bytes", updatable = false)
  private Long size;

  @Column(updatable = false)
  private String hash;

  @Column(name = "reference_url", updatable = false)
  private String referenceUrl;

  @Column(name = "reference_study_uid", updatable = false)
  private String referenceStudyUid;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private DocumentStatus status;

  @Column(nullable = false, updatable = false)
  private int version;

  // Text, not UUID: EclipseLink 4.0's UUID conversion fails on null.
  @Column(name = "replaces_id", updatable = false)
  private String replacesId;

  @Column(name = "withheld_from_patient", nullable = false)
  private boolean withheldFromPatient;

  @Column(name = "hidden_from_representatives", nullable = false)
  private boolean hiddenFromRepresentatives;

  protected Document() {
    // for JPA
  }

  /**
   * A first version, current: with a stored content ({@code format}, {@code size}, {@code hash}),
   * or pointing to data held elsewhere ({@code reference}, the others null).
   */
  @SuppressWarnings("checkstyle:ParameterNumber")
  public Document(
      UUID recordId,
      String source,
      String uniqueId,
      String fingerprint,
      DocumentType type,
      String classCode,
      String title,
      Instant authoredAt,
      Instant submittedAt,
      Author author,
      ContentFormat format,
      Long size,
      String hash,
      ExternalReference reference,
      boolean withheldFromPatient,
      boolean hiddenFromRepresentatives) {
    this.id = UUID.randomUUID();
    this.recordId = recordId;
    this.source = source;
    this.uniqueId = uniqueId;
    this.fingerprint = fingerprint;
    this.typeSystem = type.system();
    this.typeCode = type.code();
    this.classCode = classCode;
    this.title = title;
    this.authoredAt = authoredAt.atOffset(ZoneOffset.UTC);
    this.submittedAt = submittedAt.atOffset(ZoneOffset.UTC);
    this.author = author;
    this.contentType = format == null ? null : format.mediaType();
    this.size = size;
    this.hash = hash;
    this.referenceUrl = reference == null ? null : reference.url();
    this.referenceStudyUid = reference == null ? null : reference.studyUid();
    this.status = DocumentStatus.CURRENT;
    this.version = 1;
    this.withheldFromPatient = withheldFromPatient;
    this.hiddenFromRepresentatives = hiddenFromRepresentatives;
  }

  /**
   * The next version of {@code previous}, in the same record and by the same author, which the
   * caller supersedes.
   */
  public static Document nextVersion(Document previous, Document draft) {
    draft.recordId = previous.recordId;
    draft.version = previous.version + 1;
    draft.replacesId = previous.id.toString();
    return draft;
  }

  /** Replaced by a newer version, which is now the current one; kept in the history. */
  public void supersede() {
    status = DocumentStatus.SUPERSEDED;
  }

  /** Withdrawn by its author: hidden from everyone, its content kept for the retention period. */
  public void withdraw() {
    status = DocumentStatus.WITHDRAWN;
  }

  /** Made visible to the patient, once the author has explained it in person. */
  public void release() {
    withheldFromPatient = false;
  }

  /** Masked by the patient: hidden from professionals but its author and the designated GP. */
  public void mask(Instant at) {
    if (maskedAt == null) {
      maskedAt = at.atOffset(ZoneOffset.UTC);
    }
  }

  public void unmask() {
    maskedAt = null;
  }

  public boolean masked() {
    return maskedAt != null;
  }

  public Instant maskedAt() {
    return maskedAt == null ? null : maskedAt.toInstant();
  }

  /** The document as a listing shows it: what callers are given of a document. */
  public DocumentListing listing() {
    return new DocumentListing(
        id,
        recordId,
        uniqueId,
        classCode,
        type(),
        title,
        authoredAt(),
        submittedAt(),
        author,
        contentType,
        size,
        hash,
        reference(),
        status,
        version,
        withheldFromPatient,
        hiddenFromRepresentatives,
        masked(),
        updatedAt == null ? null : updatedAt.toInstant());
  }

  public UUID id() {
    return id;
  }

  public UUID recordId() {
    return recordId;
  }

  /** Who numbers its documents: the FINESS of the pushing organisation, or the patient's record. */
  public String source() {
    return source;
  }

  public String uniqueId() {
    return uniqueId;
  }

  public String fingerprint() {
    return fingerprint;
  }

  public DocumentType type() {
    return new DocumentType(typeSystem, typeCode);
  }

  public String classCode() {
    return classCode;
  }

  public String title() {
    return title;
  }

  public Instant authoredAt() {
    return authoredAt.toInstant();
  }

  public Instant submittedAt() {
    return submittedAt.toInstant();
  }

  public Author author() {
    return author;
  }

  public String contentType() {
    return contentType;
  }

  public Long size() {
    return size;
  }

  /** Where the data is held, for an external reference; null for a stored content. */
  public ExternalReference reference() {
    return referenceUrl == null ? null : new ExternalReference(referenceUrl, referenceStudyUid);
  }

  public String hash() {
    return hash;
  }

  public DocumentStatus status() {
    return status;
  }

  public int version() {
    return version;
  }

  public UUID replacesId() {
    return replacesId == null ? null : UUID.fromString(replacesId);
  }

  public boolean withheldFromPatient() {
    return withheldFromPatient;
  }

  public boolean hiddenFromRepresentatives() {
    return hiddenFromRepresentatives;
  }
}
