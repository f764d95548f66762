package fr.carnet.reference.model;

import java.time.Instant;

/** A change to the matrix: who, when, which cell, from what to what (null: no row before). */
public record MatrixChange(
    Instant at,
    String changedBy,
    String profession,
    String specialty,
    String classCode,
    Rights oldRights,
    Rights newRights) {}
