package fr.carnet.record.interfaces.rest;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

// Request bodies are plain classes: Payara's OpenAPI scanner fails on constrained record
// components.
@Schema(description = "An INS: 13 characters of NIR or NIA and a 2-digit key, with the OID")
public class InsJson {

  @Schema(example = "285057505612338")
  @NotBlank
  public String number;

  @Schema(example = "1.2.250.1.213.1.4.8")
  @NotBlank
  public String oid;
}
