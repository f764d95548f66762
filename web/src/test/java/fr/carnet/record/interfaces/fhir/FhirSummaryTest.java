package fr.carnet.record.interfaces.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.identity.model.Sex;
import fr.carnet.identity.model.Traits;
import fr.carnet.record.application.PatientSummary;
import fr.carnet.record.model.Author;
import fr.carnet.record.model.ProfileEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;

/** The IPS document's shape from a summary: sections, empty reasons, narrative, provenance. */
class FhirSummaryTest {

  private static final UUID RECORD = UUID.randomUUID();
  private static final Instant AT = Instant.parse("2026-11-20T09:30:00Z");
  private static final Traits TRAITS =
      new Traits("DUPONT", "MARIE CLAIRE", LocalDate.of(1985, 5, 12), Sex.F, "75056");

  private static ProfileEntry entry(String category, String label, String value) {
    return new ProfileEntry(
        RECORD,
        category,
        label,
        value,
        AT,
        ProfileEntry.Source.PROFESSIONAL,
        Author.professional("10101010101", "10", "general-practice", "750712184"),
        false);
  }

  private static Bundle document(List<ProfileEntry> entries) {
    return FhirSummary.document(
        new PatientSummary(UUID.randomUUID(), RECORD, null, TRAITS, AT, entries, List.of()),
        "https://carnet.example/api");
  }

  private static List<String> codes(Bundle bundle) {
    return ((Composition) bundle.getEntryFirstRep().getResource())
        .getSection().stream().map(s -> s.getCode().getCodingFirstRep().getCode()).toList();
  }

  @Test
  void anEmptySummaryHasTheRequiredSectionsEachSayingNothingIsAvailable() {
    Bundle bundle = document(List.of());

    assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
    assertThat(codes(bundle)).containsExactly("48765-2", "11450-4", "10160-0");
    Composition composition = (Composition) bundle.getEntryFirstRep().getResource();
    assertThat(composition.getSection())
        .allSatisfy(
            s -> {
              assertThat(s.getEmptyReason().getCodingFirstRep().getCode()).isEqualTo("unavailable");
              assertThat(s.getEntry()).isEmpty();
            });
    assertThat(bundle.getEntry())
        .extracting(e -> e.getResource().fhirType())
        .containsExactly("Composition", "Patient", "Organization");
  }

  @Test
  void eachEntryHasItsProvenanceAndItsWordsAreTextNotMarkup() {
    ProfileEntry allergy = entry("ALLERGY", "<script>alert(1)</script> & co", null);
    ProfileEntry weight = entry("WEIGHT", "Poids", "64,5 kg");
    ProfileEntry height = entry("HEIGHT", "Taille", "grand");

    Bundle bundle = document(List.of(allergy, weight, height));

    assertThat(codes(bundle)).containsExactly("48765-2", "11450-4", "10160-0", "8716-3");
    String narrative =
        ((Composition) bundle.getEntryFirstRep().getResource())
            .getSectionFirstRep()
            .getText()
            .getDivAsString();
    assertThat(narrative).contains("&lt;script&gt;").contains("&amp; co").doesNotContain("<script");
    List<Provenance> provenances =
        bundle.getEntry().stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(r -> r instanceof Provenance)
            .map(Provenance.class::cast)
            .toList();
    assertThat(provenances)
        .extracting(p -> p.getTargetFirstRep().getReference())
        .containsExactlyInAnyOrder(
            "urn:uuid:" + allergy.id(), "urn:uuid:" + weight.id(), "urn:uuid:" + height.id());
    assertThat(provenances)
        .allSatisfy(
            p -> {
              assertThat(p.getAgentFirstRep().getWho().getIdentifier().getValue())
                  .isEqualTo("10101010101");
              assertThat(p.getAgentFirstRep().getOnBehalfOf().getIdentifier().getValue())
                  .isEqualTo("750712184");
              assertThat(p.getAgentFirstRep().getRoleFirstRep().getCodingFirstRep().getCode())
                  .isEqualTo("PROFESSIONAL");
            });
    Observation measured = find(bundle, weight.id());
    assertThat(measured.getValueQuantity().getValue().doubleValue()).isEqualTo(64.5);
    assertThat(measured.getValueQuantity().getCode()).isEqualTo("kg");
    Observation unreadable = find(bundle, height.id());
    assertThat(unreadable.hasValue()).isFalse();
    assertThat(unreadable.getDataAbsentReason().getCodingFirstRep().getCode()).isEqualTo("unknown");
    assertThat(unreadable.getNoteFirstRep().getText()).isEqualTo("grand");
  }

  private static Observation find(Bundle bundle, UUID id) {
    return (Observation)
        bundle.getEntry().stream()
            .filter(e -> e.getFullUrl().equals("urn:uuid:" + id))
            .findFirst()
            .orElseThrow()
            .getResource();
  }
}
