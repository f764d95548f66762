package fr.carnet.consent.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The patient's settings for their record: emergency access, notification channels and the
 * designated GP. A record without a row has the defaults: emergency access on, email only, no GP.
 */
@Entity
@Table(name = "record_settings")
public class RecordSettings {

  @Id
  @Column(name = "record_id")
  private UUID recordId;

  @Column(name = "emergency_access", nullable = false)
  private boolean emergencyAccess = true;

  @Column(name = "notify_by_email", nullable = false)
  private boolean notifyByEmail = true;

  @Column(name = "notify_by_sms", nullable = false)
  private boolean notifyBySms;

  /** The access notifications by letter, for a person with neither email nor phone (V30). */
  @Column(name = "notify_by_post", nullable = false)
  private boolean notifyByPost = true;

  @Column(name = "designated_gp_rpps")
  private String designatedGpRpps;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  protected RecordSettings() {}

  public static RecordSettings defaults(UUID recordId, Instant at) {
    RecordSettings settings = new RecordSettings();
    settings.recordId = recordId;
    settings.updatedAt = at.atOffset(ZoneOffset.UTC);
    return settings;
  }

  public void change(boolean emergency, boolean email, boolean sms, boolean post, Instant at) {
    this.emergencyAccess = emergency;
    this.notifyByEmail = email;
    this.notifyBySms = sms;
    this.notifyByPost = post;
    this.updatedAt = at.atOffset(ZoneOffset.UTC);
  }

  public void designateGp(String rpps, Instant at) {
    this.designatedGpRpps = rpps;
    this.updatedAt = at.atOffset(ZoneOffset.UTC);
  }

  public UUID recordId() {
    return recordId;
  }

  public boolean emergencyAccess() {
    return emergencyAccess;
  }

  public boolean notifyByEmail() {
    return notifyByEmail;
  }

  public boolean notifyBySms() {
    return notifyBySms;
  }

  public boolean notifyByPost() {
    return notifyByPost;
  }

  public String designatedGpRpps() {
    return designatedGpRpps;
  }

  public Instant updatedAt() {
    return updatedAt.toInstant();
  }
}
