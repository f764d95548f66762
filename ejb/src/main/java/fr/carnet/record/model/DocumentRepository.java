package fr.carnet.record.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where document metadata is kept. */
public interface DocumentRepository {

  Optional<Document> find(UUID recordId, UUID documentId);

  Optional<Document> findBySource(String source, String uniqueId);

  /**
   * A page of a record's documents, newest first, restricted to what the caller may see: only those
   * of one author ({@code onlyAuthorRpps}), or without the ones withheld from the patient.
   */
  List<Document> search(
      UUID recordId, DocumentQuery query, String onlyAuthorRpps, boolean hideWithheld);

  void store(Document document);
}
