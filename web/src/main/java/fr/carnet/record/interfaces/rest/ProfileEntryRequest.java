package fr.carnet.record.interfaces.rest;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public class ProfileEntryRequest {

  @Schema(
      enumeration = {
        "ALLERGY",
        "HISTORY",
        "TREATMENT",
        "ADVANCE_DIRECTIVE",
        "BLOOD_GROUP",
        "VACCINATION",
        "WEIGHT",
        "HEIGHT"
      })
  @NotBlank
  public String category;

  @Schema(example = "Allergie à la pénicilline")
  @NotBlank
  public String label;

  @Schema(example = "A+, 72 kg, …")
  public String value;

  @Schema(format = "date-time", description = "Defaults to now")
  public String recordedAt;

  @Schema(
      description =
          "A minor's secret: never shown to the legal representatives, nor any trace of it"
              + " (defaults to false)")
  public Boolean hiddenFromRepresentatives;
}
