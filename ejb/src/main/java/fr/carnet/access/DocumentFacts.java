package fr.carnet.access;

import fr.carnet.record.model.Author;
import fr.carnet.record.model.DocumentStatus;

/**
 * What the policy needs to know of one document.
 *
 * @param classCode the document's class, which the matrix speaks of
 * @param authorKind a professional or the patient
 * @param authorRpps the authoring professional's RPPS
 * @param withheldFromPatient withheld by its author until released
 * @param hiddenFromRepresentatives a minor's secret
 * @param masked masked by the patient
 * @param status current, superseded or withdrawn
 */
public record DocumentFacts(
    String classCode,
    Author.Kind authorKind,
    String authorRpps,
    boolean withheldFromPatient,
    boolean hiddenFromRepresentatives,
    boolean masked,
    DocumentStatus status) {}
