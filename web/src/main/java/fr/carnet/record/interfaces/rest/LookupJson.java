package fr.carnet.record.interfaces.rest;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A record's id and whether it can be fed and read now (open), or not available. */
public record LookupJson(
    @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
    @Schema(description = "true when the record is open") boolean available) {}
