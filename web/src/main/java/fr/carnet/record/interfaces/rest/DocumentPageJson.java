package fr.carnet.record.interfaces.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of documents and the link to the next page, absent on the last one. */
public record DocumentPageJson(
    List<DocumentJson> items,
    @Schema(description = "Absolute URL of the next page; absent on the last page") String next) {}
