package fr.carnet.record.model;

import fr.carnet.reference.model.DocumentType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An IHE MHD SubmissionSet: the documents one Provide Document Bundle filed together, for one
 * record, as the submitter described them. Read back for a caller, {@code entries} are only the
 * documents that caller may see, in the submitter's order.
 *
 * @param source who sent it, as for documents: a FINESS, or {@code patient:<record>}
 * @param uniqueId the submitter's unique id (List.identifier, usual), unique per source
 * @param sourceId the submitting system's id (MHD's sourceId extension), or null
 * @param designationType the kind of submission (MHD's designationType, XDS contentTypeCode), or
 *     null
 * @param submitterRpps the submitting professional's RPPS, null for a patient's upload
 */
public record SubmissionSet(
    UUID id,
    UUID recordId,
    String source,
    String uniqueId,
    String sourceId,
    DocumentType designationType,
    String title,
    String submitterRpps,
    Instant submittedAt,
    Instant updatedAt,
    List<UUID> entries) {

  public SubmissionSet {
    entries = List.copyOf(entries);
  }
}
