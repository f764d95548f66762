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

  void changeStatus(UUID appId, AppStanding.Status status, Instant at, String suspensionReason);

  void insertRequest(CatalogueRequest request);

  Optional<CatalogueRequest> requestForUpdate(UUID id);

  Optional<CatalogueRequest> pendingRequestOf(UUID appId);

  List<CatalogueRequest> pendingRequests(int limit);

  void decide(UUID requestId, CatalogueRequest.Status status, Instant at, String by);
}
