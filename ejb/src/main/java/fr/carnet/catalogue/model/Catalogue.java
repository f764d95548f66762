package fr.carnet.catalogue.model;

import fr.carnet.access.AppStanding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The catalogue's apps, checklist, scope kinds and four-eyes requests. */
public interface Catalogue {

  List<Criterion> criteria();

  /** The kinds of scope, each with whether it takes a document class. */
  Map<String, Boolean> scopeKinds();

  /** The codes of the document classes a read scope may name. */
  Set<String> documentClasses();

  Optional<App> app(UUID id);

  /** The app, locked for the rest of the transaction (a decision about it). */
  Optional<App> appForUpdate(UUID id);

  Optional<App> byClientId(String clientId);

  /** The apps in this status, by name, at most {@code limit}; all of them with a null status. */
  List<App> apps(AppStanding.Status status, int limit);

  /** Stores a new app and its met criteria; false if its client id is taken. */
  boolean insert(App app);

  /**
   * Suspends a referenced app (migration V40's {@code suspend_catalogue_app}); false if it was not
   * referenced, and nothing changed.
   */
  boolean suspend(UUID appId, Instant at, String reason);

  void insertRequest(CatalogueRequest request);

  Optional<CatalogueRequest> requestForUpdate(UUID id);

  Optional<CatalogueRequest> pendingRequestOf(UUID appId);

  List<CatalogueRequest> pendingRequests(int limit);

  /**
   * Decides a pending request and moves its app with it, in one step of the schema (V40's {@code
   * decide_catalogue_request}: the application's role updates neither table itself): an approved
   * request references or reinstates the app, a rejected reference rejects it, a rejected
   * reinstatement leaves it suspended. Returns the app's status after.
   */
  AppStanding.Status decide(UUID requestId, boolean approve, Instant at, String by);
}
