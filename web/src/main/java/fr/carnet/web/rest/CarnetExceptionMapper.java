package fr.carnet.web.rest;

import fr.carnet.shared.AccessRefused;
import fr.carnet.shared.CarnetException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** A refusal from the domain or a service, with its own code. */
@Provider
public class CarnetExceptionMapper implements ExceptionMapper<CarnetException> {

  @Override
  public Response toResponse(CarnetException refusal) {
    if (refusal instanceof AccessRefused access && access.layer() != null) {
      // The layer of the access rules that refused, and its reason: callers can explain it.
      return Problems.of(
          refusal.code(),
          refusal.getMessage(),
          Map.of("layer", access.layer(), "reason", access.reason()));
    }
    return Problems.of(refusal.code(), refusal.getMessage());
  }
}
