package fr.carnet.shared;

import java.sql.SQLException;

/** Reading database errors without depending on their messages (which quote data). */
public final class PersistenceErrors {

  private static final String UNIQUE_VIOLATION = "23505";

  private PersistenceErrors() {}

  /** Whether a unique constraint refused the write, somewhere in the cause chain. */
  public static boolean isUniqueViolation(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
