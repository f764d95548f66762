package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.logging.Logger;

/**
 * The trail at scale: 10 million traces over twelve months in the partitioned table, with valid
 * hash chains, then the patient's history page and an auditor's search by actor over a month,
 * through the API of the EAR on Payara Server. Writes a Markdown report to {@code bench/results/}.
 *
 * <p>{@code ./mvnw -Pbench -Dbench.main=fr.carnet.bench.TraceBench}; {@code -Dbench.traces=…}.
 */
public final class TraceBench {

  private static final Logger LOG = Logger.getLogger(TraceBench.class.getName());
  private static final int PORT = BenchRun.PORT;
  private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
  private static final int TRACES = Integer.getInteger("bench.traces", 10_000_000);
  private static final int REQUESTS = Integer.getInteger("bench.reads", 10_000);
  private static final int CHAINS = 64;
  private static final int PATIENTS = 1_000;
  private static final int PROFESSIONALS = 20_000;
  private static final int OTHER_RECORDS = 1_000_000;
  private static final String HEAVY_READER = "19999999999";
  static final int MONTHS = 12;

  // One chain's share of the load, appended where the chain's head stands: its head is locked
  // for the whole load, so the server's own traces go to other chains meanwhile. Every trace is
  // hashed by the database's own definition, so that the integrity check holds afterwards.
  // Of the traces: 1 in 33 is about one of the benchmark's patients (about 300 each), 1 in 100 is
  // the heavy reader's, the others spread over 1,000,000 records and 20,000 professionals; 1 in
  // 20 is a refusal.
  private static final String LOADER =
      """
      create or replace function bench_load_chain(
          p_chain integer, p_count integer, p_records uuid[], p_start timestamptz,
          p_span interval, p_total bigint) returns void
      language plpgsql as $$
      declare
          head trace_chain%rowtype;
          t trace%rowtype;
          g bigint;
          rpps varchar;
      begin
          select * into head from trace_chain where chain = p_chain for update;
          for i in 0 .. p_count - 1 loop
              g := i::bigint * 64 + p_chain;
              rpps := case when g % 100 = 1 then '19999999999'
                           else '1' || lpad(((g * 31) % 20000)::text, 10, '0') end;
              t.at := p_start + p_span * (g::float8 / p_total);
              t.actor_role := 'PROFESSIONAL'; t.actor_id := 'psc-' || rpps;
              t.actor_rpps := rpps; t.actor_profession := '10';
              t.actor_finess := '750000001';
              t.record_id := case when g % 33 = 0 then p_records[1 + (g / 33) % array_length(p_records, 1)]
                                  else md5('record-' || ((g * 7919) % 1000000))::uuid end;
              t.document_id := null;
              t.action := case when g % 3 = 0 then 'DOCUMENT_SEARCH' else 'DOCUMENT_READ' end;
              t.outcome := case when g % 20 = 0 then 'DENY' else 'PERMIT' end;
              t.reason := case when g % 20 = 0 then 'NO_AGREEMENT' else 'AGREEMENT' end;
              t.detail := null; t.access_mode := 'NORMAL'; t.request_id := 'bench-' || g;
              t.chain := p_chain; t.seq := head.length; t.prev_hash := head.last_hash;
              t.hash := trace_hash(t);
              insert into trace (at, actor_role, actor_id, actor_rpps, actor_profession,
                  actor_finess, record_id, document_id, action, outcome, reason, detail,
                  access_mode, request_id, chain, seq, prev_hash, hash)
              values (t.at, t.actor_role, t.actor_id, t.actor_rpps, t.actor_profession,
                  t.actor_finess, t.record_id, t.document_id, t.action, t.outcome, t.reason,
                  t.detail, t.access_mode, t.request_id, t.chain, t.seq, t.prev_hash, t.hash);
              head.length := head.length + 1; head.last_hash := t.hash;
          end loop;
          update trace_chain set length = head.length, last_hash = head.last_hash
              where chain = p_chain;
      end
      $$
      """;

  private TraceBench() {}

  public static void main(String[] args) throws Exception {
    try (DevServer server = BenchRun.startServer(Map.of())) {
      DevTokens tokens = new DevTokens(server.keys().privateKey());
      String base = server.baseUrl() + "/api/v1";
      String admin = tokens.mint("admin");
      List<String> patientTokens = new ArrayList<>();
      List<String> recordIds = new ArrayList<>();
      for (int i = 0; i < PATIENTS; i++) {
        String nir = nir(i);
        var created =
            Load.send(
                Load.to(base + "/records", admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(createBody(nir)))
                    .build());
        if (created.statusCode() != 201) {
          throw new IllegalStateException("Cannot create records: " + created.body());
        }
        recordIds.add(created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
        patientTokens.add(tokens.mint("patient", Map.of("ins", nir), 240));
      }

      YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
      Instant start =
          thisMonth.minusMonths(MONTHS).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      long loadSeconds = load(server, recordIds, start);
      long partitions;
      long tableMiB;
      try (Connection superuser = server.database().superuserConnection();
          Statement sql = superuser.createStatement()) {
        sql.execute("analyze trace");
        partitions =
            single(sql, "select count(*) from pg_inherits where inhparent = 'trace'::regclass");
        tableMiB =
            single(
                sql,
                "select sum(pg_total_relation_size(inhrelid)) / 1048576 from pg_inherits"
                    + " where inhparent = 'trace'::regclass");
      }

      // An auditor's month: the one before last, whole in the data.
      YearMonth month = thisMonth.minusMonths(2);
      String from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
      String to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
      String auditor = tokens.mint("auditor", Map.of(), 240);
      List<Load.Result> rows = new ArrayList<>();
      Load.run(
          "warm-up",
          CLIENTS,
          2_000,
          200,
          i ->
              Load.to(
                      base + "/records/" + recordIds.get(i % PATIENTS) + "/access-history?limit=20",
                      patientTokens.get(i % PATIENTS))
                  .GET()
                  .build());
      long perPatient = (long) TRACES / 33 / PATIENTS;
      long perProfessionalMonth = (long) TRACES / PROFESSIONALS / MONTHS;
      long heavyMonth = (long) TRACES / 100 / MONTHS;
      IntFunction<HttpRequest> history =
          i ->
              Load.to(
                      base
                          + "/records/"
                          + recordIds.get((i * 7) % PATIENTS)
                          + "/access-history?limit=20",
                      patientTokens.get((i * 7) % PATIENTS))
                  .GET()
                  .build();
      IntFunction<HttpRequest> professionalMonth =
          i ->
              Load.to(
                      base
                          + "/audit/traces?actor="
                          + professional((i * 7919) % PROFESSIONALS)
                          + "&from="
                          + from
                          + "&to="
                          + to
                          + "&limit=50",
                      auditor)
                  .GET()
                  .build();
      IntFunction<HttpRequest> heavyReaderMonth =
          i ->
              Load.to(
                      base
                          + "/audit/traces?actor="
                          + HEAVY_READER
                          + "&from="
                          + from
                          + "&to="
                          + to
                          + "&limit=50",
                      auditor)
                  .GET()
                  .build();
      // Two clients for the response time of a request that hardly waits for another; eight for
      // throughput, where latencies include queueing on the two cores.
      for (int clients : new int[] {2, CLIENTS}) {
        rows.add(
            Load.run(
                "patient's access history, first page (20 of ~" + perPatient + ")",
                clients,
                REQUESTS,
                200,
                history));
        rows.add(
            Load.run(
                "auditor: one professional's month (50 newest of ~" + perProfessionalMonth + ")",
                clients,
                REQUESTS,
                200,
                professionalMonth));
        rows.add(
            Load.run(
                "auditor: a heavy reader's month (50 newest of ~" + heavyMonth + ")",
                clients,
                REQUESTS,
                200,
                heavyReaderMonth));
      }
      report(rows, loadSeconds, partitions, tableMiB, month);
    }
  }

  /** Loads the traces, two chains at a time (one per core); answers the seconds it took. */
  static long load(DevServer server, List<String> recordIds, Instant start) throws Exception {
    long begin = System.nanoTime();
    try (Connection superuser = server.database().superuserConnection();
        Statement sql = superuser.createStatement()) {
      sql.execute(LOADER);
      // Partitions for the past months, as an operator importing history would create them.
      sql.execute(
          "select create_trace_partitions('"
              + start.atOffset(ZoneOffset.UTC)
              + "'::timestamptz, 3)");
    }
    int perChain = TRACES / CHAINS;
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> loads = new ArrayList<>();
    for (int chain = 0; chain < CHAINS; chain++) {
      int current = chain;
      loads.add(
          pool.submit(
              () -> {
                try (Connection connection = server.database().superuserConnection();
                    PreparedStatement call =
                        connection.prepareStatement(
                            "select bench_load_chain(?, ?, ?::uuid[], ?, ?::interval, ?)")) {
                  call.setInt(1, current);
                  call.setInt(2, perChain);
                  call.setArray(3, connection.createArrayOf("uuid", recordIds.toArray()));
                  call.setObject(4, start.atOffset(ZoneOffset.UTC));
                  call.setString(5, MONTHS + " months");
                  call.setLong(6, (long) perChain * CHAINS);
                  call.executeQuery().close();
                }
                LOG.info(
                    () ->
                        "Traces loaded: chain "
                            + done.incrementAndGet()
                            + "/"
                            + CHAINS
                            + " after "
                            + (System.nanoTime() - begin) / 1_000_000_000
                            + " s");
                return null;
              }));
    }
    for (Future<?> load : loads) {
      load.get();
    }
    pool.shutdown();
    return (System.nanoTime() - begin) / 1_000_000_000;
  }

  static long single(Statement sql, String query) throws Exception {
    try (ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  static String professional(int i) {
    return "1" + String.format("%010d", i);
  }

  private static String createBody(String nir) {
    return BenchRun.openRecord(nir, null);
  }

  private static String nir(int i) {
    return BenchRun.nir(String.format("2850575%06d", 200_000 + i));
  }

  private static void report(
      List<Load.Result> rows, long loadSeconds, long partitions, long tableMiB, YearMonth month)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Traces benchmark, ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
        .append("\n\n");
    md.append("Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, shared by the server, PostgreSQL and this load generator; Java ")
        .append(System.getProperty("java.version"))
        .append(". Payara Server 6, PostgreSQL 15 (embedded).\n\n");
    md.append(String.format("%,d", (long) TRACES / CHAINS * CHAINS))
        .append(" traces over ")
        .append(MONTHS)
        .append(" months in ")
        .append(partitions)
        .append(" partitions (")
        .append(String.format("%,d", tableMiB))
        .append(" MiB with indexes), ")
        .append(CHAINS)
        .append(" hash chains, loaded in ")
        .append(loadSeconds)
        .append(" s. ")
        .append(PATIENTS)
        .append(" patients with about ")
        .append(TRACES / 33 / PATIENTS)
        .append(" traces each; ")
        .append(String.format("%,d", PROFESSIONALS))
        .append(" professionals and ")
        .append(String.format("%,d", OTHER_RECORDS))
        .append(" other records; the auditor's month is ")
        .append(month)
        .append(". Latencies are measured by the client, over HTTP, clients in a closed loop.")
        .append(" Every request is traced, auditors' included.\n\n");
    md.append("| load | clients | requests | failures | req/s | p50 ms | p95 ms | p99 ms |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    rows.forEach(row -> md.append(row.row()).append('\n'));
    BenchRun.report("traces", md);
  }
}
