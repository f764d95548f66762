package fr.carnet.access;

import java.util.Objects;

/**
 * The answer of the {@link AccessPolicy}: permit or deny, the layer that decided and a stable
 * reason code. A refusal is a value, not an exception, so that its trace can be written in the same
 * transaction.
 */
public record Decision(boolean permitted, Layer layer, String reason) {

  public Decision {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(reason, "reason");
  }

  public static Decision permit(Layer layer, String reason) {
    return new Decision(true, layer, reason);
  }

  public static Decision deny(Layer layer, String reason) {
    return new Decision(false, layer, reason);
  }
}
