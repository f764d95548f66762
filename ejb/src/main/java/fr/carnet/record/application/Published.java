package fr.carnet.record.application;

import fr.carnet.record.model.DocumentListing;

/** The outcome of a push: the document, and whether this push created it or repeated one. */
public record Published(DocumentListing document, boolean created) {}
