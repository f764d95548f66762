package fr.carnet.catalogue.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.AppStanding;
import fr.carnet.access.Decision;
import fr.carnet.access.application.AccessGate;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.catalogue.model.App;
import fr.carnet.catalogue.model.Catalogue;
import fr.carnet.catalogue.model.CatalogueRequest;
import fr.carnet.catalogue.model.Criterion;
import fr.carnet.catalogue.model.Scopes;
import fr.carnet.reference.model.PolicyDuration;
import fr.carnet.reference.model.PolicyDurations;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The catalogue's administration (issue 21): each method one transaction in which the gate asks the
 * policy and writes the trace. Referencing an app gives it the power to ask patients for rights, so
 * it takes two administrators (the project's four eyes: {@link AccessGate#secondStaffMember});
 * suspending only takes rights away, so one suffices, at once; reinstating gives them back, so it
 * takes two again.
 */
@Stateless
public class CatalogueService {

  private static final int LIST_LIMIT = 200;
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  @Inject private Catalogue catalogue;
  @Inject private AccessGate gate;
  @Inject private PolicyDurations durations;
  @Inject private Clock clock;

  // Carnet's own clients at the identity provider: never an app of the catalogue.
  @Inject
  @ConfigProperty(
      name = "carnet.auth.first-party-clients",
      defaultValue = "carnet-web,carnet-mobile")
  private String firstPartyClients;

  /** What an administrator submits after review. */
  public record Submission(
      String clientId,
      String name,
      String publisher,
      boolean exchangesData,
      List<String> scopes,
      List<String> criteria) {}

  /** An app with the request waiting for a second administrator, if any. */
  public record AppView(App app, CatalogueRequest pending) {}

  /** The checklist and the kinds of scope, as data. */
  public record Checklist(List<Criterion> criteria, java.util.Map<String, Boolean> scopeKinds) {}

  public Checklist checklist(Actor actor) {
    gate.admit(actor, AccountAction.READ_CATALOGUE, TraceAction.CATALOGUE_READ, "checklist");
    return new Checklist(catalogue.criteria(), catalogue.scopeKinds());
  }

  /**
   * One administrator asks to reference an app, after review: every criterion of its checklist met
   * (the reinforced ones for an app that exchanges data), known scopes, a client id that is neither
   * Carnet's own nor another app's. The app gives nothing until a second administrator approves.
   */
  public AppView submit(Actor actor, Submission submission) {
    Decision allowed =
        gate.check(actor, AccountAction.MANAGE_CATALOGUE, TraceAction.CATALOGUE_REQUEST, null);
    String clientId = text(submission.clientId(), "clientId", 128);
    if (!CLIENT_ID.matcher(clientId).matches()) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "clientId is not well formed");
    }
    if (firstParty().contains(clientId)) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "clientId is one of Carnet's own clients");
    }
    String name = text(submission.name(), "name", 120);
    String publisher = text(submission.publisher(), "publisher", 120);
    Set<String> scopes =
        Scopes.declared(
            Scopes.parse(submission.scopes(), catalogue.scopeKinds(), catalogue.documentClasses()),
            submission.exchangesData());
    Set<String> met = criteria(submission.criteria(), submission.exchangesData());
    Instant now = clock.instant();
    App app =
        new App(
            UUID.randomUUID(),
            clientId,
            name,
            publisher,
            submission.exchangesData(),
            scopes,
            AppStanding.Status.PENDING,
            met,
            now,
            null);
    if (!catalogue.insert(app)) {
      throw new CarnetException(ErrorCode.APP_CLIENT_ID_TAKEN);
    }
    CatalogueRequest request = request(actor, app.id(), CatalogueRequest.Kind.REFERENCE, now);
    gate.pass(
        actor,
        TraceAction.CATALOGUE_REQUEST,
        null,
        allowed,
        "reference app " + clientId + " request " + request.id());
    return new AppView(app, request);
  }

  /**
   * The second administrator approves or rejects a request: never the one who asked, nor after the
   * request expired or was decided; each refusal is traced and commits.
   */
  public AppView decide(Actor actor, UUID requestId, boolean approve) {
    TraceAction traced = approve ? TraceAction.CATALOGUE_APPROVE : TraceAction.CATALOGUE_REJECT;
    gate.check(actor, AccountAction.MANAGE_CATALOGUE, traced, "request " + requestId);
    CatalogueRequest request =
        catalogue
            .requestForUpdate(requestId)
            .orElseThrow(() -> new CarnetException(ErrorCode.NOT_FOUND, "No such request"));
    App app = catalogue.appForUpdate(request.appId()).orElseThrow();
    Instant now = clock.instant();
    AccessGate.RequestStanding standing =
        request.status() != CatalogueRequest.Status.PENDING
            ? AccessGate.RequestStanding.DECIDED
            : now.isBefore(request.expiresAt())
                ? AccessGate.RequestStanding.PENDING
                : AccessGate.RequestStanding.EXPIRED;
    String detail = request.kind() + " app " + app.clientId() + " request " + requestId;
    Decision decision =
        gate.secondStaffMember(
            actor, traced, null, request.requestedBy(), standing, detail, "submit the app again");
    // The request and its app move together, in the schema (V40).
    catalogue.decide(requestId, approve, now, actor.subject());
    gate.pass(actor, traced, null, decision, detail + " requested by " + request.requestedBy());
    return new AppView(catalogue.app(app.id()).orElseThrow(), null);
  }

  /** One administrator suspends a referenced app: every grant to it gives nothing from now. */
  public AppView suspend(Actor actor, UUID appId, String reason) {
    Decision allowed =
        gate.check(actor, AccountAction.MANAGE_CATALOGUE, TraceAction.CATALOGUE_SUSPEND, null);
    String why = text(reason, "reason", 500);
    App app = existing(appId);
    if (app.status() != AppStanding.Status.REFERENCED) {
      throw new CarnetException(ErrorCode.APP_STATE_CONFLICT, "Only a referenced app is suspended");
    }
    if (!catalogue.suspend(appId, clock.instant(), why)) {
      // Suspended (or otherwise moved) by another administrator since it was read.
      throw new CarnetException(ErrorCode.APP_STATE_CONFLICT, "Only a referenced app is suspended");
    }
    gate.pass(actor, TraceAction.CATALOGUE_SUSPEND, null, allowed, "suspend app " + app.clientId());
    return new AppView(catalogue.app(appId).orElseThrow(), null);
  }

  /** One administrator asks to reinstate a suspended app; a second decides. */
  public AppView askReinstatement(Actor actor, UUID appId) {
    Decision allowed =
        gate.check(actor, AccountAction.MANAGE_CATALOGUE, TraceAction.CATALOGUE_REQUEST, null);
    App app = existing(appId);
    if (app.status() != AppStanding.Status.SUSPENDED
        || catalogue.pendingRequestOf(appId).isPresent()) {
      throw new CarnetException(
          ErrorCode.APP_STATE_CONFLICT, "Only a suspended app without a pending request");
    }
    CatalogueRequest request =
        request(actor, appId, CatalogueRequest.Kind.REINSTATE, clock.instant());
    gate.pass(
        actor,
        TraceAction.CATALOGUE_REQUEST,
        null,
        allowed,
        "reinstate app " + app.clientId() + " request " + request.id());
    return new AppView(app, request);
  }

  /**
   * The catalogue as the actor may read it: referenced apps for patients and agents; every app with
   * its pending request for administrators ({@code all}).
   */
  public List<AppView> list(Actor actor, boolean all) {
    gate.admit(actor, AccountAction.READ_CATALOGUE, TraceAction.CATALOGUE_READ, "apps");
    if (all) {
      gate.admit(actor, AccountAction.MANAGE_CATALOGUE, TraceAction.CATALOGUE_READ, "all apps");
      var pending =
          catalogue.pendingRequests(LIST_LIMIT).stream()
              .collect(Collectors.toMap(CatalogueRequest::appId, r -> r));
      return catalogue.apps(null, LIST_LIMIT).stream()
          .map(app -> new AppView(app, pending.get(app.id())))
          .toList();
    }
    return catalogue.apps(AppStanding.Status.REFERENCED, LIST_LIMIT).stream()
        .map(app -> new AppView(app, null))
        .toList();
  }

  private CatalogueRequest request(
      Actor actor, UUID appId, CatalogueRequest.Kind kind, Instant now) {
    CatalogueRequest request =
        new CatalogueRequest(
            UUID.randomUUID(),
            appId,
            kind,
            now,
            actor.subject(),
            now.plus(durations.duration(PolicyDuration.APPROVAL_TIMEOUT)),
            CatalogueRequest.Status.PENDING);
    catalogue.insertRequest(request);
    return request;
  }

  private App existing(UUID appId) {
    return catalogue.app(appId).orElseThrow(() -> new CarnetException(ErrorCode.APP_NOT_FOUND));
  }

  /** Every criterion that applies met, and none unknown: "si toutes les cases sont cochées". */
  private Set<String> criteria(List<String> checked, boolean exchangesData) {
    Set<String> given = checked == null ? Set.of() : new HashSet<>(checked);
    List<Criterion> all = catalogue.criteria();
    Set<String> known = all.stream().map(Criterion::code).collect(Collectors.toSet());
    Set<String> required =
        all.stream()
            .filter(c -> c.appliesTo(exchangesData))
            .map(Criterion::code)
            .collect(Collectors.toSet());
    if (!known.containsAll(given) || !given.containsAll(required)) {
      throw new CarnetException(
          ErrorCode.APP_CRITERIA_INCOMPLETE, "Required: " + String.join(", ", required));
    }
    return Set.copyOf(given);
  }

  private Set<String> firstParty() {
    return Arrays.stream(firstPartyClients.split(","))
        .map(String::trim)
        .filter(id -> !id.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String text(String value, String field, int max) {
    if (value == null || value.isBlank() || value.strip().length() > max) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, field + " is required, at most " + max + " characters");
    }
    return value.strip();
  }
}
