package fr.carnet.catalogue.infrastructure;

import fr.carnet.access.AppStanding;
import fr.carnet.catalogue.model.App;
import fr.carnet.catalogue.model.Catalogue;
import fr.carnet.catalogue.model.CatalogueRequest;
import fr.carnet.catalogue.model.Criterion;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The catalogue in plain SQL (migration V35), on the caller's transaction. */
@ApplicationScoped
public class JdbcCatalogue implements Catalogue {

  private static final String APP =
      "select a.id, a.client_id, a.name, a.publisher, a.exchanges_data, a.scopes, a.status,"
          + " a.changed_at, a.suspension_reason,"
          + " (select string_agg(c.code, ' ') from catalogue_app_criterion c where c.app_id = a.id)"
          + " as criteria from catalogue_app a";

  private static final String REQUEST =
      "select id, app_id, kind, requested_at, requested_by, expires_at, status"
          + " from catalogue_request";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public List<Criterion> criteria() {
    return Jdbc.query(
        dataSource,
        "select code, applies_to, label_fr from catalogue_criterion order by position",
        row -> new Criterion(row.getString(1), "DATA".equals(row.getString(2)), row.getString(3)));
  }

  @Override
  public Map<String, Boolean> scopeKinds() {
    Map<String, Boolean> kinds = new LinkedHashMap<>();
    Jdbc.query(
            dataSource,
            "select code, takes_class from catalogue_scope_kind order by code",
            row -> Map.entry(row.getString(1), row.getBoolean(2)))
        .forEach(kind -> kinds.put(kind.getKey(), kind.getValue()));
    return kinds;
  }

  @Override
  public Set<String> documentClasses() {
    return new HashSet<>(
        Jdbc.query(dataSource, "select code from document_class", row -> row.getString(1)));
  }

  @Override
  public Optional<App> app(UUID id) {
    return Jdbc.query(dataSource, APP + " where a.id = ?", JdbcCatalogue::app, id).stream()
        .findFirst();
  }

  @Override
  public Optional<App> appForUpdate(UUID id) {
    // Locks the app's row: two administrators deciding about one app wait for each other.
    // Through V40's function: the application's role has no UPDATE privilege, which FOR UPDATE
    // needs.
    Jdbc.query(dataSource, "select lock_catalogue_app(?::uuid)", row -> null, id);
    return app(id);
  }

  @Override
  public Optional<App> byClientId(String clientId) {
    return Jdbc.query(dataSource, APP + " where a.client_id = ?", JdbcCatalogue::app, clientId)
        .stream()
        .findFirst();
  }

  @Override
  public List<App> apps(AppStanding.Status status, int limit) {
    return status == null
        ? Jdbc.query(dataSource, APP + " order by a.name limit ?", JdbcCatalogue::app, limit)
        : Jdbc.query(
            dataSource,
            APP + " where a.status = ? order by a.name limit ?",
            JdbcCatalogue::app,
            status.name(),
            limit);
  }

  @Override
  public boolean insert(App app) {
    int inserted =
        Jdbc.update(
            dataSource,
            "insert into catalogue_app (id, client_id, name, publisher, exchanges_data, scopes,"
                + " status, created_at, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (client_id) do nothing",
            app.id(),
            app.clientId(),
            app.name(),
            app.publisher(),
            app.exchangesData(),
            Jdbc.scopes(app.scopes()),
            app.status().name(),
            app.changedAt(),
            app.changedAt());
    if (inserted == 0) {
      return false;
    }
    for (String code : app.criteria()) {
      Jdbc.update(
          dataSource,
          "insert into catalogue_app_criterion (app_id, code) values (?, ?)",
          app.id(),
          code);
    }
    return true;
  }

  @Override
  public boolean suspend(UUID appId, Instant at, String reason) {
    return Jdbc.query(
            dataSource,
            "select suspend_catalogue_app(?::uuid, ?::timestamptz, ?::varchar)",
            row -> row.getBoolean(1),
            appId,
            at,
            reason)
        .get(0);
  }

  @Override
  public void insertRequest(CatalogueRequest r) {
    Jdbc.update(
        dataSource,
        "insert into catalogue_request (id, app_id, kind, requested_at, requested_by, expires_at,"
            + " status) values (?, ?, ?, ?, ?, ?, ?)",
        r.id(),
        r.appId(),
        r.kind().name(),
        r.requestedAt(),
        r.requestedBy(),
        r.expiresAt(),
        r.status().name());
  }

  @Override
  public Optional<CatalogueRequest> requestForUpdate(UUID id) {
    Jdbc.query(dataSource, "select lock_catalogue_request(?::uuid)", row -> null, id);
    return Jdbc.query(dataSource, REQUEST + " where id = ?", JdbcCatalogue::request, id).stream()
        .findFirst();
  }

  @Override
  public Optional<CatalogueRequest> pendingRequestOf(UUID appId) {
    return Jdbc.query(
            dataSource,
            REQUEST + " where app_id = ? and status = 'PENDING'",
            JdbcCatalogue::request,
            appId)
        .stream()
        .findFirst();
  }

  @Override
  public List<CatalogueRequest> pendingRequests(int limit) {
    return Jdbc.query(
        dataSource,
        REQUEST + " where status = 'PENDING' order by requested_at limit ?",
        JdbcCatalogue::request,
        limit);
  }

  @Override
  public AppStanding.Status decide(UUID requestId, boolean approve, Instant at, String by) {
    return AppStanding.Status.valueOf(
        Jdbc.query(
                dataSource,
                "select decide_catalogue_request(?::uuid, ?, ?::timestamptz, ?::varchar)",
                row -> row.getString(1),
                requestId,
                approve,
                at,
                by)
            .get(0));
  }

  private static App app(ResultSet row) throws SQLException {
    return new App(
        row.getObject("id", UUID.class),
        row.getString("client_id"),
        row.getString("name"),
        row.getString("publisher"),
        row.getBoolean("exchanges_data"),
        Jdbc.scopes(row.getString("scopes")),
        AppStanding.Status.valueOf(row.getString("status")),
        Jdbc.scopes(row.getString("criteria")),
        Jdbc.instant(row, "changed_at"),
        row.getString("suspension_reason"));
  }

  private static CatalogueRequest request(ResultSet row) throws SQLException {
    return new CatalogueRequest(
        row.getObject("id", UUID.class),
        row.getObject("app_id", UUID.class),
        CatalogueRequest.Kind.valueOf(row.getString("kind")),
        Jdbc.instant(row, "requested_at"),
        row.getString("requested_by"),
        Jdbc.instant(row, "expires_at"),
        CatalogueRequest.Status.valueOf(row.getString("status")));
  }
}
