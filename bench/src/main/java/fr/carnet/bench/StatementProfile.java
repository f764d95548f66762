package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where PostgreSQL's time goes for a load (issue 17: "say where the time goes"): pg_stat_statements
 * with nested statements tracked, reset before the load's measured window and read after it, as
 * execution time per request. The statements inside a function (append_trace's insert, say) are
 * listed as well as the call that ran them; the total per request counts top-level statements only,
 * so that nothing is counted twice. Execution time is not CPU (a wait for a lock counts).
 */
final class StatementProfile {

  /** One statement's share of a load. */
  record Row(boolean topLevel, double callsPerRequest, double microsPerRequest, String query) {}

  /** What PostgreSQL executed over one load's window, per request of the load. */
  record Snapshot(String load, double topLevelMicrosPerRequest, List<Row> rows) {}

  private static final int ROWS = Integer.getInteger("bench.statements-rows", 10);

  private final DevServer server;

  private StatementProfile(DevServer server) {
    this.server = server;
  }

  /** Before the server starts: the database must load the extension at its start. */
  static void preload() {
    System.setProperty("carnet.devdb.shared-preload-libraries", "pg_stat_statements");
  }

  static StatementProfile enable(DevServer server) throws SQLException {
    try (Connection superuser = server.database().superuserConnection();
        Statement sql = superuser.createStatement()) {
      sql.execute("create extension if not exists pg_stat_statements");
      sql.execute("alter system set pg_stat_statements.track = 'all'");
      sql.execute("select pg_reload_conf()");
    }
    return new StatementProfile(server);
  }

  void reset() throws SQLException {
    try (Connection superuser = server.database().superuserConnection();
        Statement sql = superuser.createStatement()) {
      sql.execute("select pg_stat_statements_reset()");
    }
  }

  /** The statements of the server's own users (not the bench's superuser) since the reset. */
  Snapshot read(String load, long requests) throws SQLException {
    double per = Math.max(1, requests);
    List<Row> rows = new ArrayList<>();
    double topLevel;
    try (Connection superuser = server.database().superuserConnection();
        Statement sql = superuser.createStatement()) {
      String mine = " where userid <> (select oid from pg_roles where rolname = current_user)";
      try (ResultSet total =
          sql.executeQuery(
              "select coalesce(sum(total_exec_time), 0) from pg_stat_statements"
                  + mine
                  + " and toplevel")) {
        total.next();
        topLevel = total.getDouble(1) * 1000 / per;
      }
      try (ResultSet top =
          sql.executeQuery(
              "select toplevel, calls, total_exec_time,"
                  + " left(regexp_replace(query, '\\s+', ' ', 'g'), 120) from pg_stat_statements"
                  + mine
                  + " order by total_exec_time desc limit "
                  + ROWS)) {
        while (top.next()) {
          rows.add(
              new Row(
                  top.getBoolean(1),
                  top.getLong(2) / per,
                  top.getDouble(3) * 1000 / per,
                  top.getString(4)));
        }
      }
    }
    return new Snapshot(load, topLevel, rows);
  }

  /** The report's section: each load's statements, the costliest first. */
  static void markdown(StringBuilder md, List<Snapshot> snapshots) {
    if (snapshots.isEmpty()) {
      return;
    }
    md.append("\n## PostgreSQL's time per request, by statement\n\n")
        .append(
            "pg_stat_statements (nested statements tracked), reset before each load's measured"
                + " window: execution time per request of the load, not CPU. \"in\" marks a"
                + " statement run inside a function, whose time is also in the call's; the total"
                + " counts top-level statements only.\n");
    for (Snapshot snapshot : snapshots) {
      md.append(
          String.format(
              Locale.ROOT,
              "\n**%s**: %,.0f µs per request in all.\n\n"
                  + "| statement | | calls/req | µs/req |\n|---|---|---|---|\n",
              snapshot.load(),
              snapshot.topLevelMicrosPerRequest()));
      for (Row row : snapshot.rows()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| `%s` | %s | %.2f | %.1f |\n",
                row.query().replace("|", "\\|").replace("`", "'"),
                row.topLevel() ? "" : "in",
                row.callsPerRequest(),
                row.microsPerRequest()));
      }
    }
  }
}
