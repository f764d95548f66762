package fr.carnet.reference.model;

import java.time.Instant;
import java.util.List;

/** The matrix as rows, for its administration. Decisions read it through {@link ReferenceData}. */
public interface MatrixRepository {

  List<MatrixCell> cells();

  /** Changes, newest first. */
  List<MatrixChange> changes();

  boolean professionExists(String profession);

  boolean classExists(String classCode);

  /**
   * Sets a cell, records the change and bumps the reference version, in the caller's transaction.
   */
  MatrixChange set(
      String profession,
      String specialty,
      String classCode,
      Rights rights,
      String changedBy,
      Instant at);

  long version();
}
