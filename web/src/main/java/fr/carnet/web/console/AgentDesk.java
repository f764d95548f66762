package fr.carnet.web.console;

import fr.carnet.account.application.AccountView;
import fr.carnet.account.application.IssuedCode;
import fr.carnet.account.application.LifecycleService;
import fr.carnet.audit.model.Trace;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.Sex;
import fr.carnet.identity.model.Traits;
import fr.carnet.record.application.RecordLookup;
import fr.carnet.record.application.RecordService;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The call centre's desk: find a person by INS and traits, see their account (never its content),
 * and act on the phone: opposition and its withdrawal, a new code, unlocking, closure, reopening.
 * Translates only: the services decide, trace (with the agent's id) and refuse.
 */
@Named("agentDesk")
@ViewScoped
public class AgentDesk implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String NIR_OID = "1.2.250.1.213.1.4.8";
  private static final ZoneId CIVIL_TIME = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm", Locale.FRANCE);

  private static final Map<ErrorCode, String> REFUSALS =
      Map.of(
          ErrorCode.RECORD_NOT_FOUND, "Aucun dossier pour cette identité.",
          ErrorCode.INS_TRAITS_MISMATCH, "Les traits ne correspondent pas au dossier de cet INS.",
          ErrorCode.INS_INVALID_KEY, "La clé de l'INS est fausse : vérifiez le numéro.",
          ErrorCode.INS_INVALID_FORMAT, "Le numéro INS doit compter 15 chiffres.",
          ErrorCode.TRAITS_INVALID, "Les traits d'identité ne sont pas valides.",
          ErrorCode.LIFECYCLE_TRANSITION_INVALID, "L'état du dossier ne permet pas cette action.",
          ErrorCode.FORBIDDEN, "Cette action ne vous est pas permise.");

  private static final Map<String, String> EVENTS =
      Map.ofEntries(
          Map.entry("RECORD_CREATE", "Dossier créé"),
          Map.entry("RECORD_ACTIVATE", "Activé avec le code provisoire"),
          Map.entry("RECORD_OPEN_AT_WINDOW_END", "Ouvert à la fin du délai d'opposition"),
          Map.entry("RECORD_OPPOSE", "Opposition enregistrée"),
          Map.entry("RECORD_OPPOSITION_WITHDRAW", "Opposition retirée"),
          Map.entry("RECORD_CLOSE", "Dossier fermé"),
          Map.entry("RECORD_REOPEN", "Dossier rouvert"),
          Map.entry("RECORD_DEATH", "Décès enregistré"),
          Map.entry("CODE_REISSUE", "Nouveau code provisoire"),
          Map.entry("ACTIVATION_UNLOCK", "Activation débloquée"),
          Map.entry("REPRESENTATIVE_REGISTER", "Représentant légal enregistré"),
          Map.entry("REPRESENTATIVE_END", "Représentation terminée"));

  private static final Map<String, String> STATES =
      Map.of(
          "PENDING", "En attente (délai d'opposition en cours)",
          "OPEN", "Ouvert",
          "OPPOSED", "Opposition enregistrée",
          "CLOSED", "Fermé (archivé)",
          "PURGED", "Supprimé");

  @EJB private RecordService records;
  @EJB private LifecycleService lifecycle;
  @Inject private ConsoleUser user;

  private String insNumber;
  private String birthName;
  private String firstNames;
  private String birthDate;
  private String sex;
  private String birthPlace;
  private UUID recordId;
  private AccountView account;
  private List<Trace> history = List.of();
  private String issuedCode;
  private boolean closureConfirmed;
  private boolean deleteNow;

  /** The agent, as the services know them: their console id, in the agent's role. */
  private Actor actor() {
    return user.actor(Role.AGENT);
  }

  public void find() {
    issuedCode = null;
    account = null;
    recordId = null;
    run(
        () -> {
          LocalDate born;
          try {
            born = LocalDate.parse(birthDate);
          } catch (DateTimeParseException e) {
            throw new CarnetException(ErrorCode.TRAITS_INVALID, "birthDate");
          }
          Traits traits =
              new Traits(birthName, firstNames, born, "F".equals(sex) ? Sex.F : Sex.M, birthPlace);
          RecordLookup found = records.lookup(actor(), Ins.of(insNumber.strip(), NIR_OID), traits);
          recordId = found.id();
          account = lifecycle.account(actor(), recordId);
          history = lifecycle.accountHistory(actor(), recordId);
        });
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
        deleteNow ? "Dossier supprimé." : "Dossier fermé et archivé.");
    closureConfirmed = false;
  }

  public void reopen() {
    act(() -> account = lifecycle.reopen(actor(), recordId), "Dossier rouvert.");
  }

  private void act(Runnable action, String done) {
    issuedCode = null;
    if (recordId == null) {
      return;
    }
    if (run(action)) {
      message(FacesMessage.SEVERITY_INFO, done);
    }
    run(() -> history = lifecycle.accountHistory(actor(), recordId));
  }

  private boolean run(Runnable action) {
    try {
      action.run();
      return true;
    } catch (CarnetException e) {
      message(
          FacesMessage.SEVERITY_ERROR,
          REFUSALS.getOrDefault(e.code(), "Action refusée (" + e.code().name() + ")."));
      return false;
    }
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
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
    String who =
        switch (trace.actorRole()) {
          case "AGENT" -> "conseiller " + trace.actorId();
          case "PATIENT" -> "la personne ou son représentant";
          default -> trace.actorId().startsWith("system:") ? "Carnet" : "administrateur";
        };
    return EVENTS.getOrDefault(trace.action(), trace.action()) + " (" + who + ")";
  }

  public AccountView getAccount() {
    return account;
  }

  public String getIssuedCode() {
    return issuedCode;
  }

  public String getInsNumber() {
    return insNumber;
  }

  public void setInsNumber(String insNumber) {
    this.insNumber = insNumber;
  }

  public String getBirthName() {
    return birthName;
  }

  public void setBirthName(String birthName) {
    this.birthName = birthName;
  }

  public String getFirstNames() {
    return firstNames;
  }

  public void setFirstNames(String firstNames) {
    this.firstNames = firstNames;
  }

  public String getBirthDate() {
    return birthDate;
  }

  public void setBirthDate(String birthDate) {
    this.birthDate = birthDate;
  }

  public String getSex() {
    return sex;
  }

  public void setSex(String sex) {
    this.sex = sex;
  }

  public String getBirthPlace() {
    return birthPlace;
  }

  public void setBirthPlace(String birthPlace) {
    this.birthPlace = birthPlace;
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
}
