package fr.carnet.web.console;

import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.Sex;
import fr.carnet.identity.model.Traits;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * The INS and the five traits as a caller gives them, bound by the one identity form ({@code
 * /WEB-INF/console/identity.xhtml}) that the desk uses to find a person and to confirm a caller:
 * the birth date as a {@link LocalDate} and the sex as a {@link Sex}, through the Faces converters.
 */
public class IdentityForm implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String NIR_OID = "1.2.250.1.213.1.4.8";

  private String insNumber;
  private String birthName;
  private String firstNames;
  private LocalDate birthDate;
  private Sex sex = Sex.F;
  private String birthPlace;

  public Ins ins() {
    return Ins.of(insNumber == null ? "" : insNumber.strip(), NIR_OID);
  }

  public Traits traits() {
    return new Traits(birthName, firstNames, birthDate, sex, birthPlace);
  }

  public Sex[] getSexes() {
    return Sex.values();
  }

  public String getInsNumber() {
    return insNumber;
  }

  public void setInsNumber(String insNumber) {
    this.insNumber = insNumber;
  }

  public String getBirthName() {
    return birthName;
  }

  public void setBirthName(String birthName) {
    this.birthName = birthName;
  }

  public String getFirstNames() {
    return firstNames;
  }

  public void setFirstNames(String firstNames) {
    this.firstNames = firstNames;
  }

  public LocalDate getBirthDate() {
    return birthDate;
  }

  public void setBirthDate(LocalDate birthDate) {
    this.birthDate = birthDate;
  }

  public Sex getSex() {
    return sex;
  }

  public void setSex(Sex sex) {
    this.sex = sex;
  }

  public String getBirthPlace() {
    return birthPlace;
  }

  public void setBirthPlace(String birthPlace) {
    this.birthPlace = birthPlace;
  }
}
