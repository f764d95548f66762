package fr.carnet.web.security;

import fr.carnet.shared.ErrorCode;
import fr.carnet.web.fhir.FhirErrors;
import fr.carnet.web.rest.Problems;
import fr.carnet.web.rest.UnexpectedExceptionMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * The error page for what fails outside JAX-RS: a refused token before the API is reached, an
 * unknown path, a crash in a filter. API paths get a problem document, console paths a plain page
 * in French; neither ever shows a stack trace.
 */
@WebServlet("/error-page")
public class ErrorPageServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /**
   * The request attribute where the authentication mechanism leaves the {@link ErrorCode} of a 401
   * it decided itself (a token it refuses after MicroProfile JWT verified it), for this page to
   * answer with that code rather than {@code TOKEN_INVALID}.
   */
  static final String REFUSAL = ErrorPageServlet.class.getName() + ".refusal";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = statusAttribute instanceof Integer code ? code : 500;
    String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
    // A filter that met the database away (a token's lookup, a console session's recheck): the
    // same 503 to retry as the resources answer, not a fault.
    boolean databaseAway =
        request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable thrown
            && UnexpectedExceptionMapper.isDatabaseOutage(thrown);
    if (databaseAway) {
      status = ErrorCode.DATABASE_UNAVAILABLE.status();
      response.setHeader("Retry-After", String.valueOf(Problems.DATABASE_RETRY_SECONDS));
    }
    response.setStatus(status);
    if (uri.startsWith(request.getContextPath() + "/fhir")) {
      ErrorCode code = databaseAway ? ErrorCode.DATABASE_UNAVAILABLE : refusal(request, status);
      response.setContentType("application/fhir+json;charset=UTF-8");
      response.getWriter().write(FhirErrors.outcomeJson(code, code.title()));
    } else if (uri.startsWith(request.getContextPath() + "/api")) {
      ErrorCode code = databaseAway ? ErrorCode.DATABASE_UNAVAILABLE : refusal(request, status);
      response.setContentType(Problems.MEDIA_TYPE);
      response.setCharacterEncoding("UTF-8");
      if (status == 401) {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"carnet\"");
      }
      response.getWriter().write(Problems.json(code, code.title(), null));
    } else {
      response.setContentType("text/html;charset=UTF-8");
      response
          .getWriter()
          .write(
              "<!DOCTYPE html><html lang=\"fr\"><head><title>Carnet</title></head><body><main>"
                  + "<h1>Erreur "
                  + status
                  + "</h1><p>"
                  + (databaseAway
                      ? "Le service est momentanément indisponible : réessayez dans un instant."
                      : "La page demandée n'est pas disponible.")
                  + "</p>"
                  + "<p><a href=\""
                  + request.getContextPath()
                  + "/console/\">Retour à la console</a></p></main></body></html>");
    }
  }

  private static ErrorCode refusal(HttpServletRequest request, int status) {
    return request.getAttribute(REFUSAL) instanceof ErrorCode code && code.status() == status
        ? code
        : apiCode(status, request.getHeader("Authorization") != null);
  }

  private static ErrorCode apiCode(int status, boolean tokenPresented) {
    if (status == 401) {
      return tokenPresented ? ErrorCode.TOKEN_INVALID : ErrorCode.UNAUTHENTICATED;
    }
    return Arrays.stream(ErrorCode.values())
        .filter(code -> code.status() == status)
        .findFirst()
        .orElse(ErrorCode.INTERNAL_ERROR);
  }
}
