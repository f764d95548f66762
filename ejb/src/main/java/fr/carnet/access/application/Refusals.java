package fr.carnet.access.application;

import fr.carnet.access.Decision;
import fr.carnet.shared.ErrorCode;

/**
 * The refusal half of the {@link AccessGate}, for the services that still trace by hand while they
 * move to the gate. New code calls the gate.
 */
public final class Refusals {

  private Refusals() {}

  /** See {@link AccessGate#refuseUnless}. */
  public static void refuseUnless(Decision decision, ErrorCode fallback) {
    AccessGate.refuseUnless(decision, fallback);
  }
}
