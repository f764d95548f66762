package fr.carnet.record.interfaces.fhir;

import static fr.carnet.record.interfaces.fhir.FhirSummary.FINESS;
import static fr.carnet.record.interfaces.fhir.FhirSummary.SOURCE_SYSTEM;
import static fr.carnet.record.interfaces.fhir.FhirSummary.bytes;
import static fr.carnet.record.interfaces.fhir.FhirSummary.concept;

import fr.carnet.record.model.Author;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.ProfileEntry;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/**
 * The provenance of a summary's entry, as an R4 Provenance: who entered it, when, how far its
 * source is to be trusted, and for a document the document itself (see {@link FhirSummary}).
 */
final class FhirProvenance {

  private static final String PARTICIPANT_TYPE =
      "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

  private FhirProvenance() {}

  /** Who entered a profile entry, when, and how far its source is to be trusted. */
  static Provenance of(ProfileEntry entry, String target, String patient) {
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
  static Provenance of(DocumentListing document, String target, String patient) {
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
}
