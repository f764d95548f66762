package fr.carnet.record.interfaces.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The patient a document is about, named by INS and traits. */
public class PatientJson {

  @Valid @NotNull public InsJson ins;

  @Valid @NotNull public TraitsJson traits;
}
