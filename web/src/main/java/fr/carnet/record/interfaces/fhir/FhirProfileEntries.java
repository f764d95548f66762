package fr.carnet.record.interfaces.fhir;

import static fr.carnet.record.interfaces.fhir.FhirSummary.LOINC;
import static fr.carnet.record.interfaces.fhir.FhirSummary.concept;
import static fr.carnet.record.interfaces.fhir.FhirSummary.present;
import static fr.carnet.record.interfaces.fhir.FhirSummary.text;

import fr.carnet.record.model.ProfileEntry;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The medical profile's entries as the IPS resources of their kinds: an allergy as an
 * AllergyIntolerance, a history as a Condition, a treatment as a MedicationStatement, a vaccination
 * as an Immunization, a blood group, weight or height as an Observation.
 */
final class FhirProfileEntries {

  private static final String OBSERVATION_CATEGORY =
      "http://terminology.hl7.org/CodeSystem/observation-category";
  private static final String UCUM = "http://unitsofmeasure.org";
  private static final Pattern MEASURE =
      Pattern.compile(
          "\\s*(\\d{1,4}(?:[.,]\\d{1,3})?)\\s*(kg|g|cm|m)?\\s*", Pattern.CASE_INSENSITIVE);

  private FhirProfileEntries() {}

  /** The entry as the resource its kind is, or null for a kind said in words only. */
  static DomainResource resource(ProfileEntry entry, String patient) {
    Reference subject = new Reference(patient);
    Date recorded = Date.from(entry.recordedAt());
    return switch (entry.category()) {
      case "ALLERGY" -> {
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setClinicalStatus(
            concept(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                "active",
                "Active"));
        allergy.setCode(text(entry.label())).setPatient(subject).setRecordedDate(recorded);
        note(allergy.getNote(), entry);
        yield allergy;
      }
      case "HISTORY" -> {
        Condition condition = new Condition();
        condition.setCode(text(entry.label())).setSubject(subject).setRecordedDate(recorded);
        note(condition.getNote(), entry);
        yield condition;
      }
      case "TREATMENT" -> {
        // Carnet does not know whether the treatment is still taken: its status is unknown.
        MedicationStatement medication = new MedicationStatement();
        medication
            .setStatus(MedicationStatement.MedicationStatementStatus.UNKNOWN)
            .setMedication(text(entry.label()))
            .setSubject(subject)
            .setDateAsserted(recorded);
        if (present(entry.value())) {
          medication.addDosage().setText(entry.value());
        }
        yield medication;
      }
      case "VACCINATION" -> {
        Immunization immunization = new Immunization();
        immunization
            .setStatus(Immunization.ImmunizationStatus.COMPLETED)
            .setVaccineCode(text(entry.label()))
            .setPatient(subject)
            .setRecorded(recorded)
            .setPrimarySource(entry.source() != ProfileEntry.Source.PATIENT);
        // When it was given, as written; else the best date known, when it was recorded.
        immunization.setOccurrence(
            present(entry.value()) ? new StringType(entry.value()) : new DateTimeType(recorded));
        yield immunization;
      }
      case "BLOOD_GROUP" ->
          observation(
              entry,
              subject,
              "laboratory",
              concept(LOINC, "882-1", "ABO and Rh group [Type] in Blood"),
              null);
      case "WEIGHT" ->
          observation(
              entry, subject, "vital-signs", concept(LOINC, "29463-7", "Body weight"), "kg");
      case "HEIGHT" ->
          observation(entry, subject, "vital-signs", concept(LOINC, "8302-2", "Body height"), "cm");
      default -> null;
    };
  }

  /**
   * An observation: a measure as a UCUM quantity when the value reads as one (in {@code unit} by
   * default), the value as written otherwise (for a measure, then as a note, the value absent).
   */
  private static Observation observation(
      ProfileEntry entry, Reference subject, String category, CodeableConcept code, String unit) {
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.addCategory(concept(OBSERVATION_CATEGORY, category, null));
    observation.setCode(code).setSubject(subject);
    observation.setEffective(new DateTimeType(Date.from(entry.recordedAt())));
    observation.setIssued(Date.from(entry.recordedAt()));
    String value = present(entry.value()) ? entry.value() : entry.label();
    if (unit == null) {
      observation.setValue(new StringType(value));
      return observation;
    }
    Matcher measure = MEASURE.matcher(value == null ? "" : value);
    if (measure.matches()) {
      BigDecimal number = new BigDecimal(measure.group(1).replace(',', '.'));
      String given = measure.group(2) == null ? unit : measure.group(2).toLowerCase();
      if ("m".equals(given)) {
        number = number.movePointRight(2);
        given = "cm";
      }
      observation.setValue(
          new Quantity().setValue(number).setUnit(given).setSystem(UCUM).setCode(given));
    } else {
      observation.setDataAbsentReason(
          concept(
              "http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", "Unknown"));
      observation.addNote(new Annotation().setText(value));
    }
    return observation;
  }

  private static void note(List<Annotation> notes, ProfileEntry entry) {
    if (present(entry.value())) {
      notes.add(new Annotation().setText(entry.value()));
    }
  }
}
