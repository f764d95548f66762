package fr.carnet.record.interfaces.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class LookupRequest {

  @Valid @NotNull public InsJson ins;

  @Valid @NotNull public TraitsJson traits;
}
