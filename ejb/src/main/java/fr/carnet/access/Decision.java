package fr.carnet.access;

import java.util.Objects;

/**
 * The answer of the {@link AccessPolicy}: permit or deny, the layer that decided, a stable reason
 * code, and the mode of a professional's access when there is one. A refusal is a value, not an
 * exception, so that its trace can be written in the same transaction.
 */
public record Decision(boolean permitted, Layer layer, String reason, AccessMode mode) {

  public Decision {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(reason, "reason");
  }

  public static Decision permit(Layer layer, String reason) {
    return new Decision(true, layer, reason, null);
  }

  public static Decision deny(Layer layer, String reason) {
    return new Decision(false, layer, reason, null);
  }

  /** A refusal whose reason has a code of its own. */
  public static Decision deny(Layer layer, Refusal reason) {
    return deny(layer, reason.name());
  }

  /** The same decision, made in this mode of access. */
  public Decision in(AccessMode accessMode) {
    return new Decision(permitted, layer, reason, accessMode);
  }
}
