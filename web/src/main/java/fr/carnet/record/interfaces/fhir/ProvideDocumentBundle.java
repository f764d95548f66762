package fr.carnet.record.interfaces.fhir;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.application.Published;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * IHE MHD Provide Document Bundle (ITI-65): a transaction Bundle of a {@code List} SubmissionSet,
 * DocumentReferences and their Binary contents, filed all or nothing by {@link
 * DocumentService#publishAll}, which decides and traces each document as {@code /api/v1} does.
 */
public class ProvideDocumentBundle {

  private final DocumentService documents;
  private final Supplier<Actor> actor;

  public ProvideDocumentBundle(DocumentService documents, Supplier<Actor> actor) {
    this.documents = documents;
    this.actor = actor;
  }

  @Transaction
  public Bundle provide(@TransactionParam Bundle submission) {
    if (submission.getType() != Bundle.BundleType.TRANSACTION) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "The Bundle is a transaction");
    }
    Map<String, Resource> byFullUrl = new HashMap<>();
    for (Bundle.BundleEntryComponent entry : submission.getEntry()) {
      if (entry.hasFullUrl() && entry.hasResource()) {
        byFullUrl.put(entry.getFullUrl(), entry.getResource());
      }
    }
    if (submission.getEntry().stream().noneMatch(e -> e.getResource() instanceof ListResource)) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "The Bundle carries a List SubmissionSet");
    }
    List<DocumentService.Submitted> submitted = new ArrayList<>();
    for (Bundle.BundleEntryComponent entry : submission.getEntry()) {
      if (entry.getResource() instanceof DocumentReference reference) {
        submitted.add(
            new DocumentService.Submitted(
                FhirDocuments.command(reference, byFullUrl), replaced(reference)));
      }
    }
    Iterator<Published> filed = documents.publishAll(actor.get(), submitted).iterator();
    Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
    for (Bundle.BundleEntryComponent entry : submission.getEntry()) {
      Bundle.BundleEntryResponseComponent answer = response.addEntry().getResponse();
      if (entry.getResource() instanceof DocumentReference) {
        Published published = filed.next();
        answer
            .setStatus(published.created() ? "201 Created" : "200 OK")
            .setLocation("DocumentReference/" + published.document().id());
      } else {
        // The SubmissionSet and the Binaries are taken in, not kept as resources of their own.
        answer.setStatus("200 OK");
      }
    }
    return response;
  }

  /** The document a new version replaces: {@code relatesTo} with code {@code replaces}. */
  private static UUID replaced(DocumentReference reference) {
    return reference.getRelatesTo().stream()
        .filter(r -> r.getCode() == DocumentReference.DocumentRelationshipType.REPLACES)
        .findFirst()
        .map(r -> ResourceIds.uuid(r.getTarget().getReferenceElement().getIdPart()))
        .orElse(null);
  }
}
