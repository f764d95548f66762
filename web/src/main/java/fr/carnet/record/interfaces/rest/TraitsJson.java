package fr.carnet.record.interfaces.rest;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The five INS traits, as on the identity document")
public record TraitsJson(
    @Schema(example = "DUPONT") @NotBlank String birthName,
    @Schema(example = "MARIE CLAIRE") @NotBlank String firstNames,
    @Schema(example = "1985-05-12", format = "date") @NotBlank String birthDate,
    @Schema(enumeration = {"M", "F"}) @NotBlank String sex,
    @Schema(description = "INSEE code of the birthplace", example = "75056") @NotBlank
        String birthPlace) {}
