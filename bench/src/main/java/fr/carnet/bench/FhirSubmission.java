package fr.carnet.bench;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpRequest;
import java.util.Date;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * An IHE MHD Provide Document Bundle (ITI-65) of one lab report, as the benchmark pushes it: built
 * once with HAPI's R4 model and encoded by its parser, then sent with a new unique id and patient
 * each time (the placeholders below), so that building it costs the load generator nothing.
 */
final class FhirSubmission {

  private static final String UNIQUE_ID = "urn:uuid:00000000-0000-0000-0000-00000000beef";
  private static final String NIR = "NIR-PLACEHOLDER";

  private FhirSubmission() {}

  static String template(byte[] pdf) {
    Patient patient = new Patient();
    patient.setId("patient");
    patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily("DUPONT").addGiven("MARIE");
    patient.setBirthDateElement(new DateType("1985-05-12"));
    patient.setGender(Enumerations.AdministrativeGender.FEMALE);
    Address place = new Address();
    place.addExtension(
        "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code",
        new Coding(
            "https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM",
            "75056",
            null));
    patient.addExtension("http://hl7.org/fhir/StructureDefinition/patient-birthPlace", place);

    DocumentReference reference = new DocumentReference();
    reference.setMasterIdentifier(
        new Identifier().setSystem("urn:ietf:rfc:3986").setValue(UNIQUE_ID));
    reference.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
    reference.setType(
        new CodeableConcept().addCoding(new Coding("http://loinc.org", "11502-2", null)));
    reference.setSubject(
        new Reference()
            .setIdentifier(
                new Identifier().setSystem("urn:oid:1.2.250.1.213.1.4.8").setValue(NIR)));
    reference.addContained(patient);
    reference.getContext().setSourcePatientInfo(new Reference("#patient"));
    reference.setDescription("Compte rendu");
    reference
        .addContent()
        .getAttachment()
        .setContentType("application/pdf")
        .setUrl("urn:uuid:00000000-0000-0000-0000-0000000000b1")
        .setCreation(Date.from(java.time.Instant.parse("2026-11-20T09:30:00Z")));

    ListResource set = new ListResource();
    set.setStatus(ListResource.ListStatus.CURRENT).setMode(ListResource.ListMode.WORKING);
    set.addEntry().setItem(new Reference("urn:uuid:00000000-0000-0000-0000-0000000000d1"));
    Binary binary = new Binary().setContentType("application/pdf");
    binary.setData(pdf);

    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    bundle
        .addEntry()
        .setFullUrl("urn:uuid:00000000-0000-0000-0000-0000000000a1")
        .setResource(set)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("List");
    bundle
        .addEntry()
        .setFullUrl("urn:uuid:00000000-0000-0000-0000-0000000000d1")
        .setResource(reference)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("DocumentReference");
    bundle
        .addEntry()
        .setFullUrl("urn:uuid:00000000-0000-0000-0000-0000000000b1")
        .setResource(binary)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Binary");
    return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
  }

  /** The submission with the placeholders of {@link LoadSpec}: a unique id and a NIR per push. */
  static String loadTemplate(byte[] pdf) {
    return template(pdf)
        .replace(UNIQUE_ID, "urn:carnet:bench:" + LoadSpec.ID)
        .replace(NIR, LoadSpec.NIR);
  }

  static HttpRequest post(String fhir, String token, String template, String uniqueId, String nir) {
    String body = template.replace(UNIQUE_ID, "urn:carnet:bench:" + uniqueId).replace(NIR, nir);
    return Load.to(fhir, token)
        .header("Content-Type", "application/fhir+json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
