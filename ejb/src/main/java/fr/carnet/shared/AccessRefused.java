package fr.carnet.shared;

import jakarta.ejb.ApplicationException;

/**
 * A refusal decided by the access policy. Unlike other refusals it does not roll back: nothing was
 * written before the decision but the refusal's own trace, which must commit.
 */
@ApplicationException(rollback = false)
public class AccessRefused extends CarnetException {

  private static final long serialVersionUID = 1L;

  /** The layer and reason of the policy that refused, when the caller may be told them. */
  private final String layer;

  private final String reason;

  public AccessRefused(ErrorCode code, String detail) {
    this(code, detail, null, null);
  }

  public AccessRefused(ErrorCode code, String detail, String layer, String reason) {
    super(code, detail);
    this.layer = layer;
    this.reason = reason;
  }

  public String layer() {
    return layer;
  }

  public String reason() {
    return reason;
  }
}
