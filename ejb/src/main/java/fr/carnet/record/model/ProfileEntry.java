package fr.carnet.record.model;

import jakarta.persistence.Column;
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
 * One entry of the medical profile, with its provenance: a patient's own typing of their blood
 * group is not the blood service's, and readers are shown which it is.
 */
@Entity
@Table(name = "profile_entry")
public class ProfileEntry {

  /** Where an entry comes from. */
  public enum Source {
    PATIENT,
    PROFESSIONAL,
    CERTIFIED
  }

  @Id private UUID id;

  @Column(name = "record_id", nullable = false, updatable = false)
  private UUID recordId;

  @Column(nullable = false, updatable = false)
  private String category;

  @Column(nullable = false, updatable = false)
  private String label;

  @Column(updatable = false)
  private String value;

  @Column(name = "recorded_at", nullable = false, updatable = false)
  private OffsetDateTime recordedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Source source;

  @Column(name = "author_rpps", updatable = false)
  private String authorRpps;

  @Column(name = "author_profession", updatable = false)
  private String authorProfession;

  @Column(name = "author_finess", updatable = false)
  private String authorFiness;

  /** A minor's secret: never shown to their representatives, nor any trace of it. */
  @Column(name = "hidden_from_representatives", nullable = false, updatable = false)
  private boolean hiddenFromRepresentatives;

  protected ProfileEntry() {
    // for JPA
  }

  public ProfileEntry(
      UUID recordId,
      String category,
      String label,
      String value,
      Instant recordedAt,
      Source source,
      Author author,
      boolean hiddenFromRepresentatives) {
    this.id = UUID.randomUUID();
    this.recordId = recordId;
    this.category = category;
    this.label = label;
    this.value = value;
    this.recordedAt = recordedAt.atOffset(ZoneOffset.UTC);
    this.source = source;
    this.authorRpps = author.rpps();
    this.authorProfession = author.profession();
    this.authorFiness = author.finess();
    this.hiddenFromRepresentatives = hiddenFromRepresentatives;
  }

  public UUID id() {
    return id;
  }

  public UUID recordId() {
    return recordId;
  }

  public String category() {
    return category;
  }

  public String label() {
    return label;
  }

  public String value() {
    return value;
  }

  public Instant recordedAt() {
    return recordedAt.toInstant();
  }

  public Source source() {
    return source;
  }

  public String authorRpps() {
    return authorRpps;
  }

  public String authorProfession() {
    return authorProfession;
  }

  public String authorFiness() {
    return authorFiness;
  }

  public boolean hiddenFromRepresentatives() {
    return hiddenFromRepresentatives;
  }
}
