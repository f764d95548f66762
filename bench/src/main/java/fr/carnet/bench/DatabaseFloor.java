package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database's floor: transactions of two plain inserts each, committed one by one on {@code
 * clients} JDBC connections of their own to the bench's PostgreSQL, as a push's own transaction at
 * least is. What the database can do with nothing of Carnet's in the way: the benches divide a
 * load's throughput by it.
 */
final class DatabaseFloor {

  static final String NAME = "floor: bare two-insert transaction (JDBC)";

  private DatabaseFloor() {}

  /** The floor's table, in Carnet's database but none of Carnet's (created once per database). */
  static void prepare(DevServer server) throws SQLException {
    prepare(server.database());
  }

  /** The same in a database of our own (the cluster's). */
  static void prepare(fr.carnet.devserver.DevDatabase database) throws SQLException {
    try (Connection superuser = database.superuserConnection();
        Statement sql = superuser.createStatement()) {
      sql.execute(
          "create table if not exists bench_floor (id bigserial primary key, payload text not null)");
    }
  }

  /** {@code count} transactions in all. */
  static Load.Result transactions(DevServer server, int clients, int count) throws Exception {
    AtomicLong next = new AtomicLong();
    return run(server.database(), clients, () -> next.getAndIncrement() < count);
  }

  /** As many transactions as {@code clients} connections commit in {@code seconds}. */
  static Load.Result transactionsFor(DevServer server, int clients, double seconds)
      throws Exception {
    return transactionsFor(server.database(), clients, seconds);
  }

  /** The same on a database of our own (the cluster's). */
  static Load.Result transactionsFor(
      fr.carnet.devserver.DevDatabase database, int clients, double seconds) throws Exception {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    return run(database, clients, () -> System.nanoTime() < deadline);
  }

  private interface More {
    boolean next();
  }

  private static Load.Result run(fr.carnet.devserver.DevDatabase database, int clients, More more)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> workers = new ArrayList<>();
    // Connected before the clock starts: a connection's start-up is not a transaction's cost.
    List<Connection> connections = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Connection connection = database.superuserConnection();
      connection.setAutoCommit(false);
      connections.add(connection);
    }
    long begin = System.nanoTime();
    for (Connection connection : connections) {
      workers.add(pool.submit(() -> commitWhile(connection, more)));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> worker : workers) {
      all.add(worker.get());
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    pool.shutdown();
    for (Connection connection : connections) {
      connection.close();
    }
    long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
    return new Load.Result(NAME, clients, latencies.length, 0, seconds, latencies);
  }

  /** One connection's transactions: their latencies, in nanoseconds. */
  private static long[] commitWhile(Connection connection, More more) throws SQLException {
    long[] latencies = new long[1024];
    int n = 0;
    try (PreparedStatement insert =
        connection.prepareStatement("insert into bench_floor (payload) values (?)")) {
      while (more.next()) {
        long start = System.nanoTime();
        insert.setString(1, "floor-" + n + "-1");
        insert.executeUpdate();
        insert.setString(1, "floor-" + n + "-2");
        insert.executeUpdate();
        connection.commit();
        if (n == latencies.length) {
          latencies = Arrays.copyOf(latencies, n * 2);
        }
        latencies[n++] = System.nanoTime() - start;
      }
    }
    return Arrays.copyOf(latencies, n);
  }
}
