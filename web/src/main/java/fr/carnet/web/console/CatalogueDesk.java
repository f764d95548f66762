package fr.carnet.web.console;

import fr.carnet.catalogue.application.CatalogueService;
import fr.carnet.catalogue.model.Criterion;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The administrators' catalogue of referenced apps (issue 21, item 4): every app with its status
 * and the request waiting for a second administrator, a reviewed app submitted, another
 * administrator's request approved or rejected, an app suspended or its reinstatement asked.
 * Translates only: {@link CatalogueService} decides (four eyes included: one's own request is
 * refused by the gate, the page merely offers no button for it), validates and traces.
 */
@Named("catalogueDesk")
@ViewScoped
public class CatalogueDesk implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final ZoneId CIVIL_TIME = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRANCE);

  private static final Map<String, String> STATUSES =
      Map.of(
          "PENDING", "En attente d'un second administrateur",
          "REFERENCED", "Référencée",
          "REJECTED", "Refusée",
          "SUSPENDED", "Suspendue");

  private static final Map<ErrorCode, String> REFUSALS =
      Map.ofEntries(
          Map.entry(
              ErrorCode.SAME_STAFF_MEMBER,
              "Vous avez fait cette demande : un autre administrateur doit la décider."),
          Map.entry(
              ErrorCode.APPROVAL_EXPIRED,
              "La demande a expiré sans décision : l'application doit être soumise à nouveau."),
          Map.entry(ErrorCode.ALREADY_DECIDED, "La demande a déjà été approuvée ou refusée."),
          Map.entry(
              ErrorCode.APP_CRITERIA_INCOMPLETE,
              "Tous les critères de la grille qui s'appliquent doivent être cochés."),
          Map.entry(
              ErrorCode.APP_CLIENT_ID_TAKEN,
              "Cet identifiant client est déjà celui d'une application du catalogue."),
          Map.entry(
              ErrorCode.APP_STATE_CONFLICT, "L'état de l'application ne permet pas cette action."),
          Map.entry(ErrorCode.APP_NOT_FOUND, "Application introuvable."),
          Map.entry(ErrorCode.NOT_FOUND, "Demande introuvable."),
          Map.entry(ErrorCode.FORBIDDEN, "Réservé aux administrateurs."),
          Map.entry(ErrorCode.VALIDATION_FAILED, "Saisie incomplète ou invalide."));

  @EJB private CatalogueService catalogue;
  @Inject private ConsoleUser user;

  private boolean refused;

  private List<CatalogueService.AppView> apps = List.of();
  private List<Criterion> criteria = List.of();
  private String clientId;
  private String name;
  private String publisher;
  private boolean exchangesData = true;
  private String scopes;
  private List<String> checked = new ArrayList<>();
  private final Map<String, String> reasons = new HashMap<>();

  private Actor actor() {
    return user.actor(Role.ADMIN);
  }

  @PostConstruct
  void load() {
    refused = false;
    try {
      criteria = catalogue.checklist(actor()).criteria();
      apps = catalogue.list(actor(), true);
    } catch (CarnetException e) {
      apps = List.of();
      // Said by the page itself: a message added here, while the page renders, would come after
      // the messages were written.
      refused = true;
    }
  }

  /** A reviewed app submitted: it gives nothing until another administrator approves. */
  public void submit() {
    List<String> asked =
        scopes == null
            ? List.of()
            : Arrays.stream(scopes.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    if (act(
        () ->
            catalogue.submit(
                actor(),
                new CatalogueService.Submission(
                    clientId, name, publisher, exchangesData, asked, List.copyOf(checked))),
        "Demande de référencement enregistrée : un autre administrateur doit l'approuver.")) {
      clientId = null;
      name = null;
      publisher = null;
      scopes = null;
      checked = new ArrayList<>();
    }
  }

  public void approve(UUID requestId) {
    act(() -> catalogue.decide(actor(), requestId, true), "Demande approuvée.");
  }

  public void reject(UUID requestId) {
    act(() -> catalogue.decide(actor(), requestId, false), "Demande refusée.");
  }

  /** Suspended at once: every patient's grant to it gives nothing from now. */
  public void suspend(UUID appId) {
    String reason = reasons.get(appId.toString());
    act(
        () -> catalogue.suspend(actor(), appId, reason),
        "Application suspendue : elle n'a plus accès à aucun dossier.");
    reasons.remove(appId.toString());
  }

  public void askReinstatement(UUID appId) {
    act(
        () -> catalogue.askReinstatement(actor(), appId),
        "Demande de rétablissement enregistrée : un autre administrateur doit l'approuver.");
  }

  private boolean act(Runnable action, String done) {
    boolean acted = DeskMessages.attempt(action, REFUSALS);
    if (acted) {
      DeskMessages.say(FacesMessage.SEVERITY_INFO, done);
    }
    load();
    return acted;
  }

  // ---- What the page shows --------------------------------------------------------------------

  /** Whether the services refused this member the page (not an administrator). */
  public boolean isRefused() {
    return refused;
  }

  /** Whether this administrator asked for it: the second pair of eyes must be someone else's. */
  public boolean mine(String requestedBy) {
    return actor().subject().equals(requestedBy);
  }

  public String status(CatalogueService.AppView view) {
    return STATUSES.getOrDefault(view.app().status().name(), view.app().status().name());
  }

  public String kind(CatalogueService.AppView view) {
    return view.pending() == null
        ? ""
        : view.pending().kind().name().equals("REFERENCE") ? "Référencement" : "Rétablissement";
  }

  public String scopesOf(CatalogueService.AppView view) {
    return String.join(", ", view.app().scopes().stream().sorted().toList());
  }

  public String when(Instant instant) {
    return instant == null ? "—" : WHEN.format(instant.atZone(CIVIL_TIME));
  }

  public List<CatalogueService.AppView> getApps() {
    return apps;
  }

  public List<Criterion> getCriteria() {
    return criteria;
  }

  public Map<String, String> getReasons() {
    return reasons;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPublisher() {
    return publisher;
  }

  public void setPublisher(String publisher) {
    this.publisher = publisher;
  }

  public boolean isExchangesData() {
    return exchangesData;
  }

  public void setExchangesData(boolean exchangesData) {
    this.exchangesData = exchangesData;
  }

  public String getScopes() {
    return scopes;
  }

  public void setScopes(String scopes) {
    this.scopes = scopes;
  }

  public List<String> getChecked() {
    return checked;
  }

  public void setChecked(List<String> checked) {
    this.checked = checked;
  }
}
