package fr.carnet.record.interfaces.fhir;

import ca.uhn.fhir.rest.param.TokenParam;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.Sex;
import fr.carnet.identity.model.Traits;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * The INS and the five traits in FHIR: the INS as an identifier whose system is its OID, the traits
 * as the official name, birth date, gender and the birthplace extension (an address carrying the
 * INSEE code of the commune, as the French core profile does).
 */
public final class FhirIdentity {

  /** The birthplace extension of the FHIR core. */
  public static final String BIRTH_PLACE =
      "http://hl7.org/fhir/StructureDefinition/patient-birthPlace";

  /** The INSEE code of a commune, on an address (French core profile). */
  public static final String INSEE_CODE =
      "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code";

  static final String INSEE_SYSTEM =
      "https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM";

  private FhirIdentity() {}

  /** An INS from an identifier: {@code urn:oid:<the INS kind's OID>} and the number. */
  public static Ins ins(String system, String value) {
    if (system == null || !system.startsWith("urn:oid:") || value == null) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "The INS is an identifier whose system is urn:oid:1.2.250.1.213.1.4.8 (NIR) or"
              + " urn:oid:1.2.250.1.213.1.4.9 (NIA)");
    }
    return Ins.of(value.strip(), system.substring("urn:oid:".length()));
  }

  public static Ins ins(TokenParam token) {
    return ins(token.getSystem(), token.getValue());
  }

  public static Ins ins(Identifier identifier) {
    return ins(identifier.getSystem(), identifier.getValue());
  }

  /** The traits of a Patient resource; incomplete ones are refused as the API refuses them. */
  public static Traits traits(Patient patient) {
    HumanName name =
        patient.getName().stream()
            .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
            .findFirst()
            .orElse(patient.getNameFirstRep());
    String firstNames =
        name.getGiven().isEmpty()
            ? null
            : String.join(" ", name.getGiven().stream().map(g -> g.getValue()).toList());
    Sex sex =
        switch (patient.getGender() == null ? AdministrativeGender.NULL : patient.getGender()) {
          case FEMALE -> Sex.F;
          case MALE -> Sex.M;
          default -> null;
        };
    return new Traits(name.getFamily(), firstNames, birthDate(patient), sex, birthPlace(patient));
  }

  /** The birth date as written: a whole date, never shifted by a time zone. */
  private static LocalDate birthDate(Patient patient) {
    String text = patient.getBirthDateElement().getValueAsString();
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new CarnetException(ErrorCode.TRAITS_INVALID, "birthDate is a whole date, YYYY-MM-DD");
    }
  }

  private static String birthPlace(Patient patient) {
    var extension = patient.getExtensionByUrl(BIRTH_PLACE);
    if (extension == null || !(extension.getValue() instanceof Address address)) {
      return null;
    }
    var insee = address.getExtensionByUrl(INSEE_CODE);
    if (insee != null && insee.getValue() instanceof Coding coding) {
      return coding.getCode();
    }
    return null;
  }

  /** A record's person as a Patient: its id is the record's opaque id. */
  public static Patient patient(UUID recordId, Ins ins, Traits traits) {
    Patient patient = new Patient();
    patient.setId(recordId.toString());
    if (ins != null) {
      patient
          .addIdentifier()
          .setUse(Identifier.IdentifierUse.OFFICIAL)
          .setSystem("urn:oid:" + ins.kind().oid())
          .setValue(ins.number());
    }
    patient
        .addName()
        .setUse(HumanName.NameUse.OFFICIAL)
        .setFamily(traits.birthName())
        .addGiven(traits.firstNames());
    patient.setGender(
        traits.sex() == Sex.F ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
    patient.setBirthDateElement(new DateType(traits.birthDate().toString()));
    Address place = new Address();
    place.addExtension(INSEE_CODE, new Coding(INSEE_SYSTEM, traits.birthPlace(), null));
    patient.addExtension(BIRTH_PLACE, place);
    return patient;
  }
}
