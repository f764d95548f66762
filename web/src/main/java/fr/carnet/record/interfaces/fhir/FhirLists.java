package fr.carnet.record.interfaces.fhir;

import fr.carnet.record.application.SubmissionSetService;
import fr.carnet.record.model.SubmissionSet;
import fr.carnet.reference.model.DocumentType;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Reference;

/** SubmissionSets as IHE MHD's {@code List}, both ways. */
public final class FhirLists {

  /** MHD's list types: {@code submissionset}, {@code folder}. */
  public static final String LIST_TYPES =
      "https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes";

  public static final String SUBMISSION_SET = "submissionset";

  /** MHD's extension naming the submitting system (XDS sourceId). */
  public static final String SOURCE_ID =
      "https://profiles.ihe.net/ITI/MHD/StructureDefinition/ihe-sourceId";

  /** MHD's extension for the kind of submission (XDS contentTypeCode). */
  public static final String DESIGNATION_TYPE =
      "https://profiles.ihe.net/ITI/MHD/StructureDefinition/ihe-designationType";

  private static final String URI_SYSTEM = "urn:ietf:rfc:3986";

  private FhirLists() {}

  /**
   * What a submitted List says of its set: its unique id (the {@code usual} identifier, else the
   * first one that is not the {@code official} entryUUID), sourceId, designationType and title.
   */
  public static SubmissionSetService.Described described(ListResource list) {
    String uniqueId =
        list.getIdentifier().stream()
            .filter(i -> i.getUse() == Identifier.IdentifierUse.USUAL)
            .findFirst()
            .or(
                () ->
                    list.getIdentifier().stream()
                        .filter(i -> i.getUse() != Identifier.IdentifierUse.OFFICIAL)
                        .findFirst())
            .map(Identifier::getValue)
            .orElse(null);
    var source = list.getExtensionByUrl(SOURCE_ID);
    String sourceId =
        source != null && source.getValue() instanceof Identifier identifier
            ? identifier.getValue()
            : null;
    var designation = list.getExtensionByUrl(DESIGNATION_TYPE);
    DocumentType designationType = null;
    if (designation != null && designation.getValue() instanceof CodeableConcept concept) {
      Coding coding = concept.getCodingFirstRep();
      if (coding.hasSystem() && coding.hasCode()) {
        designationType = new DocumentType(coding.getSystem(), coding.getCode());
      }
    }
    return new SubmissionSetService.Described(
        uniqueId, sourceId, designationType, list.hasTitle() ? list.getTitle() : null);
  }

  /** A set as the caller may see it: its entries are the documents they may see. */
  public static ListResource list(SubmissionSet set) {
    ListResource list = new ListResource();
    list.setId(set.id().toString());
    list.getMeta().setLastUpdated(Date.from(set.updatedAt()));
    list.addIdentifier(uri(Identifier.IdentifierUse.USUAL, set.uniqueId()));
    list.addIdentifier(uri(Identifier.IdentifierUse.OFFICIAL, "urn:uuid:" + set.id()));
    if (set.sourceId() != null) {
      list.addExtension(SOURCE_ID, uri(null, set.sourceId()));
    }
    if (set.designationType() != null) {
      list.addExtension(
          DESIGNATION_TYPE,
          new CodeableConcept()
              .addCoding(
                  new Coding(set.designationType().system(), set.designationType().code(), null)));
    }
    list.setStatus(ListResource.ListStatus.CURRENT);
    list.setMode(ListResource.ListMode.WORKING);
    list.setCode(new CodeableConcept().addCoding(new Coding(LIST_TYPES, SUBMISSION_SET, null)));
    list.setSubject(new Reference("Patient/" + set.recordId()));
    list.setDate(Date.from(set.submittedAt()));
    if (set.title() != null) {
      list.setTitle(set.title());
    }
    if (set.submitterRpps() != null) {
      list.setSource(
          new Reference()
              .setIdentifier(
                  new Identifier().setSystem(FhirDocuments.RPPS).setValue(set.submitterRpps())));
    }
    for (UUID document : set.entries()) {
      list.addEntry().setItem(new Reference("DocumentReference/" + document));
    }
    return list;
  }

  private static Identifier uri(Identifier.IdentifierUse use, String value) {
    Identifier identifier = new Identifier().setUse(use).setValue(value);
    if (value.startsWith("urn:")) {
      identifier.setSystem(URI_SYSTEM);
    }
    return identifier;
  }
}
