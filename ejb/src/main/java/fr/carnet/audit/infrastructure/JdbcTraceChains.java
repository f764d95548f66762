package fr.carnet.audit.infrastructure;

import fr.carnet.audit.model.TraceChains;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The chains in plain SQL; hashes are recomputed by the database's own definition (V8). */
@ApplicationScoped
public class JdbcTraceChains implements TraceChains {

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public List<Head> heads() {
    List<Head> heads = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select chain, length, last_hash from trace_chain order by chain");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        heads.add(new Head(rows.getInt(1), rows.getLong(2), rows.getString(3)));
      }
      return heads;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the chains' heads", e);
    }
  }

  @Override
  public Optional<Checkpoint> checkpoint(int chain) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select seq, hash from trace_chain_checkpoint where chain = ?")) {
      query.setInt(1, chain);
      try (ResultSet row = query.executeQuery()) {
        return row.next()
            ? Optional.of(new Checkpoint(row.getLong(1), row.getString(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read a checkpoint", e);
    }
  }

  @Override
  public List<Link> links(int chain, long fromSeq, long toSeq, int limit) {
    List<Link> links = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select id, seq, prev_hash, hash, trace_hash(t) from trace t"
                    + " where chain = ? and seq >= ? and seq < ? order by seq limit ?")) {
      query.setInt(1, chain);
      query.setLong(2, fromSeq);
      query.setLong(3, toSeq);
      query.setInt(4, limit);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          links.add(
              new Link(
                  rows.getLong(1),
                  rows.getLong(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5)));
        }
      }
      return links;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read a chain", e);
    }
  }

  @Override
  public void checkpoint(int chain, Checkpoint checkpoint, Instant at) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert =
            connection.prepareStatement(
                "insert into trace_chain_checkpoint (chain, seq, hash, verified_at)"
                    + " values (?, ?, ?, ?) on conflict (chain) do update"
                    + " set seq = excluded.seq, hash = excluded.hash,"
                    + " verified_at = excluded.verified_at")) {
      upsert.setInt(1, chain);
      upsert.setLong(2, checkpoint.seq());
      upsert.setString(3, checkpoint.hash());
      upsert.setObject(4, at.atOffset(ZoneOffset.UTC));
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot save a checkpoint", e);
    }
  }
}
