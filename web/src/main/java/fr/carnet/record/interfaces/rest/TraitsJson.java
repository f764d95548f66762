package fr.carnet.record.interfaces.rest;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The five INS traits, as on the identity document")
public class TraitsJson {

  @Schema(example = "DUPONT")
  @NotBlank
  public String birthName;

  @Schema(example = "MARIE CLAIRE")
  @NotBlank
  public String firstNames;

  @Schema(example = "1985-05-12", format = "date")
  @NotBlank
  public String birthDate;

  @Schema(enumeration = {"M", "F"})
  @NotBlank
  public String sex;

  @Schema(description = "INSEE code of the birthplace", example = "75056")
  @NotBlank
  public String birthPlace;
}
