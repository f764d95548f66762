package fr.carnet.web.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.rest.BodyLimitFilter;
import fr.carnet.web.rest.Incidents;
import fr.carnet.web.rest.Problems;
import fr.carnet.web.rest.UnexpectedExceptionMapper;
import jakarta.ejb.EJBException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.logging.Logger;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Every failure at {@code /fhir} as an {@code OperationOutcome} carrying the same stable code as
 * the API's problem details ({@code urn:carnet:error-code}), with the same HTTP status.
 */
@Interceptor
public class FhirErrors {

  /** The code system of Carnet's error codes in an OperationOutcome's details. */
  public static final String ERROR_CODES = "urn:carnet:error-code";

  private static final Logger LOG = Logger.getLogger(FhirErrors.class.getName());

  private static final Map<Integer, IssueType> ISSUE_TYPES =
      Map.of(
          400, IssueType.INVALID,
          401, IssueType.LOGIN,
          403, IssueType.FORBIDDEN,
          404, IssueType.NOTFOUND,
          405, IssueType.NOTSUPPORTED,
          409, IssueType.CONFLICT,
          413, IssueType.TOOLONG,
          415, IssueType.NOTSUPPORTED,
          422, IssueType.PROCESSING,
          423, IssueType.LOCKERROR);

  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException translate(
      RequestDetails request, Throwable thrown, HttpServletRequest servletRequest) {
    CarnetException carnet = carnet(thrown);
    if (carnet != null) {
      return failure(carnet.code(), carnet.getMessage());
    }
    if (BodyLimitFilter.cutShort(thrown)
        || (servletRequest != null
            && servletRequest.getAttribute(BodyLimitFilter.CUT_SHORT) != null)) {
      return failure(ErrorCode.DOCUMENT_TOO_LARGE, "The request body exceeds its bound");
    }
    if (UnexpectedExceptionMapper.isDatabaseOutage(thrown)) {
      // As for /api: the database away is not a fault here, and the caller may try again soon.
      // Before HAPI's own: HAPI wraps a provider's failure in its InternalErrorException.
      String incident = Incidents.log(LOG, thrown);
      BaseServerResponseException away =
          failure(ErrorCode.DATABASE_UNAVAILABLE, "Database unavailable; incident " + incident);
      away.addResponseHeader("Retry-After", String.valueOf(Problems.DATABASE_RETRY_SECONDS));
      return away;
    }
    if (thrown instanceof BaseServerResponseException hapi && hapi.getStatusCode() < 500) {
      // HAPI's own refusals (a malformed request, an unknown parameter): told as a validation
      // failure, the status kept.
      ErrorCode code =
          hapi.getStatusCode() == 404
              ? ErrorCode.NOT_FOUND
              : hapi.getStatusCode() == 405
                  ? ErrorCode.METHOD_NOT_ALLOWED
                  : ErrorCode.VALIDATION_FAILED;
      BaseServerResponseException kept =
          BaseServerResponseException.newInstance(hapi.getStatusCode(), hapi.getMessage());
      kept.setOperationOutcome(outcome(hapi.getStatusCode(), code, hapi.getMessage()));
      return kept;
    }
    // Anything else, HAPI's wrapping of a provider's failure included: a fault, told by incident.
    String incident = Incidents.log(LOG, thrown);
    return failure(ErrorCode.INTERNAL_ERROR, "Internal error; incident " + incident);
  }

  /** A failure with its OperationOutcome, as any FHIR provider throws it. */
  public static BaseServerResponseException failure(ErrorCode code, String message) {
    BaseServerResponseException failure =
        BaseServerResponseException.newInstance(code.status(), message);
    failure.setOperationOutcome(outcome(code.status(), code, message));
    return failure;
  }

  public static OperationOutcome outcome(int status, ErrorCode code, String message) {
    OperationOutcome outcome = new OperationOutcome();
    outcome
        .addIssue()
        .setSeverity(
            status >= 500
                ? OperationOutcome.IssueSeverity.FATAL
                : OperationOutcome.IssueSeverity.ERROR)
        .setCode(ISSUE_TYPES.getOrDefault(status, IssueType.EXCEPTION))
        .setDetails(
            new CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding(ERROR_CODES, code.name(), code.title()))
                .setText(code.title()))
        .setDiagnostics(message);
    return outcome;
  }

  /** The OperationOutcome of a failure as JSON, for the places outside HAPI that answer it. */
  public static String outcomeJson(ErrorCode code, String message) {
    return FhirContext.forR4Cached()
        .newJsonParser()
        .encodeResourceToString(outcome(code.status(), code, message));
  }

  private static CarnetException carnet(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof CarnetException carnet) {
        return carnet;
      }
      if (cause instanceof EJBException ejb && ejb.getCausedByException() != null) {
        cause = ejb.getCausedByException();
        if (cause instanceof CarnetException carnet) {
          return carnet;
        }
      }
    }
    return null;
  }
}
