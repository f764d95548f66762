package fr.carnet.reference.model;

/**
 * A code of a reference list (a document class, a profession) with its French and English labels.
 */
public record ReferenceEntry(String code, String labelFr, String labelEn) {}
