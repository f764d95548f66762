package fr.carnet.record.interfaces.fhir;

import fr.carnet.record.application.PatientSummary;
import fr.carnet.record.application.SummarySection;
import fr.carnet.record.model.Author;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.ProfileEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

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
        DomainResource resource = FhirProfileEntries.resource(entry, patient);
        if (resource == null) {
          continue; // said in the narrative only (advance directives): see the README
        }
        resource.setId(entry.id().toString());
        String url = "urn:uuid:" + entry.id();
        part.addEntry(new Reference(url));
        bundle.addEntry().setFullUrl(url).setResource(resource);
        provenances.add(FhirProvenance.of(entry, url, patient));
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
        provenances.add(FhirProvenance.of(listing, url, patient));
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

  static boolean present(String text) {
    return text != null && !text.isBlank();
  }

  static CodeableConcept text(String text) {
    return new CodeableConcept().setText(text);
  }

  static CodeableConcept concept(String system, String code, String display) {
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

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
