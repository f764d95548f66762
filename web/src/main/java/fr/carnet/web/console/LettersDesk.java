package fr.carnet.web.console;

import fr.carnet.audit.model.ActionWording;
import fr.carnet.notification.application.LetterService;
import fr.carnet.notification.model.Outbox;
import fr.carnet.security.Role;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The letters that could not be produced (a person with neither email, phone nor address), on the
 * agents' desk: shown when the agent asks, each listed record traced, so that the person learns an
 * agent saw it and a caller is told their messages did not reach them.
 */
@Named("lettersDesk")
@ViewScoped
public class LettersDesk implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int LIMIT = 50;

  @EJB private LetterService letters;
  @Inject private ConsoleUser user;

  private List<Outbox.ImpossibleLetter> impossible;

  public void show() {
    impossible = letters.impossible(user.actor(Role.AGENT), LIMIT);
  }

  public boolean isShown() {
    return impossible != null;
  }

  public List<Outbox.ImpossibleLetter> getImpossible() {
    return impossible == null ? List.of() : impossible;
  }

  public String kind(Outbox.ImpossibleLetter letter) {
    return ActionWording.notification(letter.kind());
  }
}
