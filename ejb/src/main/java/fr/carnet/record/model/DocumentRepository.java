package fr.carnet.record.model;

import fr.carnet.access.Visibility;
import fr.carnet.shared.ClinicalRead;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where document metadata is kept. */
public interface DocumentRepository {

  @ClinicalRead
  Optional<Document> find(UUID recordId, UUID documentId);

  @ClinicalRead
  Optional<Document> findBySource(String source, String uniqueId);

  /**
   * A page of a record's documents, newest first, restricted in the same query to what the policy
   * made visible: classes, masks, flags, the author's own documents.
   */
  @ClinicalRead
  List<DocumentListing> search(UUID recordId, DocumentQuery query, Visibility visibility);

  /** The documents the patient masked, newest first. */
  @ClinicalRead
  List<Document> masked(UUID recordId);

  void store(Document document);
}
