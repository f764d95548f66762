package fr.carnet.web.console;

import fr.carnet.account.application.AccountView;
import fr.carnet.account.application.DeletionRequestView;
import fr.carnet.account.application.IssuedCode;
import fr.carnet.account.application.LifecycleService;
import fr.carnet.audit.model.ActionWording;
import fr.carnet.audit.model.Trace;
import fr.carnet.consent.application.RepresentativeService;
import fr.carnet.desk.application.CallerConfirmationService;
import fr.carnet.record.application.PersonMatch;
import fr.carnet.record.application.RecordLookup;
import fr.carnet.record.application.RecordService;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The call centre's desk: find a person by INS and traits or by name and birth date, see their
 * account (never its content) and representatives, and act on the phone: opposition and its
 * withdrawal, a new code (dictated or sent), unlocking, closure, reopening. The rest of the desk
 * acts on the person open here: {@link RepresentativesDesk}, {@link RestrictionsDesk}, {@link
 * CallerDesk}, and {@link FourEyesDesk} for what other staff asked. Translates only: the services
 * decide, trace (with the agent's id) and refuse.
 */
@Named("agentDesk")
@ViewScoped
public class AgentDesk implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ZoneId CIVIL_TIME = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm", Locale.FRANCE);

  private static final Map<String, String> STATES =
      Map.of(
          "PENDING", "En attente (délai d'opposition en cours)",
          "OPEN", "Ouvert",
          "OPPOSED", "Opposition enregistrée",
          "CLOSED", "Fermé (archivé)",
          "PURGED", "Supprimé");

  @EJB private RecordService records;
  @EJB private LifecycleService lifecycle;
  @EJB private RepresentativeService representatives;
  @EJB private CallerConfirmationService callerConfirmations;
  @Inject private ConsoleUser user;
  @Inject private RestrictionsDesk restrictions;
  @Inject private AppsDesk apps;
  @Inject private FourEyesDesk fourEyes;

  private final IdentityForm identity = new IdentityForm();
  private UUID recordId;
  private AccountView account;
  private List<Trace> history = List.of();
  private String issuedCode;
  private boolean closureConfirmed;
  private boolean deleteNow;
  private String searchName;
  private LocalDate searchBirthDate;
  private List<PersonMatch> matches = List.of();
  private boolean moreMatches;
  private List<RepresentativeService.RepresentativeView> representativeList = List.of();

  /** The agent, as the services know them: their console id, in the agent's role. */
  private Actor actor() {
    return user.actor(Role.AGENT);
  }

  /** By INS and the five traits, as the person gives them on the phone. */
  public void find() {
    forgetPerson();
    run(
        () -> {
          RecordLookup found = records.lookup(actor(), identity.ins(), identity.traits());
          open(found.id());
        });
  }

  /** By birth name and birth date, for a caller who has no INS at hand. */
  public void searchByName() {
    forgetPerson();
    matches = List.of();
    run(
        () -> {
          RecordService.PersonSearch found = records.search(actor(), searchName, searchBirthDate);
          matches = found.matches();
          moreMatches = found.more();
          if (matches.isEmpty()) {
            message(FacesMessage.SEVERITY_WARN, "Aucune personne trouvée.");
          }
        });
  }

  /** One of the persons a search found, chosen by the agent after checking the traits. */
  public void choose(UUID chosen) {
    forgetPerson();
    if (matches.stream().noneMatch(match -> match.recordId().equals(chosen))) {
      return; // only what this view's search showed may be opened
    }
    run(() -> open(chosen));
  }

  private void open(UUID id) {
    recordId = id;
    account = lifecycle.account(actor(), recordId);
    history = lifecycle.accountHistory(actor(), recordId);
    representativeList = representatives.list(actor(), recordId);
    // The restrictions are the person's controls: shown once the caller is confirmed (CallerDesk).
    restrictions.clear();
    apps.clear();
  }

  private void forgetPerson() {
    if (recordId != null) {
      // Another person, or none: the call about this one is over, and so is its confirmation.
      callerConfirmations.end(actor(), recordId);
    }
    issuedCode = null;
    account = null;
    recordId = null;
    representativeList = List.of();
    restrictions.clear();
    apps.clear();
  }

  public void oppose() {
    act(() -> account = lifecycle.oppose(actor(), recordId), "Opposition enregistrée.");
  }

  public void withdrawOpposition() {
    act(() -> account = lifecycle.withdrawOpposition(actor(), recordId), "Opposition retirée.");
  }

  public void reissueCode() {
    act(
        () -> {
          IssuedCode issued = lifecycle.reissueCode(actor(), recordId);
          issuedCode = issued.code();
          account = lifecycle.account(actor(), recordId);
        },
        "Nouveau code émis : l'ancien ne fonctionne plus.");
  }

  /** The new code goes to the person's email (else phone) instead of being dictated. */
  public void sendCode() {
    act(
        () -> account = lifecycle.sendNewCode(actor(), recordId),
        "Nouveau code envoyé au contact de la personne : l'ancien ne fonctionne plus.");
  }

  public void unlock() {
    act(() -> account = lifecycle.unlock(actor(), recordId), "Activation débloquée.");
  }

  public void close() {
    if (!closureConfirmed) {
      message(FacesMessage.SEVERITY_WARN, "Cochez la confirmation avant de fermer le dossier.");
      return;
    }
    act(
        () -> account = lifecycle.close(actor(), recordId, deleteNow),
        deleteNow
            ? "Dossier fermé et archivé ; la suppression définitive attend l'approbation d'un"
                + " second membre du personnel."
            : "Dossier fermé et archivé.");
    closureConfirmed = false;
  }

  public void reopen() {
    act(() -> account = lifecycle.reopen(actor(), recordId), "Dossier rouvert.");
  }

  /**
   * An action on the person open on the desk, by this desk or another part of it: said when done,
   * the account's history and representatives read again.
   */
  void act(Runnable action, String done) {
    issuedCode = null;
    if (recordId == null) {
      return;
    }
    if (run(action)) {
      message(FacesMessage.SEVERITY_INFO, done);
    }
    run(
        () -> {
          history = lifecycle.accountHistory(actor(), recordId);
          representativeList = representatives.list(actor(), recordId);
        });
    fourEyes.forget();
  }

  /** After a decision elsewhere on the desk: the open person's account as it now stands. */
  void reload() {
    if (recordId != null) {
      run(
          () -> {
            account = lifecycle.account(actor(), recordId);
            history = lifecycle.accountHistory(actor(), recordId);
            representativeList = representatives.list(actor(), recordId);
          });
    }
  }

  private boolean run(Runnable action) {
    return DeskMessages.attempt(action, AgentRefusals.WORDS);
  }

  private static void message(FacesMessage.Severity severity, String text) {
    DeskMessages.say(severity, text);
  }

  // ---- What the page shows --------------------------------------------------------------------

  public String getState() {
    return account == null
        ? ""
        : STATES.getOrDefault(account.state().name(), account.state().name());
  }

  public String date(Instant instant) {
    return instant == null ? "—" : WHEN.format(instant.atZone(CIVIL_TIME));
  }

  public String getCodeStatus() {
    if (account == null) {
      return "";
    }
    return switch (account.codeStatus()) {
      case "ACTIVE" -> "Valide jusqu'au " + date(account.codeExpiresAt());
      case "USED" -> "Utilisé";
      case "EXPIRED" -> "Expiré";
      case "LOCKED" -> "Bloqué après " + account.failedCodeAttempts() + " essais erronés";
      default -> "Aucun";
    };
  }

  public List<Trace> getHistory() {
    return history;
  }

  /** An account event in words, with who did it: the agent by name, the person, or Carnet. */
  public String event(Trace trace) {
    return ActionWording.event(trace);
  }

  public AccountView getAccount() {
    return account;
  }

  /** An agent's deletion request waiting for a second staff member, in words. */
  public String getDeletionRequest() {
    if (account == null || account.deletionRequest() == null) {
      return "—";
    }
    DeletionRequestView request = account.deletionRequest();
    return "Demandée par "
        + request.requestedBy()
        + " le "
        + date(request.requestedAt())
        + ", en attente d'approbation jusqu'au "
        + date(request.expiresAt());
  }

  /** The INS and traits the find form binds. */
  public IdentityForm getIdentity() {
    return identity;
  }

  /** The record open on the desk, or null. */
  public UUID getRecordId() {
    return recordId;
  }

  /** After another part of the desk acted: the account's history as it now stands. */
  public void refreshHistory() {
    if (recordId != null) {
      run(() -> history = lifecycle.accountHistory(actor(), recordId));
    }
  }

  public String getIssuedCode() {
    return issuedCode;
  }

  public boolean isClosureConfirmed() {
    return closureConfirmed;
  }

  public void setClosureConfirmed(boolean closureConfirmed) {
    this.closureConfirmed = closureConfirmed;
  }

  public boolean isDeleteNow() {
    return deleteNow;
  }

  public void setDeleteNow(boolean deleteNow) {
    this.deleteNow = deleteNow;
  }

  public String getSearchName() {
    return searchName;
  }

  public void setSearchName(String searchName) {
    this.searchName = searchName;
  }

  public LocalDate getSearchBirthDate() {
    return searchBirthDate;
  }

  public void setSearchBirthDate(LocalDate searchBirthDate) {
    this.searchBirthDate = searchBirthDate;
  }

  public List<PersonMatch> getMatches() {
    return matches;
  }

  public boolean isMoreMatches() {
    return moreMatches;
  }

  public List<RepresentativeService.RepresentativeView> getRepresentatives() {
    return representativeList;
  }

  public String birthDay(LocalDate date) {
    return date == null ? "" : DateTimeFormatter.ofPattern("dd/MM/yyyy").format(date);
  }

  public String stateOf(PersonMatch match) {
    return STATES.getOrDefault(match.state().name(), match.state().name());
  }
}
