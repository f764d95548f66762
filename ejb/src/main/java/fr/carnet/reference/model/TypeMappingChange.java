package fr.carnet.reference.model;

import java.time.Instant;

/** A change to the type mapping: who, when, which type, from what class (null: new) to what. */
public record TypeMappingChange(
    Instant at, String changedBy, String system, String code, String oldClass, String newClass) {}
