package fr.carnet.record.interfaces.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public class PublishDocumentRequest {

  @Schema(description = "Unique per source organisation; pushing it again is harmless")
  @NotBlank
  public String uniqueId;

  @Schema(description = "Required of professionals; a patient's upload goes to their own record")
  @Valid
  public PatientJson patient;

  @Schema(description = "Required of professionals; a patient's upload is of class PATIENT")
  @Valid
  public TypeJson type;

  @NotBlank public String title;

  @Schema(example = "2026-11-20T09:30:00Z", format = "date-time")
  @NotBlank
  public String authoredAt;

  @Schema(
      enumeration = {
        "application/pdf",
        "application/hl7-cda+xml",
        "image/jpeg",
        "image/png",
        "text/plain"
      })
  public String contentType;

  @Schema(description = "The content, base64; or give reference instead")
  public String content;

  @Schema(description = "Instead of content: where the data is held (professionals)")
  public ReferenceJson reference;

  public Boolean withheldFromPatient;

  public Boolean hiddenFromRepresentatives;
}
