package fr.carnet.reference.model;

/** One cell of the authorisation matrix: a profession and specialty's rights on a class. */
public record MatrixCell(String profession, String specialty, String classCode, Rights rights) {}
