package fr.carnet.web.console;

import fr.carnet.access.Representation;
import fr.carnet.account.application.AccountView;
import fr.carnet.account.application.DeletionRequestView;
import fr.carnet.account.application.IssuedCode;
import fr.carnet.account.application.LifecycleService;
import fr.carnet.audit.model.ActionWording;
import fr.carnet.audit.model.Trace;
import fr.carnet.consent.application.RepresentativeService;
import fr.carnet.consent.application.RestrictionService;
import fr.carnet.consent.model.Representative;
import fr.carnet.consent.model.RestrictionRepository;
import fr.carnet.desk.application.CallerConfirmationService;
import fr.carnet.record.application.PersonMatch;
import fr.carnet.record.application.RecordLookup;
import fr.carnet.record.application.RecordService;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.ErrorCode;
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
 * withdrawal, a new code (dictated or sent), unlocking, closure, reopening, representatives.
 * Translates only: the services decide, trace (with the agent's id) and refuse.
 */
@Named("agentDesk")
@ViewScoped
public class AgentDesk implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ZoneId CIVIL_TIME = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm", Locale.FRANCE);

  private static final Map<ErrorCode, String> REFUSALS =
      Map.ofEntries(
          Map.entry(ErrorCode.RECORD_NOT_FOUND, "Aucun dossier pour cette identité."),
          Map.entry(
              ErrorCode.INS_TRAITS_MISMATCH,
              "Les traits ne correspondent pas au dossier de cet INS."),
          Map.entry(ErrorCode.INS_INVALID_KEY, "La clé de l'INS est fausse : vérifiez le numéro."),
          Map.entry(ErrorCode.INS_INVALID_FORMAT, "Le numéro INS doit compter 15 chiffres."),
          Map.entry(ErrorCode.TRAITS_INVALID, "Les traits d'identité ne sont pas valides."),
          Map.entry(
              ErrorCode.LIFECYCLE_TRANSITION_INVALID,
              "L'état du dossier ne permet pas cette action."),
          Map.entry(ErrorCode.FORBIDDEN, "Cette action ne vous est pas permise."),
          Map.entry(
              ErrorCode.CONTACT_MISSING,
              "Le dossier n'a ni courriel, ni téléphone, ni adresse postale."),
          Map.entry(
              ErrorCode.REPRESENTATIVE_ALREADY_REGISTERED,
              "Cette personne est déjà représentante."),
          Map.entry(
              ErrorCode.REPRESENTATION_NOT_APPLICABLE,
              "Cette représentation ne s'applique pas (âge ou situation de la personne)."),
          Map.entry(ErrorCode.REPRESENTATIVE_NOT_FOUND, "Représentant introuvable."),
          Map.entry(
              ErrorCode.SAME_STAFF_MEMBER,
              "Vous avez fait cette demande : un autre membre du personnel doit l'approuver."),
          Map.entry(
              ErrorCode.APPROVAL_EXPIRED,
              "La demande a expiré sans approbation : elle doit être refaite."),
          Map.entry(ErrorCode.ALREADY_DECIDED, "La demande a déjà été approuvée ou refusée."),
          Map.entry(
              ErrorCode.COURT_DECISION_REQUIRED,
              "Pour le tuteur d'un majeur protégé, indiquez le tribunal, la date et le numéro du"
                  + " jugement."),
          Map.entry(ErrorCode.DELETION_REQUEST_NOT_FOUND, "Demande de suppression introuvable."),
          Map.entry(ErrorCode.DOCUMENT_CLASS_UNKNOWN, "Catégorie inconnue."),
          Map.entry(ErrorCode.VALIDATION_FAILED, "Saisie incomplète ou invalide."));

  private static final Map<String, String> STANDINGS =
      Map.of(
          "PENDING", "En attente d'approbation",
          "EXPIRED", "Expirée sans approbation",
          "ACTIVE", "Active",
          "REJECTED", "Refusée",
          "ENDED", "Terminée");

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
  @EJB private RestrictionService restrictionService;
  @EJB private CallerConfirmationService callerConfirmations;
  @Inject private ConsoleUser user;

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
  private IdentityForm representative = new IdentityForm();
  private Representation.Kind repKind = Representation.Kind.MINOR;
  private Representative.Relationship repRelationship = Representative.Relationship.PARENT;
  private String repCourt;
  private LocalDate repCourtDate;
  private String repCourtNumber;
  private List<RepresentativeService.PendingView> pendingRepresentations;
  private List<DeletionRequestView> pendingDeletions;
  private RestrictionService.Restrictions restrictions =
      new RestrictionService.Restrictions(List.of(), List.of());
  private String maskClass;
  private String blockFiness;

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
    restrictions = new RestrictionService.Restrictions(List.of(), List.of());
  }

  /** The person's restrictions, once the caller is confirmed (the policy refuses them before). */
  void loadRestrictions() {
    restrictions = restrictionService.restrictions(actor(), recordId);
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
    restrictions = new RestrictionService.Restrictions(List.of(), List.of());
  }

  // ---- Restrictions the person asks for on the phone -----------------------------------------

  /**
   * Masks a whole class from professionals, as the caller asks. Agents set restrictions, never lift
   * them: lifting widens access to clinical content, so it stays the person's own act.
   */
  public void maskClass() {
    act(
        () -> {
          restrictionService.maskClass(actor(), recordId, maskClass, true);
          restrictions = restrictionService.restrictions(actor(), recordId);
        },
        "Catégorie masquée aux professionnels (sauf à son auteur et au médecin traitant).");
  }

  /** Blocks an organisation by FINESS, as the caller asks: everyone acting for it is refused. */
  public void blockOrganisation() {
    act(
        () -> {
          restrictionService.blockOrganisation(
              actor(), recordId, blockFiness == null ? null : blockFiness.strip(), true);
          restrictions = restrictionService.restrictions(actor(), recordId);
        },
        "Établissement bloqué : personne n'y accède plus au dossier, urgences comprises.");
    blockFiness = null;
  }

  /**
   * Lifts an organisation's block on the caller's request, once the caller is confirmed (the policy
   * refuses it otherwise); called by {@link CallerDesk}, which reports the outcome.
   */
  public void unblockOrganisation(String finess) {
    restrictionService.blockOrganisation(actor(), recordId, finess, false);
    restrictions = restrictionService.restrictions(actor(), recordId);
  }

  public List<String> getMaskableClasses() {
    return restrictionService.maskableClasses();
  }

  public List<RestrictionRepository.ClassMask> getClassMasks() {
    return restrictions.classes();
  }

  public List<RestrictionRepository.OrganisationBlock> getOrganisationBlocks() {
    return restrictions.organisations();
  }

  public String getMaskClass() {
    return maskClass;
  }

  public void setMaskClass(String maskClass) {
    this.maskClass = maskClass;
  }

  public String getBlockFiness() {
    return blockFiness;
  }

  public void setBlockFiness(String blockFiness) {
    this.blockFiness = blockFiness;
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

  /**
   * A parent or guardian, who must have a record of their own (found by INS and traits): a request
   * that a second staff member approves before it gives any right.
   */
  public void registerRepresentative() {
    act(
        () ->
            representatives.register(
                actor(),
                recordId,
                representative.ins(),
                representative.traits(),
                repKind,
                repRelationship,
                courtDecision()),
        "Demande enregistrée : un second membre du personnel doit l'approuver avant que le"
            + " représentant puisse agir.");
    representative = new IdentityForm();
  }

  private Representative.CourtDecision courtDecision() {
    return repKind == Representation.Kind.PROTECTED_ADULT
        ? new Representative.CourtDecision(repCourt, repCourtDate, repCourtNumber)
        : null;
  }

  // ---- The second pair of eyes ----------------------------------------------------------------

  /** What other staff asked and waits for a second staff member, oldest first. */
  public List<RepresentativeService.PendingView> getPendingRepresentations() {
    if (pendingRepresentations == null) {
      pendingRepresentations = List.of();
      run(() -> pendingRepresentations = representatives.pending(actor()));
    }
    return pendingRepresentations;
  }

  public List<DeletionRequestView> getPendingDeletions() {
    if (pendingDeletions == null) {
      pendingDeletions = List.of();
      run(() -> pendingDeletions = lifecycle.pendingDeletions(actor()));
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

  private void decide(Runnable decision, String done) {
    if (run(decision)) {
      message(FacesMessage.SEVERITY_INFO, done);
    }
    pendingRepresentations = null;
    pendingDeletions = null;
    if (recordId != null) {
      run(
          () -> {
            account = lifecycle.account(actor(), recordId);
            history = lifecycle.accountHistory(actor(), recordId);
            representativeList = representatives.list(actor(), recordId);
          });
    }
  }

  public void endRepresentative(UUID representativeId) {
    act(() -> representatives.end(actor(), recordId, representativeId), "Représentation terminée.");
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

  private void act(Runnable action, String done) {
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
    pendingRepresentations = null;
    pendingDeletions = null;
  }

  private boolean run(Runnable action) {
    return DeskMessages.attempt(action, REFUSALS);
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

  public Representation.Kind getRepKind() {
    return repKind;
  }

  public void setRepKind(Representation.Kind repKind) {
    this.repKind = repKind;
  }

  public Representative.Relationship getRepRelationship() {
    return repRelationship;
  }

  public void setRepRelationship(Representative.Relationship repRelationship) {
    this.repRelationship = repRelationship;
  }

  public List<PersonMatch> getMatches() {
    return matches;
  }

  public boolean isMoreMatches() {
    return moreMatches;
  }

  /** The representative's INS and traits, in the one identity form. */
  public IdentityForm getRepresentative() {
    return representative;
  }

  public List<RepresentativeService.RepresentativeView> getRepresentatives() {
    return representativeList;
  }

  /** A representative's kind and relationship, in words. */
  public String representation(RepresentativeService.RepresentativeView view) {
    String relationship =
        view.relationship() == Representative.Relationship.PARENT ? "parent" : "tuteur";
    String kind = view.kind() == Representation.Kind.MINOR ? "d'un mineur" : "d'un majeur protégé";
    return relationship + " " + kind;
  }

  /** A representation's standing, in words. */
  public String standing(RepresentativeService.RepresentativeView view) {
    return STANDINGS.getOrDefault(view.status().name(), view.status().name());
  }

  public String getRepCourt() {
    return repCourt;
  }

  public void setRepCourt(String repCourt) {
    this.repCourt = repCourt;
  }

  public LocalDate getRepCourtDate() {
    return repCourtDate;
  }

  public void setRepCourtDate(LocalDate repCourtDate) {
    this.repCourtDate = repCourtDate;
  }

  public String getRepCourtNumber() {
    return repCourtNumber;
  }

  public void setRepCourtNumber(String repCourtNumber) {
    this.repCourtNumber = repCourtNumber;
  }

  public String birthDay(LocalDate date) {
    return date == null ? "" : DateTimeFormatter.ofPattern("dd/MM/yyyy").format(date);
  }

  public String stateOf(PersonMatch match) {
    return STATES.getOrDefault(match.state().name(), match.state().name());
  }
}
