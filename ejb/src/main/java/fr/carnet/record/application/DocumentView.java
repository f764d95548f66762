package fr.carnet.record.application;

import fr.carnet.record.model.Author;
import fr.carnet.record.model.Document;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.DocumentStatus;
import fr.carnet.record.model.ExternalReference;
import fr.carnet.reference.model.DocumentType;
import java.time.Instant;
import java.util.UUID;

/** A document's metadata as callers see it. */
public record DocumentView(
    UUID id,
    UUID recordId,
    String uniqueId,
    String classCode,
    DocumentType type,
    String title,
    Instant authoredAt,
    Instant submittedAt,
    Author author,
    String contentType,
    Long size,
    String hash,
    ExternalReference reference,
    DocumentStatus status,
    int version,
    boolean withheldFromPatient,
    boolean hiddenFromRepresentatives) {

  static DocumentView of(DocumentListing d) {
    return new DocumentView(
        d.id(),
        d.recordId(),
        d.uniqueId(),
        d.classCode(),
        d.type(),
        d.title(),
        d.authoredAt(),
        d.submittedAt(),
        d.author(),
        d.contentType(),
        d.size(),
        d.hash(),
        d.reference(),
        d.status(),
        d.version(),
        d.withheldFromPatient(),
        d.hiddenFromRepresentatives());
  }

  static DocumentView of(Document d) {
    return new DocumentView(
        d.id(),
        d.recordId(),
        d.uniqueId(),
        d.classCode(),
        d.type(),
        d.title(),
        d.authoredAt(),
        d.submittedAt(),
        d.author(),
        d.contentType(),
        d.size(),
        d.hash(),
        d.reference(),
        d.status(),
        d.version(),
        d.withheldFromPatient(),
        d.hiddenFromRepresentatives());
  }
}
