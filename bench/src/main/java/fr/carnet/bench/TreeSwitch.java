package fr.carnet.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Switches the server's tree work (the sequencer and the head signer) off and on while it runs, the
 * way a second instance of Carnet would: by holding their advisory locks ({@code
 * carnet.trace_tree.sequencer} and {@code .heads}, the keys {@code JdbcTraceTree.tryLock} tries) in
 * a session of its own. While held, each of the server's ticks (one a second, one every ten) finds
 * the lock taken and does nothing else: one short query. Also reads how far the tree is behind the
 * traces.
 */
final class TreeSwitch implements AutoCloseable {

  private final Connection session;
  private boolean on = true;

  TreeSwitch(Connection superuser) {
    this.session = superuser;
  }

  /** Waits for the tree's current transaction to end, then keeps the tree from doing more. */
  void off() throws SQLException {
    if (on) {
      try (Statement sql = session.createStatement()) {
        sql.execute(
            "select pg_advisory_lock(hashtext('carnet.trace_tree.sequencer')),"
                + " pg_advisory_lock(hashtext('carnet.trace_tree.heads'))");
      }
      on = false;
    }
  }

  void on() throws SQLException {
    if (!on) {
      try (Statement sql = session.createStatement()) {
        sql.execute(
            "select pg_advisory_unlock(hashtext('carnet.trace_tree.sequencer')),"
                + " pg_advisory_unlock(hashtext('carnet.trace_tree.heads'))");
      }
      on = true;
    }
  }

  /** Only the head signer off: the tree may grow, no head is signed. */
  void headsOff() throws SQLException {
    try (Statement sql = session.createStatement()) {
      sql.execute("select pg_advisory_lock(hashtext('carnet.trace_tree.heads'))");
    }
  }

  /** After {@link #off()}: the sequencer on again, the head signer still off. */
  void sequencerOn() throws SQLException {
    try (Statement sql = session.createStatement()) {
      sql.execute("select pg_advisory_unlock(hashtext('carnet.trace_tree.sequencer'))");
    }
  }

  /** After {@link #sequencerOn()} or {@link #headsOff()}: the head signer on again. */
  void headsOn() throws SQLException {
    try (Statement sql = session.createStatement()) {
      sql.execute("select pg_advisory_unlock(hashtext('carnet.trace_tree.heads'))");
    }
  }

  boolean isOn() {
    return on;
  }

  /** The number of leaves. */
  long size() throws SQLException {
    return single("select coalesce(max(position) + 1, 0) from trace_leaf");
  }

  /**
   * Traces not yet in the tree, estimated cheaply (an index lookup each): the highest trace id less
   * the highest id in the tree. Ids are handed out in order, so this counts the committed traces
   * above the tree's last one, and transactions' ids that were rolled back.
   */
  long lagEstimate() throws SQLException {
    return single(
        "select (select coalesce(max(id), 0) from trace)"
            + " - (select coalesce(max(trace_id), 0) from trace_leaf)");
  }

  /** Traces not yet in the tree, counted exactly. */
  long lag() throws SQLException {
    return single("select (select count(*) from trace) - (select count(*) from trace_leaf)");
  }

  /** Waits until every committed trace is in the tree; answers the milliseconds it took. */
  long awaitCaughtUp(long timeoutMillis) throws Exception {
    long begin = System.nanoTime();
    // The cheap estimate while far behind, the exact count (a pass over the traces) to be sure.
    while (lagEstimate() > 0 || lag() > 0) {
      if ((System.nanoTime() - begin) / 1_000_000 > timeoutMillis) {
        throw new IllegalStateException("The tree did not catch up in " + timeoutMillis + " ms");
      }
      Thread.sleep(100);
    }
    return (System.nanoTime() - begin) / 1_000_000;
  }

  private long single(String query) throws SQLException {
    try (Statement sql = session.createStatement();
        ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    session.close();
  }
}
