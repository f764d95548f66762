package fr.carnet.web.rest;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;

/** The {@code by} parameter of the sendings (history, export): {@code contact} or {@code post}. */
public final class SendingChannel {

  private SendingChannel() {}

  /** Whether the sending goes by post; absent means the registered contact. */
  public static boolean byPost(String by) {
    if (by == null || by.equals("contact")) {
      return false;
    }
    if (by.equals("post")) {
      return true;
    }
    throw new CarnetException(ErrorCode.VALIDATION_FAILED, "by is contact or post");
  }
}
