package fr.carnet.record.application;

/** The outcome of a push: the document, and whether this push created it or repeated one. */
public record Published(DocumentView document, boolean created) {}
