package fr.carnet.record.interfaces.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public record LookupRequest(@Valid @NotNull InsJson ins, @Valid @NotNull TraitsJson traits) {}
