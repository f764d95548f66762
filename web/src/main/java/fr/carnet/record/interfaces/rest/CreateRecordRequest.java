package fr.carnet.record.interfaces.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record CreateRecordRequest(
    @Valid @NotNull InsJson ins,
    @Valid @NotNull TraitsJson traits,
    @Valid ContactJson contact,
    @Schema(description = "true to migrate a legacy record already open; default false")
        Boolean open) {}
