package fr.carnet.record.interfaces.fhir;

import fr.carnet.record.application.PatientSummary;
import fr.carnet.record.application.SummarySection;
import fr.carnet.record.model.Author;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.ProfileEntry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The patient summary as an International Patient Summary (IPS) shaped FHIR R4 {@code document}
 * Bundle: a Composition (LOINC 60591-5) whose sections, by LOINC code, reference the entries; the
 * Patient; Carnet as the Composition's author (an Organization); and one {@link Provenance} per
 * entry.
 *
 * <p>Provenance is a resource, not an extension: R4's Provenance says who entered an entry (agent:
 * the professional by RPPS and their organisation by FINESS, or the patient), when ({@code
 * recorded}), how trustworthy its source is ({@code agent.role}: Carnet's PATIENT, PROFESSIONAL or
 * CERTIFIED) and from which document ({@code entity}, for a result document: itself by its unique
 * id), and the stock validator checks it; {@code meta.source} holds one URI and no time.
 */
public final class FhirSummary {

  static final String LOINC = "http://loinc.org";
  static final String FINESS = "urn:oid:1.2.250.1.71.4.2.2";
  static final String SOURCE_SYSTEM = "urn:carnet:profile-source";
  static final String CARNET_ID = "urn:uuid:7e2c0f3a-2a9d-4b6f-9a61-0c9d8a0e5c11";
  private static final String PARTICIPANT_TYPE =
      "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
  private static final String OBSERVATION_CATEGORY =
      "http://terminology.hl7.org/CodeSystem/observation-category";
  private static final String UCUM = "http://unitsofmeasure.org";
  private static final Pattern MEASURE =
      Pattern.compile(
          "\\s*(\\d{1,4}(?:[.,]\\d{1,3})?)\\s*(kg|g|cm|m)?\\s*", Pattern.CASE_INSENSITIVE);

  private FhirSummary() {}

  /**
   * The document. {@code apiBase} is where result documents' contents are streamed (through the
   * policy, traced).
   */
  public static Bundle document(PatientSummary summary, String apiBase) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT);
    bundle.setId(summary.id().toString());
    bundle.setIdentifier(
        new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + summary.id()));
    bundle.setTimestamp(Date.from(summary.generatedAt()));
    // The Patient's id is the record's, as GET /fhir/Patient/{id} reads it; in the bundle it is
    // urn:uuid:{id}, as every entry is: a relative reference from a urn:uuid entry resolves to
    // nothing, and HAPI's server writes references to its own base as relative ones.
    String patient = "urn:uuid:" + summary.recordId();

    Composition composition = new Composition();
    UUID compositionId = UUID.nameUUIDFromBytes(bytes("composition:" + summary.id()));
    composition.setId(compositionId.toString());
    composition.setIdentifier(
        new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + compositionId));
    composition.setStatus(Composition.CompositionStatus.FINAL);
    composition.setType(concept(LOINC, "60591-5", "Patient summary Document"));
    composition.setSubject(new Reference(patient));
    composition.setDate(Date.from(summary.generatedAt()));
    composition.addAuthor(new Reference(CARNET_ID));
    composition.setTitle("Patient summary");
    composition.getText().setStatus(Narrative.NarrativeStatus.GENERATED);
    composition
        .getText()
        .setDivAsString(div("<p>Patient summary, " + summary.generatedAt() + "</p>"));
    bundle.addEntry().setFullUrl("urn:uuid:" + compositionId).setResource(composition);
    bundle
        .addEntry()
        .setFullUrl(patient)
        .setResource(FhirIdentity.patient(summary.recordId(), summary.ins(), summary.traits()));
    Organization carnet = new Organization().setName("Carnet");
    carnet.setId(CARNET_ID.substring("urn:uuid:".length()));
    carnet.addIdentifier().setSystem("urn:ietf:rfc:3986").setValue(CARNET_ID);
    bundle.addEntry().setFullUrl(CARNET_ID).setResource(carnet);

    List<Provenance> provenances = new ArrayList<>();
    for (SummarySection section : SummarySection.ALL) {
      if (summary.isEmpty(section) && !section.required()) {
        continue;
      }
      Composition.SectionComponent part = composition.addSection();
      part.setTitle(section.title()).setCode(concept(LOINC, section.loinc(), section.title()));
      StringBuilder narrative = new StringBuilder();
      for (ProfileEntry entry : summary.entriesOf(section)) {
        narrative.append("<li>").append(words(entry)).append("</li>");
        DomainResource resource = resource(entry, patient);
        if (resource == null) {
          continue; // said in the narrative only (advance directives): see the README
        }
        resource.setId(entry.id().toString());
        String url = "urn:uuid:" + entry.id();
        part.addEntry(new Reference(url));
        bundle.addEntry().setFullUrl(url).setResource(resource);
        provenances.add(provenance(entry, url, patient));
      }
      for (DocumentListing listing : summary.documentsOf(section)) {
        narrative
            .append("<li>")
            .append(escape(listing.title()))
            .append(" (")
            .append(listing.authoredAt())
            .append(")</li>");
        var reference = FhirDocuments.reference(listing, apiBase);
        reference.setSubject(new Reference(patient));
        if (listing.author().kind() == Author.Kind.PATIENT) {
          reference.getAuthor().clear();
          reference.addAuthor(new Reference(patient));
        }
        String url = "urn:uuid:" + listing.id();
        part.addEntry(new Reference(url));
        bundle.addEntry().setFullUrl(url).setResource(reference);
        provenances.add(provenance(listing, url, patient));
      }
      part.getText().setStatus(Narrative.NarrativeStatus.GENERATED);
      if (narrative.isEmpty()) {
        // Nothing the caller may see: not "none known", and not "withheld", which would tell that
        // something is hidden from them.
        part.setEmptyReason(
            concept(
                "http://terminology.hl7.org/CodeSystem/list-empty-reason",
                "unavailable",
                "Unavailable"));
        part.getText().setDivAsString(div("<p>No information available</p>"));
      } else {
        part.getText().setDivAsString(div("<ul>" + narrative + "</ul>"));
      }
    }
    for (Provenance provenance : provenances) {
      bundle.addEntry().setFullUrl("urn:uuid:" + provenance.getId()).setResource(provenance);
    }
    return bundle;
  }

  /** The entry as the resource its kind is, or null for a kind said in words only. */
  private static DomainResource resource(ProfileEntry entry, String patient) {
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

  /** Who entered a profile entry, when, and how far its source is to be trusted. */
  private static Provenance provenance(ProfileEntry entry, String target, String patient) {
    Provenance provenance = provenance(target, entry.recordedAt());
    Provenance.ProvenanceAgentComponent agent = provenance.addAgent();
    agent.addRole(concept(SOURCE_SYSTEM, entry.source().name(), null));
    if (entry.source() == ProfileEntry.Source.PATIENT) {
      agent.setType(concept(PARTICIPANT_TYPE, "informant", "Informant"));
      agent.setWho(new Reference(patient));
    } else {
      agent.setType(concept(PARTICIPANT_TYPE, "enterer", "Enterer"));
      who(agent, entry.authorRpps(), entry.authorFiness());
    }
    return provenance;
  }

  /** Who wrote a document, when it was filed, and the document itself by its unique id. */
  private static Provenance provenance(DocumentListing document, String target, String patient) {
    Provenance provenance = provenance(target, document.submittedAt());
    provenance.setOccurred(new DateTimeType(Date.from(document.authoredAt())));
    Provenance.ProvenanceAgentComponent agent = provenance.addAgent();
    agent.setType(concept(PARTICIPANT_TYPE, "author", "Author"));
    Author author = document.author();
    if (author.kind() == Author.Kind.PATIENT) {
      agent.setWho(new Reference(patient));
    } else {
      who(agent, author.rpps(), author.finess());
    }
    provenance
        .addEntity()
        .setRole(Provenance.ProvenanceEntityRole.SOURCE)
        .setWhat(
            new Reference()
                .setType("DocumentReference")
                .setIdentifier(new Identifier().setValue(document.uniqueId())));
    return provenance;
  }

  private static Provenance provenance(String target, Instant recorded) {
    Provenance provenance = new Provenance();
    provenance.setId(UUID.nameUUIDFromBytes(bytes("provenance:" + target)).toString());
    provenance.addTarget(new Reference(target));
    provenance.setRecordedElement(new InstantType(Date.from(recorded)));
    return provenance;
  }

  private static void who(Provenance.ProvenanceAgentComponent agent, String rpps, String finess) {
    agent.setWho(
        new Reference()
            .setType("Practitioner")
            .setIdentifier(new Identifier().setSystem(FhirDocuments.RPPS).setValue(rpps)));
    if (finess != null) {
      agent.setOnBehalfOf(
          new Reference()
              .setType("Organization")
              .setIdentifier(new Identifier().setSystem(FINESS).setValue(finess)));
    }
  }

  private static void note(List<Annotation> notes, ProfileEntry entry) {
    if (present(entry.value())) {
      notes.add(new Annotation().setText(entry.value()));
    }
  }

  /** An entry in words, for the section's narrative, with where it came from. */
  private static String words(ProfileEntry entry) {
    String source =
        switch (entry.source()) {
          case PATIENT -> "self-declared";
          case PROFESSIONAL -> "RPPS " + entry.authorRpps();
          case CERTIFIED -> "certified, FINESS " + entry.authorFiness();
        };
    return escape(entry.label())
        + (present(entry.value()) ? ": " + escape(entry.value()) : "")
        + " ("
        + escape(source)
        + ", "
        + entry.recordedAt()
        + ")";
  }

  private static boolean present(String text) {
    return text != null && !text.isBlank();
  }

  private static CodeableConcept text(String text) {
    return new CodeableConcept().setText(text);
  }

  private static CodeableConcept concept(String system, String code, String display) {
    return new CodeableConcept().addCoding(new Coding(system, code, display));
  }

  private static String div(String xhtml) {
    return "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + xhtml + "</div>";
  }

  /** What a person typed, as text in the narrative: never markup. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t') {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
