package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The figures docs/scaling.md needs from the schema (issue 20, item 4): bytes per row of each
 * table, indexes included, after seeding records, documents and their traces through the API; and
 * the cost of finding a record by INS as Citus would, through a lookup table keyed by a hash of the
 * INS (one more index lookup and round trip), against today's one unique index. Both beside the
 * database's floor measured in the same run. {@code -Dbench.main=fr.carnet.bench.SchemaBench}.
 */
public final class SchemaBench {

  private static final int RECORDS = Integer.getInteger("bench.records", 2_000);
  private static final int DOCUMENTS_PER_RECORD = Integer.getInteger("bench.documents", 5);
  private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
  private static final double SECONDS =
      Double.parseDouble(System.getProperty("bench.seconds", "15"));

  /** The tables whose bytes per row scaling.md uses; a partitioned table counts its partitions. */
  private static final List<String> TABLES =
      List.of(
          "record",
          "identity",
          "record_settings",
          "notification_mailbox",
          "document",
          "document_content",
          "notification",
          "access_grant",
          "record_reader",
          "trace",
          "trace_leaf",
          "trace_tree_node",
          "bench_ins_lookup");

  private SchemaBench() {}

  public static void main(String[] args) throws Exception {
    String loadBefore = Machine.loadAverage();
    try (DevServer server = BenchRun.startServer(Map.of())) {
      DevTokens tokens = new DevTokens(server.keys().privateKey());
      String base = server.baseUrl() + "/api/v1";
      String admin = tokens.mint("admin", Map.of(), 240);
      String gp = tokens.mint("professional", Map.of(), 240);
      List<String> nirs = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        nirs.add(DocumentBench.nir(i));
      }
      Load.Result enrolled =
          Load.run(
              "seed: records",
              CLIENTS,
              RECORDS,
              201,
              i ->
                  Load.to(base + "/records", admin)
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              DocumentBench.createBody(nirs.get(i))))
                      .build());
      String content = Base64.getEncoder().encodeToString(DocumentBench.pdf(10 * 1024));
      Load.Result pushed =
          Load.run(
              "seed: 10 KB documents",
              CLIENTS,
              RECORDS * DOCUMENTS_PER_RECORD,
              201,
              i -> DocumentBench.push(base, gp, "schema-" + i, nirs.get(i % RECORDS), content));
      if (enrolled.failures() > 0 || pushed.failures() > 0) {
        throw new IllegalStateException("seeding failed: " + enrolled.row() + " " + pushed.row());
      }
      StringBuilder report = new StringBuilder("# Schema figures (issue 20, item 4)\n\n");
      report.append(
          String.format(
              "Seeded through the API: %,d open records, %,d pushes of a 10 KB PDF (JSON),"
                  + " contents in PostgreSQL. Load average at the start %s.%n%n",
              RECORDS, RECORDS * DOCUMENTS_PER_RECORD, loadBefore));
      try (Connection db = server.database().superuserConnection()) {
        prepareLookup(db);
        try (Statement sql = db.createStatement()) {
          sql.execute("vacuum analyze");
        }
        report.append(sizes(db));
      }
      DatabaseFloor.prepare(server);
      Load.Result floor = DatabaseFloor.transactionsFor(server, CLIENTS, SECONDS);
      report.append(lookups(server, nirs, floor));
      report.append(String.format("%nLoad average at the end: %s.%n", Machine.loadAverage()));
      BenchRun.report("schema", report);
    }
  }

  /**
   * The lookup table Citus would distribute on its key: a SHA-256 of the INS (an HMAC in
   * production: the NIR stays in identity alone) and the record id.
   */
  private static void prepareLookup(Connection db) throws SQLException {
    try (Statement sql = db.createStatement()) {
      sql.execute(
          "create table bench_ins_lookup (ins_key bytea primary key, record_id uuid not null)");
      sql.execute(
          "insert into bench_ins_lookup select sha256(convert_to('carnet:' || ins_number,"
              + " 'UTF8')), record_id from identity");
    }
  }

  private static String sizes(Connection db) throws SQLException {
    StringBuilder out =
        new StringBuilder(
            "## Bytes per row\n\n"
                + "| table | rows | heap and TOAST | indexes | total | bytes per row, indexes"
                + " included |\n|---|---|---|---|---|---|\n");
    String query =
        "with parts as (select relid from pg_partition_tree(?::regclass) where isleaf"
            + " union select ?::regclass)"
            + " select coalesce(sum(pg_table_size(relid)), 0), coalesce(sum(pg_indexes_size(relid)),"
            + " 0) from parts";
    for (String table : TABLES) {
      long rows;
      try (Statement count = db.createStatement();
          ResultSet r = count.executeQuery("select count(*) from " + table)) {
        r.next();
        rows = r.getLong(1);
      }
      long heap;
      long indexes;
      try (PreparedStatement size = db.prepareStatement(query)) {
        size.setString(1, table);
        size.setString(2, table);
        try (ResultSet r = size.executeQuery()) {
          r.next();
          heap = r.getLong(1);
          indexes = r.getLong(2);
        }
      }
      out.append(
          String.format(
              "| `%s` | %,d | %,d | %,d | %,d | %s |%n",
              table,
              rows,
              heap,
              indexes,
              heap + indexes,
              rows == 0 ? "n/a" : String.format("%,d", (heap + indexes) / rows)));
    }
    out.append(
        "\nSizes from `pg_table_size` and `pg_indexes_size` (a partitioned table: the sum over its"
            + " partitions) after `vacuum analyze`. On small tables the pages' fill and the"
            + " indexes' upper levels weigh more than at scale: the figures are upper bounds.\n");
    return out.toString();
  }

  /** Today's lookup by INS against Citus's two, each as its own transaction on 8 connections. */
  private static String lookups(DevServer server, List<String> nirs, Load.Result floor)
      throws Exception {
    String today =
        "select r.id, r.state from identity i join record r on r.id = i.record_id"
            + " where i.ins_number = ?";
    String first =
        "select record_id from bench_ins_lookup where ins_key = sha256(convert_to('carnet:' || ?,"
            + " 'UTF8'))";
    String second =
        "select r.id, r.state from identity i join record r on r.id = i.record_id"
            + " where i.record_id = ? and i.ins_number = ?";
    Load.Result one = lookup(server, nirs, "INS → record, one unique index (today)", today, null);
    Load.Result two =
        lookup(server, nirs, "INS → lookup table → record (two round trips)", first, second);
    StringBuilder out =
        new StringBuilder(
            "\n## Finding a record by INS\n\n"
                + "Each lookup a transaction of its own on one of "
                + CLIENTS
                + " JDBC connections, for "
                + SECONDS
                + " s, INS taken in turn among "
                + nirs.size()
                + " records.\n\n| path | lookups | per s | p50 ms | p99 ms | mean µs | ÷ DB floor |"
                + "\n|---|---|---|---|---|---|---|\n");
    for (Load.Result r : List.of(floor, one, two)) {
      out.append(
          String.format(
              "| %s | %,d | %,.0f | %.2f | %.2f | %.0f | %.3f |%n",
              r.name(),
              r.requests(),
              r.throughput(),
              r.percentileMillis(50),
              r.percentileMillis(99),
              Arrays.stream(r.latenciesNanos()).average().orElse(0) / 1000,
              r.throughput() / floor.throughput()));
    }
    out.append(
        String.format(
            "%nThe lookup table's path costs %.0f µs more per lookup than today's (mean latency),"
                + " on one PostgreSQL: the second index lookup and round trip, not Citus's routing.%n",
            (Arrays.stream(two.latenciesNanos()).average().orElse(0)
                    - Arrays.stream(one.latenciesNanos()).average().orElse(0))
                / 1000));
    return out.toString();
  }

  private static Load.Result lookup(
      DevServer server, List<String> nirs, String name, String first, String second)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<long[]>> workers = new ArrayList<>();
    long deadline = System.nanoTime() + (long) (SECONDS * 1e9);
    long begin = System.nanoTime();
    for (int c = 0; c < CLIENTS; c++) {
      int offset = c;
      workers.add(
          pool.submit(
              () -> {
                long[] latencies = new long[1024];
                int n = 0;
                try (Connection connection = server.database().superuserConnection();
                    PreparedStatement a = connection.prepareStatement(first);
                    PreparedStatement b =
                        second == null ? null : connection.prepareStatement(second)) {
                  connection.setAutoCommit(false);
                  while (System.nanoTime() < deadline) {
                    String nir = nirs.get((offset + n * CLIENTS) % nirs.size());
                    long start = System.nanoTime();
                    a.setString(1, nir);
                    UUID record = found(a);
                    if (b != null) {
                      b.setObject(1, record);
                      b.setString(2, nir);
                      record = found(b);
                    }
                    connection.commit();
                    if (n == latencies.length) {
                      latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - start;
                  }
                }
                return Arrays.copyOf(latencies, n);
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> worker : workers) {
      all.add(worker.get());
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    pool.shutdown();
    long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
    return new Load.Result(name, CLIENTS, latencies.length, 0, seconds, latencies);
  }

  private static UUID found(PreparedStatement statement) throws SQLException {
    try (ResultSet row = statement.executeQuery()) {
      if (!row.next()) {
        throw new IllegalStateException("no record for an enrolled INS");
      }
      return row.getObject(1, UUID.class);
    }
  }
}
