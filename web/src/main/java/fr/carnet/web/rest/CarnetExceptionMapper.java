package fr.carnet.web.rest;

import fr.carnet.shared.CarnetException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refusal from the domain or a service, with its own code. */
@Provider
public class CarnetExceptionMapper implements ExceptionMapper<CarnetException> {

  @Override
  public Response toResponse(CarnetException refusal) {
    return Problems.of(refusal.code(), refusal.getMessage());
  }
}
