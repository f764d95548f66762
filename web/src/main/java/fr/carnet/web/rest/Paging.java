package fr.carnet.web.rest;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;

/**
 * The {@code limit} and {@code cursor} query parameters of paged lists, read the same everywhere.
 */
public final class Paging {

  private Paging() {}

  /** The page size asked for, {@code byDefault} when absent, refused outside 1 to {@code max}. */
  public static int limit(Integer limit, int byDefault, int max) {
    return size("limit", limit, byDefault, max);
  }

  /** A page size under the name its interface gives it ({@code limit}, FHIR's {@code _count}). */
  public static int size(String parameter, Integer size, int byDefault, int max) {
    int value = size == null ? byDefault : size;
    if (value < 1 || value > max) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, parameter + " must be between 1 and " + max);
    }
    return value;
  }

  /** A cursor that is the id of the last item of the previous page; null for the first page. */
  public static Long idCursor(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw new CarnetException(ErrorCode.CURSOR_INVALID);
    }
  }
}
