package fr.carnet.reference.model;

/** A document type (coding system and code) and the class that governs access to it. */
public record TypeMapping(String system, String code, String classCode) {}
