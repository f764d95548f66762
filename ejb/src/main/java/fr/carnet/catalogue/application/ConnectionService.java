package fr.carnet.catalogue.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.AppStanding;
import fr.carnet.access.Decision;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.catalogue.model.App;
import fr.carnet.catalogue.model.Catalogue;
import fr.carnet.catalogue.model.Connection;
import fr.carnet.catalogue.model.Connections;
import fr.carnet.catalogue.model.Scopes;
import fr.carnet.consent.application.ConsentService;
import fr.carnet.notification.application.Notifications;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.DocumentQuery;
import fr.carnet.record.model.DocumentRepository;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The apps a patient connects to their record (issue 21): each method one transaction in which the
 * gate asks the policy ({@link fr.carnet.access.AccessPolicy#mayManageApps}) and writes the trace.
 * The person alone connects an app; the person, or a call-centre agent for a confirmed caller,
 * lists and revokes.
 */
@Stateless
public class ConnectionService {

  private static final int LIST_LIMIT = 100;

  @Inject private Catalogue catalogue;
  @Inject private Connections connections;
  @Inject private AccessGate gate;
  @Inject private AccessService access;
  @Inject private DocumentRepository documents;
  @Inject private Notifications notifications;
  @Inject private Clock clock;

  // The longest a patient's grant to an app runs: they connect it again after.
  /** The longest duration text read: an ISO-8601 period of a year or so needs a dozen. */
  static final int MAX_DURATION_TEXT = 32;

  @Inject
  @ConfigProperty(name = "carnet.catalogue.max-grant", defaultValue = "P1Y")
  private String maxGrant;

  /** One connected app, as the preview shows it: its grant, then what it sees of the page. */
  public record AppPreview(
      Connection connection, Decision record, List<ConsentService.PreviewedDocument> documents) {}

  /**
   * The person connects a referenced app, granting some of the scopes it was referenced for, for
   * {@code duration} (ISO-8601, as {@code P90D}) within {@code carnet.catalogue.max-grant}. A live
   * connection of the same app is replaced: the new grant is the one that stands.
   */
  public Connection connect(
      Actor actor, UUID recordId, String clientId, List<String> scopes, String duration) {
    App app =
        catalogue
            .byClientId(clientId == null ? "" : clientId)
            .filter(found -> found.status() == AppStanding.Status.REFERENCED)
            .orElseThrow(() -> new CarnetException(ErrorCode.APP_NOT_FOUND));
    Set<String> granted =
        Scopes.within(
            Scopes.parse(scopes, catalogue.scopeKinds(), catalogue.documentClasses()),
            app.scopes());
    Instant now = clock.instant();
    gate.enter(
        actor,
        recordId,
        TraceAction.APP_CONNECT,
        "app " + app.clientId() + " " + String.join(" ", granted.stream().sorted().toList()),
        ErrorCode.FORBIDDEN,
        (policy, facts) -> policy.mayManageApps(actor, facts, true));
    // After the gate: a refused actor's request is traced whatever its duration.
    Instant expiresAt = expiry(now, duration);
    connections
        .liveForUpdate(recordId, app.id())
        .ifPresent(old -> connections.revoke(old.id(), now, actor.subject(), "REPLACED"));
    Connection connection =
        new Connection(
            UUID.randomUUID(),
            recordId,
            app.id(),
            app.clientId(),
            app.name(),
            granted,
            now,
            expiresAt,
            null);
    connections.insert(connection);
    return connection;
  }

  /** The record's connected apps, neither revoked nor expired. */
  public List<Connection> list(Actor actor, UUID recordId) {
    gate.enter(
        actor,
        recordId,
        TraceAction.APP_LIST,
        null,
        ErrorCode.FORBIDDEN,
        (policy, facts) -> policy.mayManageApps(actor, facts, false));
    return connections.live(recordId, clock.instant(), LIST_LIMIT);
  }

  /**
   * Revokes a connected app: the app gets nothing from this transaction's commit. An agent's
   * revocation is told to the person, as the desk's other changes are.
   */
  public void revoke(Actor actor, UUID recordId, UUID connectionId) {
    gate.enter(
        actor,
        recordId,
        TraceAction.APP_REVOKE,
        "connection " + connectionId,
        ErrorCode.FORBIDDEN,
        (policy, facts) -> policy.mayManageApps(actor, facts, false));
    Connection connection =
        connections
            .one(recordId, connectionId)
            .filter(found -> found.revokedAt() == null)
            .orElseThrow(() -> new CarnetException(ErrorCode.APP_CONNECTION_NOT_FOUND));
    connections.revoke(connection.id(), clock.instant(), actor.subject(), actor.role().name());
    notifications.agentChanged(actor, recordId, TraceAction.APP_REVOKE);
  }

  /**
   * What each connected app can see of the record as things stand (its grant, the catalogue, the
   * masks), document by document over one page of what the person sees: nothing is accessed as the
   * app, the policy is only asked. The person's own question, as connecting is.
   */
  public List<AppPreview> preview(Actor actor, UUID recordId, DocumentQuery query) {
    AccessFacts mine =
        gate.enter(
            actor,
            recordId,
            TraceAction.APP_PREVIEW,
            null,
            ErrorCode.FORBIDDEN,
            (policy, facts) -> policy.mayManageApps(actor, facts, true));
    List<DocumentListing> page =
        documents.search(recordId, query, access.policy().visibility(actor, mine));
    return connections.live(recordId, clock.instant(), LIST_LIMIT).stream()
        .map(
            connection -> {
              Actor app = Actor.app(actor.subject(), actor.ins(), connection.clientId());
              AccessFacts theirs = access.facts(app, recordId);
              Decision record = access.policy().visibility(app, theirs).decision();
              List<ConsentService.PreviewedDocument> seen =
                  page.stream()
                      .map(
                          d -> {
                            Decision decision =
                                access
                                    .policy()
                                    .mayRead(app, theirs, DocumentService.documentFacts(d));
                            return new ConsentService.PreviewedDocument(
                                d.id(),
                                d.classCode(),
                                d.title(),
                                d.authoredAt(),
                                decision.permitted(),
                                decision.layer(),
                                decision.reason());
                          })
                      .toList();
              return new AppPreview(connection, record, seen);
            })
        .toList();
  }

  /** The end of a grant of this duration from now, refused beyond the configured longest. */
  private Instant expiry(Instant now, String duration) {
    if (duration == null || duration.length() > MAX_DURATION_TEXT) {
      throw new CarnetException(ErrorCode.APP_GRANT_DURATION_INVALID);
    }
    Instant expiresAt;
    try {
      expiresAt =
          duration.contains("T")
              ? now.plus(Duration.parse(duration))
              : now.atOffset(ZoneOffset.UTC).plus(Period.parse(duration)).toInstant();
    } catch (DateTimeException | ArithmeticException e) {
      // DateTimeParseException, and the overflow of an instant past year 1e9 (P999999999Y).
      throw new CarnetException(ErrorCode.APP_GRANT_DURATION_INVALID);
    }
    Instant longest = now.atOffset(ZoneOffset.UTC).plus(Period.parse(maxGrant)).toInstant();
    if (!expiresAt.isAfter(now.plus(Duration.ofHours(1))) || expiresAt.isAfter(longest)) {
      throw new CarnetException(
          ErrorCode.APP_GRANT_DURATION_INVALID, "From an hour to " + maxGrant + " at most");
    }
    return expiresAt;
  }
}
