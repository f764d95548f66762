package fr.carnet.record.interfaces.rest;

import fr.carnet.record.model.ProfileEntry;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A profile entry and its provenance, shown to every reader. */
public record ProfileEntryJson(
    @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
    String category,
    String label,
    String value,
    @Schema(type = SchemaType.STRING, format = "date-time") Instant recordedAt,
    @Schema(
            enumeration = {"PATIENT", "PROFESSIONAL", "CERTIFIED"},
            description = "Self-declared by the patient, by a professional, or a certified feed")
        String source,
    @Schema(description = "The professional or organisation, absent when self-declared")
        SourceView author,
    @Schema(description = "Kept secret from the minor's legal representatives")
        boolean hiddenFromRepresentatives) {

  /** Who recorded the entry. */
  public record SourceView(String rpps, String profession, String finess) {}

  public static ProfileEntryJson of(ProfileEntry e) {
    return new ProfileEntryJson(
        e.id(),
        e.category(),
        e.label(),
        e.value(),
        e.recordedAt(),
        e.source().name(),
        e.source() == ProfileEntry.Source.PATIENT
            ? null
            : new SourceView(e.authorRpps(), e.authorProfession(), e.authorFiness()),
        e.hiddenFromRepresentatives());
  }
}
