package fr.carnet.record.application;

import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.Traits;
import fr.carnet.record.model.DocumentContent;
import fr.carnet.record.model.ExternalReference;
import fr.carnet.reference.model.DocumentType;
import java.time.Instant;

/**
 * A document to file: a {@code content} (with its {@code contentType}), or a {@code reference} to
 * data held elsewhere. A professional names the patient by INS and traits; a patient's upload goes
 * to their own record, so {@code ins} and {@code traits} are then ignored. The content was counted,
 * hashed and read for its format as it was received.
 */
public record PublishCommand(
    String uniqueId,
    Ins ins,
    Traits traits,
    DocumentType type,
    String title,
    Instant authoredAt,
    String contentType,
    DocumentContent content,
    ExternalReference reference,
    boolean withheldFromPatient,
    boolean hiddenFromRepresentatives) {}
