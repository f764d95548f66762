package fr.carnet.access;

import fr.carnet.reference.model.Rights;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One profession's (and specialty's) row of the authorisation matrix: its rights on each document
 * class. A class absent from the row gives no right.
 */
public record MatrixRow(Map<String, Rights> rights) {

  public static final MatrixRow EMPTY = new MatrixRow(Map.of());

  public MatrixRow {
    rights = Map.copyOf(rights);
  }

  public Rights on(String classCode) {
    return rights.getOrDefault(classCode, Rights.NONE);
  }

  /** The classes this row may read, sorted so that queries built from them are stable. */
  public Set<String> readableClasses() {
    Set<String> readable = new TreeSet<>();
    rights.forEach(
        (classCode, cell) -> {
          if (cell.mayRead()) {
            readable.add(classCode);
          }
        });
    return readable;
  }
}
