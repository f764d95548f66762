package fr.carnet.audit.infrastructure;

import fr.carnet.audit.model.RetentionRule;
import fr.carnet.audit.model.TraceRetention;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Retention in plain SQL (V21). The drop itself goes through {@code purge_trace_partition}, a
 * security definer function: the application's user has no right to drop a table.
 */
@ApplicationScoped
public class JdbcTraceRetention implements TraceRetention {

  /** The partitions of trace and their bounds, as PostgreSQL prints them (with their offset). */
  private static final String PARTITIONS =
      "select c.oid::regclass::text, b[1]::timestamptz, b[2]::timestamptz,"
          + " pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'"
          + " from pg_inherits i join pg_class c on c.oid = i.inhrelid"
          + " cross join lateral (select regexp_match(pg_get_expr(c.relpartbound, c.oid),"
          + " '^FOR VALUES FROM \\(''([^'']+)''\\) TO \\(''([^'']+)''\\)$') as b) m"
          + " where i.inhparent = 'trace'::regclass order by 2 nulls last, 1";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public List<RetentionRule.Partition> partitions() {
    List<RetentionRule.Partition> partitions = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(PARTITIONS);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        OffsetDateTime from = rows.getObject(2, OffsetDateTime.class);
        OffsetDateTime to = rows.getObject(3, OffsetDateTime.class);
        partitions.add(
            new RetentionRule.Partition(
                rows.getString(1),
                from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant(),
                rows.getBoolean(4)));
      }
      return partitions;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot list the trace partitions", e);
    }
  }

  @Override
  public RetentionRule.Contents contents(RetentionRule.Partition partition) {
    // Through the parent table, which the application's user may read; the range prunes to the
    // one partition.
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select count(*), count(*) filter (where l.position is null), max(l.position)"
                    + " from trace t left join trace_leaf l on l.trace_id = t.id"
                    + " where t.at >= ? and t.at < ?")) {
      query.setObject(1, partition.from().atOffset(ZoneOffset.UTC));
      query.setObject(2, partition.to().atOffset(ZoneOffset.UTC));
      try (ResultSet row = query.executeQuery()) {
        row.next();
        long last = row.getLong(3);
        return new RetentionRule.Contents(
            row.getLong(1), row.getLong(2), row.wasNull() ? null : last);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read a trace partition", e);
    }
  }

  @Override
  public boolean tryLock() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement lock =
            connection.prepareStatement(
                "select pg_try_advisory_xact_lock(hashtext('carnet.trace_retention'))");
        ResultSet row = lock.executeQuery()) {
      row.next();
      return row.getBoolean(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the retention's lock", e);
    }
  }

  @Override
  public long purge(String partition, Period retention) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement call =
            connection.prepareStatement("select purge_trace_partition(?, ?::interval)")) {
      call.setString(1, partition);
      call.setString(2, retention.toString());
      try (ResultSet row = call.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "The database refused to purge " + partition + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<Purge> purges() {
    Map<Long, List<Run>> runs = new LinkedHashMap<>();
    List<Purge> purges = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement query =
              connection.prepareStatement(
                  "select purge_id, first_position, last_position from trace_purge_range"
                      + " order by purge_id, first_position");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          runs.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
              .add(new Run(rows.getLong(2), rows.getLong(3)));
        }
      }
      try (PreparedStatement query =
              connection.prepareStatement(
                  "select id, partition_name, month, traces, first_position, last_position,"
                      + " (extract(year from retention) * 12 + extract(month from retention))::int,"
                      + " extract(day from retention)::int, purged_at from trace_purge order by id");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          long id = rows.getLong(1);
          purges.add(
              new Purge(
                  id,
                  rows.getString(2),
                  rows.getObject(3, LocalDate.class),
                  rows.getLong(4),
                  nullable(rows, 5),
                  nullable(rows, 6),
                  Period.of(0, rows.getInt(7), rows.getInt(8)).normalized(),
                  rows.getObject(9, OffsetDateTime.class).toInstant(),
                  List.copyOf(runs.getOrDefault(id, List.of()))));
        }
      }
      return purges;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the purges", e);
    }
  }

  private static Long nullable(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }

  @Override
  public List<ChainRun> chainRuns(int chain) {
    List<ChainRun> runs = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select first_seq, last_seq, prev_hash, last_hash from trace_chain_purged"
                    + " where chain = ? order by first_seq")) {
      query.setInt(1, chain);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          runs.add(
              new ChainRun(
                  chain, rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4)));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read a chain's purged runs", e);
    }
  }
}
