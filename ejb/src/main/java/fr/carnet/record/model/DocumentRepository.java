package fr.carnet.record.model;

import fr.carnet.access.Visibility;
import fr.carnet.audit.model.TraceEntry;
import fr.carnet.notification.model.NotificationToQueue;
import fr.carnet.shared.ClinicalRead;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where document metadata is kept. */
public interface DocumentRepository {

  @ClinicalRead
  Optional<Document> find(UUID recordId, UUID documentId);

  @ClinicalRead
  Optional<Document> findBySource(String source, String uniqueId);

  /** One document as a listing, for a read (nothing to change, so no managed entity). */
  @ClinicalRead
  Optional<DocumentListing> listing(UUID recordId, UUID documentId);

  /** One document by its id alone (FHIR reads name no record), as a listing. */
  @ClinicalRead
  Optional<DocumentListing> listing(UUID documentId);

  /**
   * A page of a record's documents, newest first, restricted in the same query to what the policy
   * made visible: classes, masks, flags, the author's own documents.
   */
  @ClinicalRead
  List<DocumentListing> search(UUID recordId, DocumentQuery query, Visibility visibility);

  /**
   * The same page, and in the same statement (one round trip) the search's trace, whose detail is
   * the ids found in the page's order.
   */
  @ClinicalRead
  List<DocumentListing> search(
      UUID recordId, DocumentQuery query, Visibility visibility, TraceEntry traceOfFound);

  /** The documents the patient masked, newest first. */
  @ClinicalRead
  List<Document> masked(UUID recordId);

  /**
   * Files a new document, its content read from {@code content} (null for an external reference),
   * with what the filing carries, all in the caller's transaction and, for a content of up to one
   * chunk, in one statement: its trace, and the patient's notification unless null. False when the
   * source used the document's unique id already: then nothing at all was written.
   */
  boolean file(
      Document document, InputStream content, TraceEntry trace, NotificationToQueue notification)
      throws IOException;
}
