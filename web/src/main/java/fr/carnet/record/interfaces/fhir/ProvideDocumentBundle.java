package fr.carnet.record.interfaces.fhir;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.application.Published;
import fr.carnet.record.application.SubmissionSetService;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * IHE MHD Provide Document Bundle (ITI-65): a transaction Bundle of a {@code List} SubmissionSet,
 * DocumentReferences and their Binary contents, filed all or nothing by {@link
 * SubmissionSetService#provide}, which decides and traces each document as {@code /api/v1} does and
 * keeps the set in the same transaction. The response names every entry where it can be read:
 * {@code List/{set}}, {@code DocumentReference/{document}}, and {@code Binary/{document}} (a
 * document's content is its Binary), 201 when this submission made it, 200 when it repeated one.
 */
public class ProvideDocumentBundle {

  private final SubmissionSetService sets;
  private final Supplier<Actor> actor;

  public ProvideDocumentBundle(SubmissionSetService sets, Supplier<Actor> actor) {
    this.sets = sets;
    this.actor = actor;
  }

  @Transaction
  public Bundle provide(@TransactionParam Bundle submission) {
    if (submission.getType() != Bundle.BundleType.TRANSACTION) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "The Bundle is a transaction");
    }
    Map<String, Resource> byFullUrl = new HashMap<>();
    List<ListResource> lists = new ArrayList<>();
    for (Bundle.BundleEntryComponent entry : submission.getEntry()) {
      if (entry.hasFullUrl() && entry.hasResource()) {
        byFullUrl.put(entry.getFullUrl(), entry.getResource());
      }
      if (entry.getResource() instanceof ListResource list) {
        lists.add(list);
      } else if (!(entry.getResource() instanceof DocumentReference)
          && !(entry.getResource() instanceof Binary)) {
        throw new CarnetException(
            ErrorCode.VALIDATION_FAILED,
            "A Provide Document Bundle carries a List, DocumentReferences and Binaries only");
      }
    }
    if (lists.size() != 1) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "The Bundle carries one List SubmissionSet");
    }
    List<DocumentService.Submitted> submitted = new ArrayList<>();
    // Which document each Binary is the content of: its location is that document's.
    Map<String, Integer> binaryOf = new HashMap<>();
    for (Bundle.BundleEntryComponent entry : submission.getEntry()) {
      if (entry.getResource() instanceof DocumentReference reference) {
        String url = reference.getContentFirstRep().getAttachment().getUrl();
        if (url != null && byFullUrl.get(url) instanceof Binary) {
          binaryOf.putIfAbsent(url, submitted.size());
        }
        submitted.add(
            new DocumentService.Submitted(
                FhirDocuments.command(reference, byFullUrl), replaced(reference)));
      }
    }
    for (Bundle.BundleEntryComponent entry : submission.getEntry()) {
      if (entry.getResource() instanceof Binary && !binaryOf.containsKey(entry.getFullUrl())) {
        throw new CarnetException(
            ErrorCode.VALIDATION_FAILED,
            "Every Binary is the content of a DocumentReference of the bundle (attachment.url)");
      }
    }
    SubmissionSetService.Provided provided =
        sets.provide(actor.get(), FhirLists.described(lists.get(0)), submitted);
    Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
    int nextDocument = 0;
    for (Bundle.BundleEntryComponent entry : submission.getEntry()) {
      Bundle.BundleEntryResponseComponent answer = response.addEntry().getResponse();
      if (entry.getResource() instanceof ListResource) {
        answer
            .setStatus(status(provided.created()))
            .setLocation("List/" + provided.set().id())
            .setLastModified(java.util.Date.from(provided.set().updatedAt()));
      } else if (entry.getResource() instanceof DocumentReference) {
        Published published = provided.documents().get(nextDocument++);
        answer
            .setStatus(status(published.created()))
            .setLocation("DocumentReference/" + published.document().id());
      } else {
        Published published = provided.documents().get(binaryOf.get(entry.getFullUrl()));
        answer
            .setStatus(status(published.created()))
            .setLocation("Binary/" + published.document().id());
      }
    }
    return response;
  }

  private static String status(boolean created) {
    return created ? "201 Created" : "200 OK";
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
