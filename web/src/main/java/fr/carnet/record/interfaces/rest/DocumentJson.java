package fr.carnet.record.interfaces.rest;

import fr.carnet.record.model.Author;
import fr.carnet.record.model.DocumentListing;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A document's metadata on the wire. */
public record DocumentJson(
    @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
    @Schema(type = SchemaType.STRING, format = "uuid") UUID recordId,
    String uniqueId,
    @JsonbProperty("class") String classCode,
    TypeView type,
    String title,
    @Schema(type = SchemaType.STRING, format = "date-time") Instant authoredAt,
    @Schema(type = SchemaType.STRING, format = "date-time") Instant submittedAt,
    AuthorView author,
    @Schema(description = "Absent for an external reference") String contentType,
    @Schema(description = "Absent for an external reference") Long size,
    @Schema(example = "sha256:9f86d081…", description = "Absent for an external reference")
        String hash,
    @Schema(description = "Present for an external reference only") ReferenceView reference,
    @Schema(enumeration = {"CURRENT", "SUPERSEDED", "WITHDRAWN"}) String status,
    int version,
    boolean withheldFromPatient,
    boolean hiddenFromRepresentatives) {

  /** Where data held elsewhere is. */
  public record ReferenceView(String url, String studyUid) {}

  /** A document type. */
  public record TypeView(String system, String code) {}

  /** Who wrote a document. */
  public record AuthorView(
      @Schema(enumeration = {"PROFESSIONAL", "PATIENT"}) String role,
      String rpps,
      String profession,
      String specialty,
      String finess) {}

  public static DocumentJson of(DocumentListing d) {
    Author a = d.author();
    return new DocumentJson(
        d.id(),
        d.recordId(),
        d.uniqueId(),
        d.classCode(),
        new TypeView(d.type().system(), d.type().code()),
        d.title(),
        d.authoredAt(),
        d.submittedAt(),
        new AuthorView(a.kind().name(), a.rpps(), a.profession(), a.specialty(), a.finess()),
        d.contentType(),
        d.size(),
        d.hash(),
        d.reference() == null
            ? null
            : new ReferenceView(d.reference().url(), d.reference().studyUid()),
        d.status().name(),
        d.version(),
        d.withheldFromPatient(),
        d.hiddenFromRepresentatives());
  }
}
