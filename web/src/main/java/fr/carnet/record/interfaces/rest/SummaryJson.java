package fr.carnet.record.interfaces.rest;

import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.Traits;
import fr.carnet.record.application.PatientSummary;
import fr.carnet.record.application.SummarySection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The patient summary in Carnet's JSON: the sections of the FHIR {@code $summary} document, by the
 * same LOINC codes, each with its profile entries (and their provenance) and its documents.
 */
@Schema(description = "The patient summary (IPS-shaped): what the caller may see, by section")
public record SummaryJson(
    @Schema(type = SchemaType.STRING, format = "uuid", description = "This summary's own id")
        UUID id,
    @Schema(type = SchemaType.STRING, format = "uuid") UUID recordId,
    @Schema(type = SchemaType.STRING, format = "date-time") Instant generatedAt,
    PersonView patient,
    List<SectionView> sections) {

  /** The person, as a lookup would show them to the caller: the INS only when they may see it. */
  public record PersonView(
      @Schema(nullable = true, description = "Absent when the caller may see the traits only")
          InsView ins,
      String birthName,
      String firstNames,
      @Schema(format = "date") String birthDate,
      @Schema(enumeration = {"M", "F"}) String sex,
      String birthPlace) {}

  /** An INS. */
  public record InsView(String number, String oid) {}

  /** A section of the summary. */
  public record SectionView(
      @Schema(example = "allergies") String key,
      @Schema(description = "LOINC code of the IPS section", example = "48765-2") String code,
      String title,
      @Schema(
              nullable = true,
              enumeration = {"unavailable"},
              description =
                  "For a section IPS requires and the caller has nothing in: nothing available"
                      + " to them (never whether something is hidden)")
          String emptyReason,
      List<ProfileEntryJson> entries,
      List<DocumentJson> documents) {}

  static SummaryJson of(PatientSummary summary) {
    Traits t = summary.traits();
    Ins ins = summary.ins();
    PersonView person =
        new PersonView(
            ins == null ? null : new InsView(ins.number(), ins.kind().oid()),
            t.birthName(),
            t.firstNames(),
            t.birthDate().toString(),
            t.sex().name(),
            t.birthPlace());
    List<SectionView> sections =
        SummarySection.ALL.stream()
            .filter(s -> s.required() || !summary.isEmpty(s))
            .map(
                s ->
                    new SectionView(
                        s.key(),
                        s.loinc(),
                        s.title(),
                        summary.isEmpty(s) ? "unavailable" : null,
                        summary.entriesOf(s).stream().map(ProfileEntryJson::of).toList(),
                        summary.documentsOf(s).stream().map(DocumentJson::of).toList()))
            .toList();
    return new SummaryJson(
        summary.id(), summary.recordId(), summary.generatedAt(), person, sections);
  }
}
