package fr.carnet.record.interfaces.rest;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A document type: LOINC, or the generic code of a class")
public class TypeJson {

  @Schema(example = "http://loinc.org")
  @NotBlank
  public String system;

  @Schema(example = "11502-2")
  @NotBlank
  public String code;
}
