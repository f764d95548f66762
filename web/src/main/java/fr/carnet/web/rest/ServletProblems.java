package fr.carnet.web.rest;

import fr.carnet.shared.ErrorCode;
import fr.carnet.web.fhir.FhirErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Errors answered by servlet filters, before JAX-RS or HAPI see the request: problem+json at {@code
 * /api}, an OperationOutcome at {@code /fhir}, with the same stable code either way.
 */
public final class ServletProblems {

  private ServletProblems() {}

  public static void write(
      HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
      throws IOException {
    boolean fhir = request.getServletPath().startsWith("/fhir");
    String body = fhir ? FhirErrors.outcomeJson(code, detail) : Problems.json(code, detail, null);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(code.status());
    response.setContentType(
        (fhir ? "application/fhir+json" : Problems.MEDIA_TYPE) + ";charset=UTF-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
