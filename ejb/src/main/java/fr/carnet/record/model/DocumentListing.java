package fr.carnet.record.model;

import fr.carnet.reference.model.DocumentType;
import java.time.Instant;
import java.util.UUID;

/**
 * A document as a search lists it: its metadata read straight from the row, without an entity to
 * track. Searches are the most frequent reads, and building entities was a tenth of their cost.
 */
public record DocumentListing(
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
    boolean hiddenFromRepresentatives,
    boolean masked) {}
