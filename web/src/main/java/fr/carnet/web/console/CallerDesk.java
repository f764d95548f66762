package fr.carnet.web.console;

import fr.carnet.audit.application.HistorySending;
import fr.carnet.consent.application.ConsentService;
import fr.carnet.consent.model.ConsentRepository;
import fr.carnet.desk.application.CallerConfirmationService;
import fr.carnet.portability.application.ExportService;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The part of the agent's desk that acts on a person's controls for a caller (issue 19): first the
 * caller's identity confirmed (INS and traits, then the one-time code sent to the registered
 * contact), then emergency access, notification channels, blocks (a professional by RPPS, an
 * organisation's block lifted), the designated GP, the research choice, and the history or export
 * sent to the person. Translates only: the services decide (the policy wants the confirmation),
 * trace under the agent's name and refuse. The agent never sees the history nor a document.
 */
@Named("callerDesk")
@ViewScoped
public class CallerDesk implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Map<ErrorCode, String> REFUSALS =
      Map.ofEntries(
          Map.entry(
              ErrorCode.INS_TRAITS_MISMATCH,
              "L'INS et les traits ne sont pas ceux du dossier ouvert : l'appelant n'est pas"
                  + " confirmé."),
          Map.entry(ErrorCode.INS_INVALID_KEY, "La clé de l'INS est fausse : vérifiez le numéro."),
          Map.entry(ErrorCode.INS_INVALID_FORMAT, "Le numéro INS doit compter 15 chiffres."),
          Map.entry(ErrorCode.TRAITS_INVALID, "Les traits d'identité ne sont pas valides."),
          Map.entry(
              ErrorCode.CALLER_NOT_CONFIRMED,
              "Confirmez d'abord l'identité de l'appelant (INS, traits et code)."),
          Map.entry(
              ErrorCode.CONFIRMATION_CODE_INVALID,
              "Code faux, expiré ou déjà utilisé : l'appelant n'est pas confirmé."),
          Map.entry(
              ErrorCode.CONFIRMATION_LOCKED,
              "Trop de codes faux : envoyez un nouveau code à la personne."),
          Map.entry(ErrorCode.CONFIRMATION_NOT_SENT, "Le code n'a pas pu être envoyé : réessayez."),
          Map.entry(ErrorCode.CONTACT_MISSING, "Le dossier n'a ni courriel ni téléphone."),
          Map.entry(ErrorCode.POSTAL_ADDRESS_MISSING, "Le dossier n'a pas d'adresse postale."),
          Map.entry(ErrorCode.FORBIDDEN, "Cette action ne vous est pas permise."),
          Map.entry(ErrorCode.VALIDATION_FAILED, "Saisie incomplète ou invalide."));

  @EJB private CallerConfirmationService confirmation;
  @EJB private ConsentService consent;
  @EJB private HistorySending historySending;
  @EJB private ExportService export;
  @Inject private ConsoleUser user;
  @Inject private AgentDesk desk;
  @Inject private RestrictionsDesk restrictions;
  @Inject private AppsDesk apps;

  private final IdentityForm caller = new IdentityForm();
  private String code;
  private boolean codeSent;
  private UUID confirmedRecord;
  private Instant confirmedUntil;
  private ConsentService.Settings settings;
  private ConsentService.Research research;
  private List<ConsentRepository.Block> blocks = List.of();
  private String blockRpps;
  private String gpRpps;
  private String unblockFiness;
  private boolean notifyByEmail;
  private boolean notifyBySms;
  private boolean notifyByPost;

  private Actor actor() {
    return user.actor(Role.AGENT);
  }

  private UUID record() {
    return desk.getRecordId();
  }

  /** Whether the caller of the record now open is confirmed, for this agent, right now. */
  public boolean isConfirmed() {
    return record() != null
        && record().equals(confirmedRecord)
        && confirmedUntil != null
        && confirmedUntil.isAfter(Instant.now());
  }

  // ---- Confirming the caller ------------------------------------------------------------------

  /** INS and traits checked; then confirmed at once (no contact), or a code sent to read back. */
  public void begin() {
    UUID record = record();
    if (record == null) {
      return;
    }
    forget();
    run(
        () -> {
          CallerConfirmationService.Started started =
              confirmation.begin(actor(), record, caller.ins(), caller.traits());
          if (started.confirmed()) {
            confirmed(record, started.until());
            message(
                FacesMessage.SEVERITY_INFO,
                "Identité confirmée par l'INS et les traits (le dossier n'a aucun contact où"
                    + " envoyer un code).");
          } else {
            codeSent = true;
            message(
                FacesMessage.SEVERITY_INFO,
                "Un code à six chiffres vient d'être envoyé "
                    + (started.channel().name().equals("EMAIL") ? "par courriel" : "par SMS")
                    + " : demandez à la personne de vous le lire.");
          }
        });
  }

  public void confirmCode() {
    UUID record = record();
    if (record == null) {
      return;
    }
    String given = code;
    code = null;
    run(
        () -> {
          confirmed(record, confirmation.confirm(actor(), record, given));
          codeSent = false;
          message(FacesMessage.SEVERITY_INFO, "Identité de l'appelant confirmée.");
        });
  }

  private void confirmed(UUID record, Instant until) {
    confirmedRecord = record;
    confirmedUntil = until;
    load();
  }

  private void forget() {
    confirmedRecord = null;
    confirmedUntil = null;
    codeSent = false;
    settings = null;
    research = null;
    blocks = List.of();
    apps.clear();
  }

  private void load() {
    settings = consent.settings(actor(), record());
    research = consent.research(actor(), record());
    blocks = consent.blocks(actor(), record());
    restrictions.load();
    apps.load();
    notifyByEmail = settings.notifyByEmail();
    notifyBySms = settings.notifyBySms();
    notifyByPost = settings.notifyByPost();
  }

  /** The call is over: the confirmation counts no longer, here or through the API. */
  public void endCall() {
    UUID record = record();
    if (record != null && run(() -> confirmation.end(actor(), record))) {
      forget();
      message(FacesMessage.SEVERITY_INFO, "Appel terminé : l'appelant n'est plus confirmé.");
    }
  }

  // ---- The controls, on the caller's request ----------------------------------------------------

  // One field per action, the others as they stand when it runs (not as this view loaded them):
  // a change the person made meanwhile in their space is kept.
  public void emergencyOn() {
    act(
        () -> consent.changeEmergencyAccess(actor(), record(), true),
        "Accès en urgence activé : bris de glace et régulation à nouveau possibles.");
  }

  public void emergencyOff() {
    act(
        () -> consent.changeEmergencyAccess(actor(), record(), false),
        "Accès en urgence désactivé : plus de bris de glace ni de régulation.");
  }

  public void saveChannels() {
    act(
        () -> consent.changeChannels(actor(), record(), notifyByEmail, notifyBySms, notifyByPost),
        "Canaux de notification enregistrés.");
  }

  public void blockProfessional() {
    String rpps = strip(blockRpps);
    act(() -> consent.block(actor(), record(), rpps, true), "Professionnel bloqué.");
    blockRpps = null;
  }

  public void unblockProfessional(String rpps) {
    act(() -> consent.block(actor(), record(), rpps, false), "Professionnel débloqué.");
  }

  public void designateGp() {
    String rpps = strip(gpRpps);
    act(() -> consent.designateGp(actor(), record(), rpps), "Médecin traitant désigné.");
    gpRpps = null;
  }

  public void clearGp() {
    act(() -> consent.designateGp(actor(), record(), null), "Médecin traitant retiré.");
  }

  public void opposeResearch() {
    research(true, "Opposition à la réutilisation pour la recherche enregistrée.");
  }

  public void allowResearch() {
    research(false, "Opposition à la recherche retirée.");
  }

  private void research(boolean opposed, String done) {
    act(() -> consent.changeGlobalOpposition(actor(), record(), opposed), done);
  }

  /** An organisation's block lifted on the caller's request (restrictions, as the desk lists). */
  public void unblockOrganisation() {
    String finess = strip(unblockFiness);
    act(
        () -> restrictions.unblockOrganisation(finess),
        "Établissement débloqué : ses professionnels accèdent de nouveau selon les règles.");
    unblockFiness = null;
  }

  /** The access history sent to the person; the agent never sees it. */
  public void sendHistory(boolean byPost) {
    act(
        () -> historySending.request(actor(), record(), byPost),
        byPost
            ? "L'historique des accès partira par courrier à l'adresse de la personne."
            : "La personne est prévenue à son contact : l'historique l'attend dans son espace.");
  }

  /** The export offered to the person (contact, or a letter saying how); never to the agent. */
  public void sendExport(boolean byPost) {
    act(
        () -> export.requestSending(actor(), record(), byPost),
        byPost
            ? "Un courrier expliquera à la personne comment obtenir son export."
            : "La personne est prévenue à son contact : l'export l'attend dans son espace.");
  }

  public boolean isReachableByPost() {
    return record() != null && historySending.reachableByPost(record());
  }

  private void act(Runnable action, String done) {
    if (record() == null) {
      return;
    }
    // The desk asks for the confirmation too, but the policy decides: a stale one is refused.
    if (run(action)) {
      message(FacesMessage.SEVERITY_INFO, done);
    }
    if (isConfirmed()) {
      run(this::load);
    }
    desk.refreshHistory();
  }

  private static String strip(String text) {
    return text == null ? null : text.strip();
  }

  private boolean run(Runnable action) {
    return DeskMessages.attempt(action, REFUSALS);
  }

  private static void message(FacesMessage.Severity severity, String text) {
    DeskMessages.say(severity, text);
  }

  // ---- What the page shows --------------------------------------------------------------------

  public IdentityForm getCaller() {
    return caller;
  }

  public boolean isCodeSent() {
    return codeSent;
  }

  public String getConfirmedUntil() {
    return confirmedUntil == null ? "" : desk.date(confirmedUntil);
  }

  public ConsentService.Settings getSettings() {
    return settings;
  }

  public ConsentService.Research getResearch() {
    return research;
  }

  public List<ConsentRepository.Block> getBlocks() {
    return blocks;
  }

  /**
   * A blocked professional as the desk names them: Carnet keeps no directory of professionals (the
   * RPPS directory is not loaded), so the name is unknown and the RPPS stands alone.
   */
  public String professional(String rpps) {
    return "RPPS " + rpps + " (nom inconnu : Carnet n'a pas l'annuaire des professionnels)";
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public String getBlockRpps() {
    return blockRpps;
  }

  public void setBlockRpps(String blockRpps) {
    this.blockRpps = blockRpps;
  }

  public String getGpRpps() {
    return gpRpps;
  }

  public void setGpRpps(String gpRpps) {
    this.gpRpps = gpRpps;
  }

  public String getUnblockFiness() {
    return unblockFiness;
  }

  public void setUnblockFiness(String unblockFiness) {
    this.unblockFiness = unblockFiness;
  }

  public boolean isNotifyByEmail() {
    return notifyByEmail;
  }

  public void setNotifyByEmail(boolean notifyByEmail) {
    this.notifyByEmail = notifyByEmail;
  }

  public boolean isNotifyBySms() {
    return notifyBySms;
  }

  public void setNotifyBySms(boolean notifyBySms) {
    this.notifyBySms = notifyBySms;
  }

  public boolean isNotifyByPost() {
    return notifyByPost;
  }

  public void setNotifyByPost(boolean notifyByPost) {
    this.notifyByPost = notifyByPost;
  }
}
