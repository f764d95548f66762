package fr.carnet.consent.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The patient's choices about secondary use of their data: a global opposition, and choices per
 * study. Kept apart from care: no access decision reads them.
 */
@Entity
@Table(name = "research_preference")
public class ResearchPreferences {

  /** A choice about one study. */
  public enum Choice {
    ACCEPT,
    REFUSE
  }

  @Id
  @Column(name = "record_id")
  private UUID recordId;

  @Column(name = "global_opposition", nullable = false)
  private boolean globalOpposition;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "research_study_choice", joinColumns = @JoinColumn(name = "record_id"))
  @MapKeyColumn(name = "study")
  @Column(name = "choice")
  private Map<String, String> studies = new HashMap<>();

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected ResearchPreferences() {}

  public ResearchPreferences(UUID recordId) {
    this.recordId = recordId;
  }

  public void change(boolean opposition, Map<String, Choice> choices, Instant at) {
    this.globalOpposition = opposition;
    this.studies.clear();
    choices.forEach((study, choice) -> this.studies.put(study, choice.name()));
    this.updatedAt = at.atOffset(ZoneOffset.UTC);
  }

  public UUID recordId() {
    return recordId;
  }

  public boolean globalOpposition() {
    return globalOpposition;
  }

  public Map<String, Choice> studies() {
    Map<String, Choice> choices = new HashMap<>();
    studies.forEach((study, choice) -> choices.put(study, Choice.valueOf(choice)));
    return choices;
  }

  public Instant updatedAt() {
    return updatedAt == null ? null : updatedAt.toInstant();
  }
}
