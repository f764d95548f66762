package fr.carnet.access;

import fr.carnet.record.model.Author;
import fr.carnet.record.model.DocumentStatus;

/** What the policy needs to know of one document. */
public record DocumentFacts(
    Author.Kind authorKind,
    String authorRpps,
    boolean withheldFromPatient,
    DocumentStatus status) {}
