package fr.carnet.web.rest;

import fr.carnet.shared.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;

/**
 * Bean Validation failures of a request: each violated field is named with the rule, never with the
 * value given (it may be a NIR).
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException exception) {
    JsonArrayBuilder violations = Json.createArrayBuilder();
    exception.getConstraintViolations().stream()
        .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .forEach(
            v ->
                violations.add(
                    Json.createObjectBuilder()
                        .add("field", field(v))
                        .add("message", v.getMessage())));
    return Problems.of(
        ErrorCode.VALIDATION_FAILED,
        "Some fields of the request are missing or invalid",
        violations);
  }

  /** "create.request.ins.number" becomes "ins.number": the method and parameter say nothing. */
  private static String field(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    String[] parts = path.split("\\.", 3);
    return parts.length == 3 ? parts[2] : "body";
  }
}
