package fr.carnet.catalogue.infrastructure;

import fr.carnet.catalogue.model.Connection;
import fr.carnet.catalogue.model.Connections;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The apps patients connected (migration V35), on the caller's transaction. */
@ApplicationScoped
public class JdbcConnections implements Connections {

  private static final String CONNECTION =
      "select c.id, c.record_id, c.app_id, a.client_id, a.name, c.scopes, c.granted_at,"
          + " c.expires_at, c.revoked_at from app_connection c"
          + " join catalogue_app a on a.id = c.app_id";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public Optional<Connection> liveForUpdate(UUID recordId, UUID appId) {
    // Locked through V40's function (FOR UPDATE needs the UPDATE privilege the role has not),
    // then read as it stands once locked.
    lock(recordId, appId, null);
    return Jdbc.query(
            dataSource,
            CONNECTION + " where c.record_id = ? and c.app_id = ? and c.revoked_at is null",
            JdbcConnections::connection,
            recordId,
            appId)
        .stream()
        .findFirst();
  }

  @Override
  public Optional<Connection> one(UUID recordId, UUID connectionId) {
    lock(recordId, null, connectionId);
    return Jdbc.query(
            dataSource,
            CONNECTION + " where c.record_id = ? and c.id = ?",
            JdbcConnections::connection,
            recordId,
            connectionId)
        .stream()
        .findFirst();
  }

  @Override
  public void insert(Connection c) {
    Jdbc.update(
        dataSource,
        "insert into app_connection (id, record_id, app_id, scopes, granted_at, expires_at)"
            + " values (?, ?, ?, ?, ?, ?)",
        c.id(),
        c.recordId(),
        c.appId(),
        Jdbc.scopes(c.scopes()),
        c.grantedAt(),
        c.expiresAt());
  }

  @Override
  public boolean revoke(UUID connectionId, Instant at, String by, String byRole) {
    // Through V40's function: the application's role updates no connection itself, and a
    // revocation is final (its trigger).
    return Jdbc.query(
            dataSource,
            "select revoke_app_connection(?::uuid, ?::timestamptz, ?::varchar, ?::varchar)",
            row -> row.getBoolean(1),
            connectionId,
            at,
            by,
            byRole)
        .get(0);
  }

  @Override
  public List<Connection> live(UUID recordId, Instant now, int limit) {
    return Jdbc.query(
        dataSource,
        CONNECTION
            + " where c.record_id = ? and c.revoked_at is null and c.expires_at > ?"
            + " order by c.granted_at desc limit ?",
        JdbcConnections::connection,
        recordId,
        now,
        limit);
  }

  private void lock(UUID recordId, UUID appId, UUID connectionId) {
    Jdbc.query(
        dataSource,
        "select lock_app_connection(?::uuid, ?::uuid, ?::uuid)",
        row -> null,
        recordId,
        appId,
        connectionId);
  }

  private static Connection connection(ResultSet row) throws SQLException {
    return new Connection(
        row.getObject("id", UUID.class),
        row.getObject("record_id", UUID.class),
        row.getObject("app_id", UUID.class),
        row.getString("client_id"),
        row.getString("name"),
        Jdbc.scopes(row.getString("scopes")),
        Jdbc.instant(row, "granted_at"),
        Jdbc.instant(row, "expires_at"),
        Jdbc.instant(row, "revoked_at"));
  }
}
