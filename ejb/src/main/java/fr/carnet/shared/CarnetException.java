package fr.carnet.shared;

import jakarta.ejb.ApplicationException;

/**
 * A refusal with a stable code. Thrown by the domain and the services; the interfaces turn it into
 * a problem document. The detail must never carry personal data: it reaches the caller and may
 * reach logs.
 */
@ApplicationException(rollback = true)
public class CarnetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public CarnetException(ErrorCode code, String detail) {
    super(detail);
    this.code = code;
  }

  public CarnetException(ErrorCode code) {
    this(code, code.title());
  }

  public ErrorCode code() {
    return code;
  }
}
