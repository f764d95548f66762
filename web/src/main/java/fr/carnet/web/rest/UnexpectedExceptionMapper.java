package fr.carnet.web.rest;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * Anything else is a 500 with an incident id that the log line also carries, so that support can
 * find it without the caller ever seeing a stack trace. Known exceptions wrapped by the EJB
 * container are unwrapped and answered as themselves.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Context private Providers providers;

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Response toResponse(Throwable exception) {
    Throwable cause = unwrap(exception);
    if (cause != exception
        && (cause instanceof CarnetException
            || cause instanceof ConstraintViolationException
            || cause instanceof WebApplicationException)) {
      ExceptionMapper mapper = providers.getExceptionMapper(cause.getClass());
      return mapper.toResponse(cause);
    }
    if (BodyLimitFilter.cutShort(cause)) {
      // The body was cut at its bound while being read: not the caller's JSON, nor a fault here.
      return Problems.of(ErrorCode.DOCUMENT_TOO_LARGE, "The request body exceeds its bound");
    }
    if (isMalformedJson(cause)) {
      return Problems.of(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON");
    }
    if (isMalformedMultipart(cause)) {
      return Problems.of(ErrorCode.MULTIPART_INVALID, "The multipart body cannot be read");
    }
    String incident = Incidents.log(LOG, cause);
    if (isDatabaseOutage(cause)) {
      return Problems.of(
          ErrorCode.DATABASE_UNAVAILABLE, "Database unavailable; incident " + incident);
    }
    return Problems.of(ErrorCode.INTERNAL_ERROR, "Internal error; incident " + incident);
  }

  /**
   * The database is not there (stopped, restarting, failing over) rather than wrong: a connection
   * refused or broken ({@code SQLState} class 08), an administrator's shutdown or a server not yet
   * accepting connections (57P01–57P03), the pool unable to hand out any connection, or the
   * transaction manager unable to commit (the connection lost at commit). Other SQL errors are
   * faults, answered 500.
   */
  public static boolean isDatabaseOutage(Throwable exception) {
    int depth = 0;
    for (Throwable cause = exception; cause != null && depth < 32; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P0")) {
          return true;
        }
      }
      if (cause instanceof java.net.ConnectException
          || cause.getClass().getSimpleName().equals("PoolingException")) {
        return true;
      }
      // The commit itself failed in the resource manager (the connection cut as PostgreSQL
      // restarted, seen under ClusterE2EIT's push load): the transaction manager says only
      // SystemException over an XAException. Its outcome is unknown, so the answer is to retry,
      // as for any outage; the pushes are idempotent.
      if (cause instanceof jakarta.transaction.SystemException
          || cause instanceof javax.transaction.xa.XAException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
      depth++;
    }
    return false;
  }

  /** JSON-B's reader fails with a processing exception around the parser's own. */
  static boolean isMalformedJson(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonbException || cause instanceof JsonParsingException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The multipart parser (MIMEPull, under Jersey) fails with its own exception on a body that is
   * not multipart: no boundary, no closing delimiter. Named, not imported: it is the runtime's.
   */
  static boolean isMalformedMultipart(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause.getClass().getName().equals("org.jvnet.mimepull.MIMEParsingException")) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static Throwable unwrap(Throwable exception) {
    Throwable current = exception;
    while (current instanceof EJBException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
