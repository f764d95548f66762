package fr.carnet.record.interfaces.fhir;

import fr.carnet.record.application.PublishCommand;
import fr.carnet.record.interfaces.rest.DocumentMapping;
import fr.carnet.record.model.Author;
import fr.carnet.record.model.DocumentContent;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.DocumentStatus;
import fr.carnet.record.model.ExternalReference;
import fr.carnet.reference.model.DocumentType;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Documents as IHE MHD's DocumentReference, both ways: a pushed DocumentReference (with its Binary)
 * becomes the same {@link PublishCommand} as a push to {@code /api/v1/documents}; a document's
 * metadata becomes a DocumentReference whose attachment URL streams the content through the API.
 */
public final class FhirDocuments {

  /** RPPS numbers of professionals (ANS). */
  public static final String RPPS = "urn:oid:1.2.250.1.71.4.2.1";

  private FhirDocuments() {}

  /**
   * The document a DocumentReference of a submission describes. {@code bundled} are the
   * submission's other resources by full URL, where the attachment's Binary is.
   */
  public static PublishCommand command(DocumentReference reference, Map<String, Resource> bundled) {
    String uniqueId = reference.getMasterIdentifier().getValue();
    if (!reference.hasSubject() || !reference.getSubject().hasIdentifier()) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "DocumentReference.subject names the patient by the INS: subject.identifier");
    }
    Patient patient = sourcePatient(reference);
    Coding type = reference.getType().getCodingFirstRep();
    if (!type.hasSystem() || !type.hasCode()) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "DocumentReference.type has a coding (system and code)");
    }
    Attachment attachment = reference.getContentFirstRep().getAttachment();
    String title = reference.hasDescription() ? reference.getDescription() : attachment.getTitle();
    DocumentMapping.checkSizes(uniqueId, title);
    Instant authoredAt =
        attachment.hasCreation()
            ? attachment.getCreation().toInstant()
            : reference.hasDate() ? reference.getDate().toInstant() : null;
    if (authoredAt == null) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "content.attachment.creation (or date) is required");
    }
    byte[] content = null;
    String contentType = attachment.getContentType();
    ExternalReference external = null;
    if (attachment.hasData()) {
      content = attachment.getData();
    } else if (attachment.hasUrl() && bundled.get(attachment.getUrl()) instanceof Binary binary) {
      content = binary.getData();
      contentType = contentType == null ? binary.getContentType() : contentType;
    } else if (attachment.hasUrl() && attachment.getUrl().startsWith("http")) {
      external = new ExternalReference(attachment.getUrl(), null);
    } else {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "content.attachment has data, or a url to a Binary of the bundle or to data held"
              + " elsewhere");
    }
    return new PublishCommand(
        uniqueId,
        FhirIdentity.ins(reference.getSubject().getIdentifier()),
        FhirIdentity.traits(patient),
        new DocumentType(type.getSystem(), type.getCode()),
        title,
        authoredAt,
        contentType,
        content == null ? null : DocumentContent.of(content),
        external,
        false,
        false);
  }

  /** The patient's traits: the contained Patient that {@code context.sourcePatientInfo} names. */
  private static Patient sourcePatient(DocumentReference reference) {
    String local = reference.getContext().getSourcePatientInfo().getReference();
    if (local == null || !local.startsWith("#")) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "context.sourcePatientInfo points to a contained Patient with the INS traits");
    }
    return reference.getContained().stream()
        .filter(resource -> resource instanceof Patient)
        .filter(resource -> local.substring(1).equals(resource.getIdElement().getIdPart()))
        .map(Patient.class::cast)
        .findFirst()
        .orElseThrow(
            () ->
                new CarnetException(ErrorCode.VALIDATION_FAILED, "No contained Patient " + local));
  }

  /**
   * A document as a DocumentReference. {@code contentBase} is the API's base URL, where the
   * attachment's content is streamed (through the policy, traced).
   */
  public static DocumentReference reference(DocumentListing document, String contentBase) {
    DocumentReference reference = new DocumentReference();
    reference.setId(document.id().toString());
    reference.getMeta().setLastUpdated(Date.from(document.lastUpdated()));
    reference.setMasterIdentifier(new Identifier().setValue(document.uniqueId()));
    reference.setStatus(status(document.status()));
    reference.setType(
        new CodeableConcept()
            .addCoding(new Coding(document.type().system(), document.type().code(), null)));
    reference.addCategory(
        new CodeableConcept()
            .addCoding(new Coding(DocumentType.CARNET_CLASS_SYSTEM, document.classCode(), null)));
    reference.setSubject(new Reference("Patient/" + document.recordId()));
    // The time the document was written: what the date search parameter filters.
    reference.setDate(Date.from(document.authoredAt()));
    Author author = document.author();
    if (author.kind() == Author.Kind.PROFESSIONAL) {
      reference.addAuthor(
          new Reference().setIdentifier(new Identifier().setSystem(RPPS).setValue(author.rpps())));
    } else {
      reference.addAuthor(new Reference("Patient/" + document.recordId()));
    }
    reference.setDescription(document.title());
    Attachment attachment = reference.addContent().getAttachment();
    attachment.setTitle(document.title()).setCreation(Date.from(document.authoredAt()));
    if (document.reference() != null) {
      attachment.setUrl(document.reference().url());
    } else {
      attachment
          .setContentType(document.contentType())
          .setUrl(
              contentBase
                  + "/v1/records/"
                  + document.recordId()
                  + "/documents/"
                  + document.id()
                  + "/content");
      if (document.size() != null) {
        attachment.setSize(Math.toIntExact(document.size()));
      }
    }
    return reference;
  }

  private static DocumentReferenceStatus status(DocumentStatus status) {
    return switch (status) {
      case CURRENT -> DocumentReferenceStatus.CURRENT;
      case SUPERSEDED -> DocumentReferenceStatus.SUPERSEDED;
      case WITHDRAWN -> DocumentReferenceStatus.ENTEREDINERROR;
    };
  }

  /** The status search parameter's value as Carnet's status (withdrawn ones are never listed). */
  public static DocumentStatus status(String code) {
    return switch (code == null ? "" : code) {
      case "current" -> DocumentStatus.CURRENT;
      case "superseded" -> DocumentStatus.SUPERSEDED;
      default ->
          throw new CarnetException(ErrorCode.VALIDATION_FAILED, "status is current or superseded");
    };
  }
}
