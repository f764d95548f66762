package fr.carnet.reference.model;

import fr.carnet.access.MatrixRow;
import java.util.Optional;

/** The reference tables and the authorisation matrix, as administrators keep them. */
public interface ReferenceData {

  /**
   * Aligns what is kept in memory with the tables' version, read with the facts of each access: a
   * change made on any node is seen by the next access on every node.
   */
  void sync(long version);

  /** The class a document type maps to, if the type is known. */
  Optional<String> classOf(DocumentType type);

  /** The class that governs a kind of profile entry, if the kind is known. */
  Optional<String> classOfProfileCategory(String category);

  /**
   * A profession's row of the matrix for a specialty: for each class, the specialty's cell where
   * there is one, otherwise the profession's {@code *} cell; classes with neither give no right.
   */
  MatrixRow matrixRow(String profession, String specialty);
}
