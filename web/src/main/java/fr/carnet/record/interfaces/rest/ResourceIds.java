package fr.carnet.record.interfaces.rest;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.util.UUID;

/** Ids in paths: a malformed one names nothing, like an unknown one. */
public final class ResourceIds {

  private ResourceIds() {}

  public static UUID uuid(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new CarnetException(ErrorCode.NOT_FOUND, "No such resource");
    }
  }
}
