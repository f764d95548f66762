package fr.carnet.record.interfaces.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Data held elsewhere, such as an imaging study in a hospital archive")
public class ReferenceJson {

  @Schema(example = "https://pacs.chu-exemple.fr/studies/1.2.250.1.59.3.1")
  public String url;

  @Schema(description = "DICOM Study Instance UID", example = "1.2.250.1.59.3.1")
  public String studyUid;
}
