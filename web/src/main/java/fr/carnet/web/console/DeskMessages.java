package fr.carnet.web.console;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Map;

/**
 * How the desks run an action and say its outcome: a refusal in the desk's own French words, never
 * a stack trace nor the service's English; shown in the page's {@code role="alert"} regions.
 */
final class DeskMessages {

  private DeskMessages() {}

  /** Runs the action; a refusal is said in these words (by its code), and false returned. */
  static boolean attempt(Runnable action, Map<ErrorCode, String> refusals) {
    try {
      action.run();
      return true;
    } catch (IllegalArgumentException e) {
      say(FacesMessage.SEVERITY_ERROR, refusals.get(ErrorCode.VALIDATION_FAILED));
      return false;
    } catch (CarnetException e) {
      say(
          FacesMessage.SEVERITY_ERROR,
          refusals.getOrDefault(e.code(), "Action refusée (" + e.code().name() + ")."));
      return false;
    }
  }

  static void say(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }
}
