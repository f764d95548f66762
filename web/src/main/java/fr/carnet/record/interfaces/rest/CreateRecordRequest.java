package fr.carnet.record.interfaces.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public class CreateRecordRequest {

  @Valid @NotNull public InsJson ins;

  @Valid @NotNull public TraitsJson traits;

  public ContactJson contact;

  @Schema(description = "true to migrate a legacy record already open; default false")
  public Boolean open;
}
