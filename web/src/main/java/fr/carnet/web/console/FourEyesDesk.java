package fr.carnet.web.console;

import fr.carnet.account.application.DeletionRequestView;
import fr.carnet.account.application.LifecycleService;
import fr.carnet.consent.application.RepresentativeService;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * The second pair of eyes: what another staff member asked that gives rights (a representative) or
 * destroys data (a deletion), waiting for an agent who did not ask it. The services refuse the
 * requester's own approval; the page only hides the buttons.
 */
@Named("fourEyesDesk")
@ViewScoped
public class FourEyesDesk implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB private RepresentativeService representatives;
  @EJB private LifecycleService lifecycle;
  @Inject private ConsoleUser user;
  @Inject private AgentDesk desk;

  private List<RepresentativeService.PendingView> pendingRepresentations;
  private List<DeletionRequestView> pendingDeletions;

  private Actor actor() {
    return user.actor(Role.AGENT);
  }

  /** What other staff asked and waits for a second staff member, oldest first. */
  public List<RepresentativeService.PendingView> getPendingRepresentations() {
    if (pendingRepresentations == null) {
      pendingRepresentations = List.of();
      DeskMessages.attempt(
          () -> pendingRepresentations = representatives.pending(actor()), AgentRefusals.WORDS);
    }
    return pendingRepresentations;
  }

  public List<DeletionRequestView> getPendingDeletions() {
    if (pendingDeletions == null) {
      pendingDeletions = List.of();
      DeskMessages.attempt(
          () -> pendingDeletions = lifecycle.pendingDeletions(actor()), AgentRefusals.WORDS);
    }
    return pendingDeletions;
  }

  /** Whether the current agent asked for it: they may not approve it themselves. */
  public boolean mine(String requestedBy) {
    return actor().subject().equals(requestedBy);
  }

  public void approveRepresentative(UUID record, UUID representativeId) {
    decide(
        () -> representatives.approve(actor(), record, representativeId),
        "Représentant approuvé : il peut désormais agir.");
  }

  public void rejectRepresentative(UUID record, UUID representativeId) {
    decide(() -> representatives.reject(actor(), record, representativeId), "Représentant refusé.");
  }

  public void approveDeletion(UUID record, UUID requestId) {
    decide(
        () -> lifecycle.approveDeletion(actor(), record, requestId),
        "Suppression approuvée : les données du dossier sont supprimées.");
  }

  public void rejectDeletion(UUID record, UUID requestId) {
    decide(
        () -> lifecycle.rejectDeletion(actor(), record, requestId),
        "Suppression refusée : le dossier reste fermé et archivé.");
  }

  /** After an action on the desk: the waiting requests are read again at the next render. */
  void forget() {
    pendingRepresentations = null;
    pendingDeletions = null;
  }

  private void decide(Runnable decision, String done) {
    if (DeskMessages.attempt(decision, AgentRefusals.WORDS)) {
      DeskMessages.say(FacesMessage.SEVERITY_INFO, done);
    }
    forget();
    // The person open on the desk may be the one decided about: their account as it now stands.
    desk.reload();
  }
}
