package fr.carnet.reference.model;

import java.util.Optional;

/** The reference tables and the authorisation matrix, as administrators keep them. */
public interface ReferenceData {

  /** The class a document type maps to, if the type is known. */
  Optional<String> classOf(DocumentType type);

  /** The class that governs a kind of profile entry, if the kind is known. */
  Optional<String> classOfProfileCategory(String category);

  /**
   * The rights of a profession and specialty on a class: the specialty's row where there is one,
   * otherwise the profession's {@code *} row, otherwise none.
   */
  Rights rights(String profession, String specialty, String classCode);
}
