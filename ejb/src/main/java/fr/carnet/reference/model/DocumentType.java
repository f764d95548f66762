package fr.carnet.reference.model;

import java.util.Objects;

/** A document's type: a code in a code system, such as LOINC {@code 11502-2}. */
public record DocumentType(String system, String code) {

  /** The system of the generic types, one per class, for documents with no finer type. */
  public static final String CARNET_CLASS_SYSTEM = "urn:carnet:document-class";

  public DocumentType {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(code, "code");
  }

  public static DocumentType generic(String classCode) {
    return new DocumentType(CARNET_CLASS_SYSTEM, classCode);
  }
}
