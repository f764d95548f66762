package fr.carnet.access;

import java.util.Objects;

/**
 * What the policy lets an actor see of a person's identity: a refusal (the record then behaves as
 * absent), the traits and the record's state, or also the INS.
 *
 * @param decision the decision, traced with the read
 * @param ins whether the INS may be shown
 */
public record IdentityDisclosure(Decision decision, boolean ins) {

  public IdentityDisclosure {
    Objects.requireNonNull(decision, "decision");
    if (ins && !decision.permitted()) {
      throw new IllegalArgumentException("A refusal discloses nothing");
    }
  }

  public boolean permitted() {
    return decision.permitted();
  }
}
