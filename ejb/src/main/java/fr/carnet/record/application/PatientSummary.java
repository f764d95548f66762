package fr.carnet.record.application;

import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.Traits;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.ProfileEntry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The patient summary as the caller may see it: nothing in it the policy hid from them, each part
 * with its provenance (a profile entry's source and author, a document's author and dates).
 *
 * @param id this summary's own identifier (a new one each time it is made)
 * @param ins the INS, or null when the caller may see the traits only
 * @param entries the profile entries the caller may see, newest first
 * @param documents the current result documents the caller may see, newest first per class
 */
public record PatientSummary(
    UUID id,
    UUID recordId,
    Ins ins,
    Traits traits,
    Instant generatedAt,
    List<ProfileEntry> entries,
    List<DocumentListing> documents) {

  /** The section's profile entries, newest first. */
  public List<ProfileEntry> entriesOf(SummarySection section) {
    return entries.stream().filter(e -> section.categories().contains(e.category())).toList();
  }

  /** The section's documents. */
  public List<DocumentListing> documentsOf(SummarySection section) {
    return documents.stream()
        .filter(d -> section.documentClasses().contains(d.classCode()))
        .toList();
  }

  /** Whether the section has anything the caller may see. */
  public boolean isEmpty(SummarySection section) {
    return entriesOf(section).isEmpty() && documentsOf(section).isEmpty();
  }
}
