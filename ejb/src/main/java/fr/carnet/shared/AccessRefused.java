package fr.carnet.shared;

import jakarta.ejb.ApplicationException;

/**
 * A refusal decided by the access policy. Unlike other refusals it does not roll back: nothing was
 * written before the decision but the refusal's own trace, which must commit.
 */
@ApplicationException(rollback = false)
public class AccessRefused extends CarnetException {

  private static final long serialVersionUID = 1L;

  public AccessRefused(ErrorCode code, String detail) {
    super(code, detail);
  }
}
