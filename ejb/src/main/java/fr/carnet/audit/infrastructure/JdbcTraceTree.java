package fr.carnet.audit.infrastructure;

import fr.carnet.audit.model.MerkleTree;
import fr.carnet.audit.model.TraceCanonicalForm;
import fr.carnet.audit.model.TraceTree;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The tree in plain SQL (V18). Hashes are computed in Java; the database only stores them. */
@ApplicationScoped
public class JdbcTraceTree implements TraceTree {

  private static final String TRACE_COLUMNS =
      "t.id, t.at, t.actor_role, t.actor_id, t.actor_rpps, t.actor_profession, t.actor_finess,"
          + " t.record_id, t.document_id, t.action, t.outcome, t.reason, t.detail, t.access_mode,"
          + " t.request_id, t.salt";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public boolean tryLock(String what) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement lock =
            connection.prepareStatement("select pg_try_advisory_xact_lock(hashtext(?))")) {
      lock.setString(1, "carnet.trace_tree." + what);
      try (ResultSet row = lock.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the tree's lock", e);
    }
  }

  @Override
  public void lock(String what) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement timeout =
          connection.prepareStatement("set local lock_timeout = '30s'")) {
        timeout.execute();
      }
      try (PreparedStatement lock =
          connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
        lock.setString(1, "carnet.trace_tree." + what);
        lock.execute();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the tree's lock", e);
    }
  }

  @Override
  public Horizon horizon() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint,"
                    + " (select coalesce(max(id), 0) from trace)"
                    + " from pg_current_snapshot() s");
        ResultSet row = query.executeQuery()) {
      row.next();
      return new Horizon(row.getLong(1), row.getLong(2), row.getLong(3));
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the tree", e);
    }
  }

  @Override
  public long size() {
    return single("select coalesce(max(position) + 1, 0) from trace_leaf");
  }

  @Override
  public long lastTraceId() {
    return single("select coalesce(max(trace_id), 0) from trace_leaf");
  }

  private long single(String sql) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql);
        ResultSet row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the tree", e);
    }
  }

  @Override
  public MerkleTree.NodeSource nodes() {
    return (level, index) -> {
      try (Connection connection = dataSource.getConnection();
          PreparedStatement query =
              connection.prepareStatement(
                  level == 0
                      ? "select leaf_hash from trace_leaf where position = ?"
                      : "select hash from trace_tree_node where index = ? and level = ?")) {
        query.setLong(1, index);
        if (level > 0) {
          query.setInt(2, level);
        }
        try (ResultSet row = query.executeQuery()) {
          if (!row.next()) {
            throw new IllegalStateException("No tree node at level " + level + ", " + index);
          }
          return row.getBytes(1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot read the tree", e);
      }
    };
  }

  @Override
  public Map<MerkleTree.NodeId, byte[]> nodes(Collection<MerkleTree.NodeId> wanted) {
    Map<MerkleTree.NodeId, byte[]> found = new HashMap<>();
    List<Long> leaves = new ArrayList<>();
    List<Integer> levels = new ArrayList<>();
    List<Long> indexes = new ArrayList<>();
    for (MerkleTree.NodeId node : wanted) {
      if (node.level() == 0) {
        leaves.add(node.index());
      } else {
        levels.add(node.level());
        indexes.add(node.index());
      }
    }
    try (Connection connection = dataSource.getConnection()) {
      if (!leaves.isEmpty()) {
        try (PreparedStatement query =
            connection.prepareStatement(
                "select position, leaf_hash from trace_leaf where position = any(?)")) {
          query.setArray(1, connection.createArrayOf("int8", leaves.toArray()));
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              found.put(new MerkleTree.NodeId(0, rows.getLong(1)), rows.getBytes(2));
            }
          }
        }
      }
      if (!levels.isEmpty()) {
        try (PreparedStatement query =
            connection.prepareStatement(
                "select n.level, n.index, n.hash from trace_tree_node n"
                    + " join unnest(?::int4[], ?::int8[]) as w(level, index)"
                    + " on n.level = w.level and n.index = w.index")) {
          query.setArray(1, connection.createArrayOf("int4", levels.toArray()));
          query.setArray(2, connection.createArrayOf("int8", indexes.toArray()));
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              found.put(new MerkleTree.NodeId(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
            }
          }
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the tree", e);
    }
  }

  @Override
  public List<Positioned> positioned(Collection<Long> traceIds, long size) {
    List<Positioned> found = new ArrayList<>();
    if (traceIds.isEmpty()) {
      return found;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select l.position, "
                    + TRACE_COLUMNS
                    + " from trace_leaf l join trace t on t.id = l.trace_id"
                    + " where l.trace_id = any(?) and l.position < ?")) {
      query.setArray(1, connection.createArrayOf("int8", traceIds.toArray()));
      query.setLong(2, size);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          found.add(new Positioned(rows.getLong(1), canonical(rows, 2)));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the tree", e);
    }
  }

  @Override
  public List<TraceCanonicalForm> unsequenced(long afterId, int limit) {
    // Index range scans of ids, the difference taken here, then the rows of those ids only. One
    // query with "not exists (… trace_leaf …) order by id limit" let the planner misjudge how many
    // traces of the open range lack a leaf: over a backlog it hashed all of trace_leaf and read the
    // whole backlog for each batch (measured: 4.8 s a batch of 5,000 with 5 M leaves and 4.7 M
    // traces waiting, the sequencer down to 1,000 traces/s and falling).
    try (Connection connection = dataSource.getConnection();
        PreparedStatement idQuery =
            connection.prepareStatement("select id from trace where id > ? order by id limit ?");
        PreparedStatement leafQuery =
            connection.prepareStatement(
                "select trace_id from trace_leaf where trace_id > ? and trace_id <= ?")) {
      Set<Long> missing = new HashSet<>();
      long from = afterId;
      while (missing.size() < limit) {
        List<Long> ids = new ArrayList<>();
        idQuery.setLong(1, from);
        idQuery.setInt(2, limit);
        try (ResultSet rows = idQuery.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getLong(1));
          }
        }
        if (ids.isEmpty()) {
          break;
        }
        long to = ids.get(ids.size() - 1);
        Set<Long> sequenced = new HashSet<>();
        leafQuery.setLong(1, from);
        leafQuery.setLong(2, to);
        try (ResultSet rows = leafQuery.executeQuery()) {
          while (rows.next()) {
            sequenced.add(rows.getLong(1));
          }
        }
        for (Long id : ids) {
          if (!sequenced.contains(id) && missing.size() < limit) {
            missing.add(id);
          }
        }
        from = to;
      }
      List<TraceCanonicalForm> traces = new ArrayList<>(missing.size());
      if (missing.isEmpty()) {
        return traces;
      }
      try (PreparedStatement rowQuery =
          connection.prepareStatement(
              "select "
                  + TRACE_COLUMNS
                  + " from trace t where t.id >= ? and t.id <= ? order by t.id")) {
        rowQuery.setLong(1, missing.stream().mapToLong(Long::longValue).min().getAsLong());
        rowQuery.setLong(2, missing.stream().mapToLong(Long::longValue).max().getAsLong());
        try (ResultSet rows = rowQuery.executeQuery()) {
          while (rows.next()) {
            if (missing.contains(rows.getLong(1))) {
              traces.add(canonical(rows, 1));
            }
          }
        }
      }
      return traces;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the traces to sequence", e);
    }
  }

  private static TraceCanonicalForm canonical(ResultSet rows, int first) throws SQLException {
    // Typed getters only: getObject(int, Class) goes through reflection in the pool's wrapper.
    // (PostgreSQL's driver answers a uuid column's getObject(int) with a UUID.)
    int c = first;
    return new TraceCanonicalForm(
        rows.getLong(c),
        rows.getTimestamp(c + 1).toInstant(),
        rows.getString(c + 2),
        rows.getString(c + 3),
        rows.getString(c + 4),
        rows.getString(c + 5),
        rows.getString(c + 6),
        (UUID) rows.getObject(c + 7),
        (UUID) rows.getObject(c + 8),
        rows.getString(c + 9),
        rows.getString(c + 10),
        rows.getString(c + 11),
        rows.getString(c + 12),
        rows.getString(c + 13),
        rows.getString(c + 14),
        (UUID) rows.getObject(c + 15));
  }

  @Override
  public void append(List<Leaf> leaves, List<MerkleTree.Frontier.Node> nodes) {
    // One statement for each table whatever the batch's size (arrays unnested by PostgreSQL):
    // row by row, the inserts were half of the sequencer's cost per trace.
    Long[] positions = new Long[leaves.size()];
    Long[] traceIds = new Long[leaves.size()];
    byte[][] leafHashes = new byte[leaves.size()][];
    for (int i = 0; i < leaves.size(); i++) {
      positions[i] = leaves.get(i).position();
      traceIds[i] = leaves.get(i).traceId();
      leafHashes[i] = leaves.get(i).hash();
    }
    Integer[] levels = new Integer[nodes.size()];
    Long[] indexes = new Long[nodes.size()];
    byte[][] nodeHashes = new byte[nodes.size()][];
    for (int i = 0; i < nodes.size(); i++) {
      levels[i] = nodes.get(i).level();
      indexes[i] = nodes.get(i).index();
      nodeHashes[i] = nodes.get(i).hash();
    }
    try (Connection connection = dataSource.getConnection()) {
      if (!leaves.isEmpty()) {
        try (PreparedStatement leafInsert =
            connection.prepareStatement(
                "insert into trace_leaf (position, trace_id, leaf_hash)"
                    + " select * from unnest(?::int8[], ?::int8[], ?::bytea[])")) {
          leafInsert.setArray(1, connection.createArrayOf("int8", positions));
          leafInsert.setArray(2, connection.createArrayOf("int8", traceIds));
          leafInsert.setArray(3, connection.createArrayOf("bytea", leafHashes));
          leafInsert.executeUpdate();
        }
      }
      if (!nodes.isEmpty()) {
        try (PreparedStatement nodeInsert =
            connection.prepareStatement(
                "insert into trace_tree_node (level, index, hash)"
                    + " select * from unnest(?::int2[], ?::int8[], ?::bytea[])")) {
          nodeInsert.setArray(1, connection.createArrayOf("int4", levels));
          nodeInsert.setArray(2, connection.createArrayOf("int8", indexes));
          nodeInsert.setArray(3, connection.createArrayOf("bytea", nodeHashes));
          nodeInsert.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot append to the tree", e);
    }
  }

  @Override
  public OptionalLong positionOf(long traceId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("select position from trace_leaf where trace_id = ?")) {
      query.setLong(1, traceId);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the tree", e);
    }
  }

  @Override
  public List<StoredLeaf> leaves(long fromPosition, long toPosition, int limit) {
    List<StoredLeaf> leaves = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select l.position, l.trace_id, l.leaf_hash, "
                    + TRACE_COLUMNS
                    + " from trace_leaf l left join trace t on t.id = l.trace_id"
                    + " where l.position >= ? and l.position < ? order by l.position limit ?")) {
      query.setLong(1, fromPosition);
      query.setLong(2, toPosition);
      query.setInt(3, limit);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          rows.getLong(4);
          TraceCanonicalForm trace = rows.wasNull() ? null : canonical(rows, 4);
          leaves.add(new StoredLeaf(rows.getLong(1), rows.getLong(2), rows.getBytes(3), trace));
        }
      }
      return leaves;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the tree's leaves", e);
    }
  }

  @Override
  public List<MerkleTree.Frontier.Node> nodesEndingIn(long fromPosition, long toPosition) {
    // Node (level, index) covers the leaves [index << level, (index + 1) << level): it ends in
    // [from, to) when from >> level <= index < to >> level. One index range per level.
    List<Integer> levels = new ArrayList<>();
    List<Long> lows = new ArrayList<>();
    List<Long> highs = new ArrayList<>();
    for (int level = 1; level < 63 && toPosition >> level > 0; level++) {
      if (toPosition >> level > fromPosition >> level) {
        levels.add(level);
        lows.add(fromPosition >> level);
        highs.add(toPosition >> level);
      }
    }
    List<MerkleTree.Frontier.Node> nodes = new ArrayList<>();
    if (levels.isEmpty()) {
      return nodes;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select n.level, n.index, n.hash from unnest(?::int[], ?::bigint[], ?::bigint[])"
                    + " as r(level, low, high) join trace_tree_node n"
                    + " on n.level = r.level and n.index >= r.low and n.index < r.high")) {
      query.setArray(1, connection.createArrayOf("integer", levels.toArray()));
      query.setArray(2, connection.createArrayOf("bigint", lows.toArray()));
      query.setArray(3, connection.createArrayOf("bigint", highs.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          nodes.add(
              new MerkleTree.Frontier.Node(rows.getInt(1), rows.getLong(2), rows.getBytes(3)));
        }
      }
      return nodes;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the tree's nodes", e);
    }
  }

  @Override
  public OptionalLong unsequencedUpTo(long maxId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select min(t.id) from trace t where t.id <= ? and not exists"
                    + " (select 1 from trace_leaf l where l.trace_id = t.id)")) {
      query.setLong(1, maxId);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        long id = row.getLong(1);
        return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(id);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the traces left out of the tree", e);
    }
  }

  @Override
  public void saveHead(SignedHead head) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into tree_head (size, root_hash, signed_at, signature, key_id)"
                    + " values (?, ?, ?, ?, ?) on conflict (size) do nothing")) {
      insert.setLong(1, head.size());
      insert.setBytes(2, head.root());
      insert.setObject(3, head.timestamp().atOffset(ZoneOffset.UTC));
      insert.setBytes(4, head.signature());
      insert.setString(5, head.keyId());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot keep the tree head", e);
    }
  }

  @Override
  public Optional<SignedHead> latestHead() {
    List<SignedHead> found = heads("order by size desc limit 1", null);
    return found.stream().findFirst();
  }

  @Override
  public Optional<SignedHead> head(long size) {
    return heads("where size = ?", size).stream().findFirst();
  }

  @Override
  public List<SignedHead> heads() {
    return heads("order by size", null);
  }

  private List<SignedHead> heads(String where, Long size) {
    List<SignedHead> heads = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select size, root_hash, signed_at, signature, key_id from tree_head " + where)) {
      if (size != null) {
        query.setLong(1, size);
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          heads.add(
              new SignedHead(
                  rows.getLong(1),
                  rows.getBytes(2),
                  rows.getObject(3, OffsetDateTime.class).toInstant(),
                  rows.getBytes(4),
                  rows.getString(5)));
        }
      }
      return heads;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the tree heads", e);
    }
  }
}
