package fr.carnet.web.rest;

import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Unexpected failures, logged the same way at {@code /api} and {@code /fhir}: under an incident id
 * that the caller is given, with exception classes, SQL states and stacks, never messages, which
 * may quote personal data (a database error quotes the values of the row, a parser the input).
 */
public final class Incidents {

  private Incidents() {}

  /** Logs the failure under a new incident id and returns the id. */
  public static String log(Logger log, Throwable failure) {
    String incident = UUID.randomUUID().toString();
    log.log(
        Level.SEVERE, "Incident " + incident + ": " + failure.getClass().getName(), scrub(failure));
    return incident;
  }

  /** A copy of the stack trace without messages; SQL states are kept, they carry no data. */
  static Throwable scrub(Throwable exception) {
    String summary =
        exception instanceof SQLException sql
            ? exception.getClass().getName() + " (SQL state " + sql.getSQLState() + ")"
            : exception.getClass().getName();
    Throwable copy = new Throwable(summary);
    copy.setStackTrace(exception.getStackTrace());
    if (exception.getCause() != null && exception.getCause() != exception) {
      copy.initCause(scrub(exception.getCause()));
    }
    return copy;
  }
}
