package fr.carnet.identity.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The INS and traits of the person a record belongs to. The only place a NIR is stored; everything
 * else refers to the record by its opaque id.
 */
@Entity
@Table(name = "identity")
public class PatientIdentity {

  @Id
  @Column(name = "record_id")
  private UUID recordId;

  @Column(name = "ins_number", nullable = false, updatable = false)
  private String insNumber;

  @Enumerated(EnumType.STRING)
  @Column(name = "ins_kind", nullable = false, updatable = false)
  private InsKind insKind;

  @Column(name = "birth_name", nullable = false)
  private String birthName;

  @Column(name = "first_names", nullable = false)
  private String firstNames;

  @Column(name = "birth_date", nullable = false)
  private LocalDate birthDate;

  @Enumerated(EnumType.STRING)
  @Column(name = "sex", nullable = false)
  private Sex sex;

  @Column(name = "birth_place", nullable = false)
  private String birthPlace;

  protected PatientIdentity() {
    // for JPA
  }

  public PatientIdentity(UUID recordId, Ins ins, Traits traits) {
    this.recordId = recordId;
    this.insNumber = ins.number();
    this.insKind = ins.kind();
    this.birthName = traits.birthName();
    this.firstNames = traits.firstNames();
    this.birthDate = traits.birthDate();
    this.sex = traits.sex();
    this.birthPlace = traits.birthPlace();
  }

  public UUID recordId() {
    return recordId;
  }

  public Ins ins() {
    return new Ins(insNumber, insKind);
  }

  public Traits traits() {
    return new Traits(birthName, firstNames, birthDate, sex, birthPlace);
  }
}
