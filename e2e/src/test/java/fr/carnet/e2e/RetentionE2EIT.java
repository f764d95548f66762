package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.carnet.audit.model.TraceTree;
import fr.carnet.audit.model.TreeHeadSignature;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention (issue 16, item 6): a monthly partition more than three years old is dropped by the
 * nightly job (every two seconds here) once its traces are in the tree and a head witnessed more
 * than three years ago covers them, never before; the application's role cannot drop it itself, nor
 * through the guarded function before it is time; the purge is listed for auditors; the full check
 * (chains and tree) still passes, and still finds a remaining trace altered or deleted; and a
 * recent trace deleted and recorded as purged is named PURGE_TOO_RECENT.
 *
 * <p>Time cannot pass in a test: the head "witnessed four years ago" is signed here with the dev
 * launcher's tree key, at the latest witnessed size, as the witness of that time would have.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionE2EIT {

  private static final String OWNER = "carnet_owner";
  private static final String APPLICATION = "carnet_app";

  private CarnetServer carnet;
  private Api api;
  private String auditor;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.auditor = carnet.token("auditor");
  }

  @Test
  void anOldPartitionIsPurgedOnlyOnceProvenOldAndTheTrailStillVerifies() throws Exception {
    Assumptions.assumeTrue(
        carnet.server().database().isEmbedded(), "needs the embedded database's superuser");
    YearMonth month = YearMonth.now(ZoneOffset.UTC).minusYears(4).minusMonths(1);
    String partition = String.format("trace_%04d_%02d", month.getYear(), month.getMonthValue());
    Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);

    try (Connection superuser = carnet.server().database().superuserConnection();
        Statement sql = superuser.createStatement()) {
      // A month four years ago, as create_trace_partitions would have made it, and three traces.
      sql.execute(
          "create table "
              + partition
              + " partition of trace for values from ('"
              + from
              + "') to ('"
              + to
              + "')");
      sql.execute("alter table " + partition + " owner to " + OWNER);
      // append_trace refuses a time that is not now (V20): inserted as it would have, with valid
      // chain links, on this connection's own chain.
      sql.execute(
          "do $$ declare head trace_chain%rowtype; t trace%rowtype; begin"
              + " for g in 1..3 loop"
              + "  select * into head from trace_chain where chain = pg_backend_pid() % 64"
              + "   for update;"
              + "  t.at := timestamptz '"
              + from.plus(Duration.ofDays(3))
              + "' + g * interval '1 hour';"
              + "  t.actor_role := 'AGENT'; t.actor_id := 'retention-e2e';"
              + "  t.action := 'ACCOUNT_READ'; t.outcome := 'PERMIT'; t.reason := 'ROLE';"
              + "  t.request_id := 'retention-' || g;"
              + "  t.chain := head.chain; t.seq := head.length; t.prev_hash := head.last_hash;"
              + "  t.hash := trace_hash(t);"
              + "  insert into trace (at, actor_role, actor_id, action, outcome, reason,"
              + "   request_id, chain, seq, prev_hash, hash)"
              + "  values (t.at, t.actor_role, t.actor_id, t.action, t.outcome, t.reason,"
              + "   t.request_id, t.chain, t.seq, t.prev_hash, t.hash);"
              + "  update trace_chain set length = head.length + 1, last_hash = t.hash"
              + "   where chain = head.chain;"
              + " end loop; end $$");
      List<Long> old = longs(sql, "select id from " + partition + " order by id");
      assertThat(old).hasSize(3);

      // In the tree and witnessed now: old by its months, recent by the witness.
      JsonObject head = publishNow();
      List<Long> positions =
          longs(
              sql,
              "select l.position from trace_leaf l join "
                  + partition
                  + " t on t.id = l.trace_id order by 1");
      assertThat(positions).hasSize(3);
      assertThat(head.getJsonNumber("size").longValue()).isGreaterThan(positions.get(2));
      awaitLog(partition + " is past its retention by its months but waits");
      assertThat(exists(sql, partition)).as("kept while not proven old").isTrue();

      // The application's role: no drop of its own, and the guarded function refuses.
      try (Connection app = carnet.server().database().superuserConnection();
          Statement asApp = app.createStatement()) {
        asApp.execute("set role " + APPLICATION);
        assertThatThrownBy(() -> asApp.execute("drop table " + partition))
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        assertThatThrownBy(() -> asApp.execute("truncate " + partition))
            .isInstanceOf(SQLException.class);
        assertThatThrownBy(
                () -> asApp.execute("select purge_trace_partition('" + partition + "', 'P3Y')"))
            .hasMessageContaining("under no head kept since");
        assertThatThrownBy(
                () -> asApp.execute("select purge_trace_partition('" + partition + "', 'P1Y')"))
            .hasMessageContaining("within the retention");
        assertThatThrownBy(
                () -> asApp.execute("select purge_trace_partition('trace_default', 'P3Y')"))
            .hasMessageContaining("never purged");
        String current =
            String.format(
                "trace_%04d_%02d",
                YearMonth.now(ZoneOffset.UTC).getYear(),
                YearMonth.now(ZoneOffset.UTC).getMonthValue());
        assertThatThrownBy(
                () -> asApp.execute("select purge_trace_partition('" + current + "', 'P3Y')"))
            .hasMessageContaining("within the retention");
        assertThatThrownBy(() -> asApp.execute("select purge_trace_partition('trace', 'P3Y')"))
            .hasMessageContaining("not a monthly partition");
      }
      assertThat(exists(sql, partition)).isTrue();

      // Four years later, as far as the witness can tell: the latest head witnessed again then.
      witnessLatestHeadAt(superuser, to.plus(Duration.ofHours(1)));

      // The job (every two seconds here) drops it.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (exists(sql, partition)) {
        assertThat(Instant.now()).as("the job purges in time").isBefore(deadline);
        Thread.sleep(250);
      }
      awaitLog("Trace partition " + partition + " purged (retention): 3 trace(s)");
      assertThat(longs(sql, "select count(*) from trace where id in " + in(old)))
          .containsExactly(0L);
      assertThat(longs(sql, "select count(*) from trace_leaf where position in " + in(positions)))
          .containsExactly(3L);

      // Listed for auditors.
      Api.Reply listed = api.get("/api/v1/audit/retention", auditor);
      assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
      assertThat(listed.json().getString("retention")).isEqualTo("P3Y");
      JsonObject purge =
          listed.json().getJsonArray("purges").getValuesAs(JsonObject.class).stream()
              .filter(p -> p.getString("partition").equals(partition))
              .findFirst()
              .orElseThrow();
      assertThat(purge.getString("month")).isEqualTo(month.toString());
      assertThat(purge.getJsonNumber("traces").longValue()).isEqualTo(3);
      assertThat(purge.getJsonNumber("firstPosition").longValue()).isEqualTo(positions.get(0));
      assertThat(purge.getJsonNumber("lastPosition").longValue()).isEqualTo(positions.get(2));
      assertThat(purge.getJsonArray("positions").toString()).startsWith("[[" + positions.get(0));
      assertThat(purge.getString("retention")).isEqualTo("P3Y");
      assertThat(
              api.get(
                      "/api/v1/audit/retention",
                      carnet.token("agent", Map.of("sub", "retention-agent")))
                  .status())
          .isEqualTo(403);

      // The full check, chains and tree, still passes.
      JsonObject full = full();
      assertThat(full.getBoolean("verified")).as(full.toString()).isTrue();
      assertThat(noBrokenLink(full)).isTrue();
      assertThat(full.getJsonObject("tree").getBoolean("verified")).isTrue();

      // A remaining trace, after the purged ones in their chain (this connection's own chain).
      sql.execute(
          "select append_trace(now(), 'AGENT', 'retention-e2e', null, null, null, null, null,"
              + " 'ACCOUNT_READ', 'PERMIT', 'ROLE', null, null, 'retention-after')");
      long after = longs(sql, "select id from trace where request_id = 'retention-after'").get(0);
      List<Long> chainOfOld =
          longs(
              sql,
              "select chain from trace_chain_purged c join trace_purge p on p.id = c.purge_id"
                  + " where p.partition_name = '"
                  + partition
                  + "'");
      long chainOfAfter = longs(sql, "select chain from trace where id = " + after).get(0);
      publishNow();
      long afterPosition =
          longs(sql, "select position from trace_leaf where trace_id = " + after).get(0);
      assertThat(full().getBoolean("verified")).isTrue();

      sql.execute("create temporary table saved as select * from trace where id = " + after);
      String restore =
          "delete from trace where id = " + after + "; insert into trace select * from saved";
      sql.execute("update trace set reason = 'REWRITTEN' where id = " + after);
      JsonObject altered = full();
      sql.execute(restore);
      sql.execute("delete from trace where id = " + after);
      JsonObject deleted = full();
      sql.execute(restore);
      assertThat(full().getBoolean("verified")).isTrue();

      // An operator purging a recent trace by calling it purged: the chain is bridged by hand,
      // the tree's leaf stays; the witness says it was in the tree only now.
      sql.execute("delete from trace where id = " + after);
      sql.execute(
          "insert into trace_purge (partition_name, month, traces, first_position,"
              + " last_position, retention) values ('forged', date '"
              + month.atDay(1)
              + "', 1, "
              + afterPosition
              + ", "
              + afterPosition
              + ", interval '3 years')");
      sql.execute(
          "insert into trace_purge_range select id, "
              + afterPosition
              + ", "
              + afterPosition
              + " from trace_purge where partition_name = 'forged'");
      sql.execute(
          "insert into trace_chain_purged select s.chain, s.seq, s.seq, s.prev_hash, s.hash, p.id"
              + " from saved s, trace_purge p where p.partition_name = 'forged'");
      JsonObject forged = full();
      sql.execute(
          "delete from trace_chain_purged where purge_id in"
              + " (select id from trace_purge where partition_name = 'forged')");
      sql.execute(
          "delete from trace_purge_range where purge_id in"
              + " (select id from trace_purge where partition_name = 'forged')");
      sql.execute("delete from trace_purge where partition_name = 'forged'");
      sql.execute("insert into trace select * from saved");
      sql.execute("drop table saved");
      JsonObject restored = full();

      assertThat(chainOfOld).contains(chainOfAfter);
      assertThat(altered.getBoolean("verified")).isFalse();
      assertThat(altered.getJsonObject("firstBroken").getString("problem")).isEqualTo("ALTERED");
      assertThat(altered.getJsonObject("firstBroken").getJsonNumber("traceId").longValue())
          .isEqualTo(after);
      assertThat(altered.getJsonObject("tree").getString("problem")).isEqualTo("LEAF_ALTERED");
      assertThat(deleted.getJsonObject("firstBroken").getString("problem")).isEqualTo("MISSING");
      assertThat(deleted.getJsonObject("tree").getString("problem")).isEqualTo("TRACE_MISSING");
      assertThat(deleted.getJsonObject("tree").getJsonNumber("position").longValue())
          .isEqualTo(afterPosition);
      assertThat(noBrokenLink(forged)).as("the chains alone are fooled").isTrue();
      assertThat(forged.getJsonObject("tree").getString("problem"))
          .as(forged.toString())
          .isEqualTo("PURGE_TOO_RECENT");
      assertThat(forged.getJsonObject("tree").getJsonNumber("position").longValue())
          .isEqualTo(afterPosition);
      assertThat(forged.getJsonObject("tree").getJsonNumber("headSize").longValue())
          .isGreaterThan(afterPosition);
      assertThat(restored.getBoolean("verified")).as(restored.toString()).isTrue();
    }
  }

  /**
   * Appends to the witness the latest witnessed head again, signed as of {@code at}, with the
   * server's own tree key; the server signs no head meanwhile (its lock is held), so the file never
   * goes back in size. The database's copy says the same.
   */
  private void witnessLatestHeadAt(Connection superuser, Instant at) throws Exception {
    KeyPair key =
        TreeHeadSignature.fromPkcs8Pem(
            Files.readString(carnet.server().keys().treeSigningKeyFile()));
    try (Statement sql = superuser.createStatement()) {
      sql.execute("select pg_advisory_lock(hashtext('carnet.trace_tree.heads'))");
      try {
        List<String> lines = Files.readAllLines(carnet.server().treeWitnessFile());
        JsonObject latest;
        try (JsonReader reader = Json.createReader(new StringReader(lines.get(lines.size() - 1)))) {
          latest = reader.readObject();
        }
        long size = latest.getJsonNumber("size").longValue();
        byte[] root = HexFormat.of().parseHex(latest.getString("root"));
        Instant timestamp = TreeHeadSignature.timestamp(at);
        TraceTree.SignedHead head =
            new TraceTree.SignedHead(
                size,
                root,
                timestamp,
                TreeHeadSignature.sign(key.getPrivate(), size, root, timestamp),
                TreeHeadSignature.keyId(key.getPublic()));
        // A line as FileTreeWitness writes it; from the same size, an empty consistency proof.
        String line =
            Json.createObjectBuilder()
                .add("size", size)
                .add("root", HexFormat.of().formatHex(root))
                .add("timestamp", timestamp.toString())
                .add("signature", Base64.getEncoder().encodeToString(head.signature()))
                .add("keyId", head.keyId())
                .add("from", size)
                .add("consistency", Json.createArrayBuilder())
                .build()
                .toString();
        Files.writeString(
            carnet.server().treeWitnessFile(),
            line + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.APPEND);
        try (PreparedStatement copy =
            superuser.prepareStatement(
                "update tree_head set signed_at = ?, signature = ? where size = ?")) {
          copy.setObject(1, OffsetDateTime.ofInstant(timestamp, ZoneOffset.UTC));
          copy.setBytes(2, head.signature());
          copy.setLong(3, size);
          assertThat(copy.executeUpdate()).isEqualTo(1);
        }
      } finally {
        sql.execute("select pg_advisory_unlock(hashtext('carnet.trace_tree.heads'))");
      }
    }
  }

  private static boolean noBrokenLink(JsonObject check) {
    return !check.containsKey("firstBroken") || check.isNull("firstBroken");
  }

  private JsonObject publishNow() {
    Api.Reply head = api.post("/api/v1/audit/tree-heads", auditor, "");
    assertThat(head.status()).as(head.toString()).isEqualTo(200);
    return head.json();
  }

  private JsonObject full() {
    Api.Reply reply = api.get("/api/v1/audit/integrity?full=true", auditor);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  private void awaitLog(String text) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!carnet.logs().contains(text)) {
      assertThat(Instant.now()).as("the log says: %s", text).isBefore(deadline);
      Thread.sleep(500);
    }
  }

  private static boolean exists(Statement sql, String table) throws SQLException {
    try (ResultSet row = sql.executeQuery("select to_regclass('" + table + "') is not null")) {
      row.next();
      return row.getBoolean(1);
    }
  }

  private static List<Long> longs(Statement sql, String query) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getLong(1));
      }
    }
    return values;
  }

  private static String in(List<Long> values) {
    return values.toString().replace('[', '(').replace(']', ')');
  }
}
