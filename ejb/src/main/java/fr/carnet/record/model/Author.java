package fr.carnet.record.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * Who wrote a document: a professional (RPPS, profession, specialty, organisation) or the patient.
 */
@Embeddable
public class Author {

  /** The kinds of author a document can have. */
  public enum Kind {
    PROFESSIONAL,
    PATIENT
  }

  @Enumerated(EnumType.STRING)
  @Column(name = "author_role", nullable = false, updatable = false)
  private Kind kind;

  @Column(name = "author_rpps", updatable = false)
  private String rpps;

  @Column(name = "author_profession", updatable = false)
  private String profession;

  @Column(name = "author_specialty", updatable = false)
  private String specialty;

  @Column(name = "author_finess", updatable = false)
  private String finess;

  protected Author() {
    // for JPA
  }

  private Author(Kind kind, String rpps, String profession, String specialty, String finess) {
    this.kind = kind;
    this.rpps = rpps;
    this.profession = profession;
    this.specialty = specialty;
    this.finess = finess;
  }

  public static Author professional(
      String rpps, String profession, String specialty, String finess) {
    return new Author(Kind.PROFESSIONAL, rpps, profession, specialty, finess);
  }

  public static Author patient() {
    return new Author(Kind.PATIENT, null, null, null, null);
  }

  public Kind kind() {
    return kind;
  }

  public String rpps() {
    return rpps;
  }

  public String profession() {
    return profession;
  }

  public String specialty() {
    return specialty;
  }

  public String finess() {
    return finess;
  }
}
