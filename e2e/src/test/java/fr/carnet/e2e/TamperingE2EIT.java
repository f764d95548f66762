package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.audit.model.MerkleTree;
import fr.carnet.verifier.Finding;
import fr.carnet.verifier.Options;
import fr.carnet.verifier.Problem;
import fr.carnet.verifier.Report;
import fr.carnet.verifier.Verifier;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16, item 5: an operator with the database's rights tampers with the trail behind Carnet's
 * back, each time against heads already witnessed, and {@code GET
 * /api/v1/audit/integrity?full=true} names the problem, the first bad position and the witnessed
 * head it contradicts; the data restored, the check passes again. The database is left exactly as
 * found: other classes run before and after this one and check the trail too.
 *
 * <p>While a case has the tree in pieces, a superuser session holds the sequencer's and the head
 * signer's advisory locks (the keys of {@code JdbcTraceTree.tryLock}), so that the server neither
 * appends new traces into emptied positions nor signs a head of a tampered tree into the witness
 * file, which no restoring could take back.
 *
 * <p>Each case also gathers what an offline verifier is given (the witness file, the public key,
 * the auditors' trail export) under {@code target/tampering/<case>/}.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TamperingE2EIT {

  private static final Path EVIDENCE = Path.of("target", "tampering");
  private static final String SEQUENCER = "sequencer";
  private static final String HEADS = "heads";

  private CarnetServer carnet;
  private Api api;
  private String auditor;

  @BeforeAll
  void connect(CarnetServer carnet) {
    Assumptions.assumeTrue(
        carnet.server().database().isEmbedded(), "needs the embedded database's superuser");
    this.carnet = carnet;
    this.api = carnet.api();
    this.auditor = carnet.token("auditor");
  }

  // ---- (a) one column of one trace ------------------------------------------------------------

  @Test
  void oneColumnOfOneTraceAlteredIsNamedByItsPosition() throws Exception {
    witnessedAndVerified();
    JsonObject altered;
    Report offline;
    long position;
    long traceId;
    Long covering;
    try (TreeHeld held = new TreeHeld(SEQUENCER, HEADS);
        Statement sql = held.connection.createStatement()) {
      position = witnessedSize() / 2;
      traceId = traceAt(sql, position);
      covering = covering(position);
      sql.execute("create temporary table saved_a as select * from trace where id = " + traceId);
      try {
        sql.execute(
            "update trace set outcome = case outcome when 'PERMIT' then 'DENY' else 'PERMIT' end"
                + " where id = "
                + traceId);
        altered = tree(full());
        Evidence evidence = evidence("a-one-column-altered");
        assertThat(evidence.line(position).getJsonObject("trace").getJsonNumber("id").longValue())
            .isEqualTo(traceId);
        offline = evidence.offline();
      } finally {
        sql.execute(
            "delete from trace where id = "
                + traceId
                + "; insert into trace select * from saved_a");
      }
    }
    assertNamed(altered, "LEAF_ALTERED", position, covering);
    assertThat(altered.getJsonNumber("traceId").longValue()).isEqualTo(traceId);
    assertOffline(offline, Problem.LEAF_ALTERED, position);
    assertPasses();
  }

  // ---- (b) a trace deleted in the middle ------------------------------------------------------

  @Test
  void aTraceDeletedInTheMiddleIsNamedEvenWithTheTreeClosedUpBehindIt() throws Exception {
    witnessedAndVerified();
    long firstHead = witnessedSize();
    someAccesses();
    publishNow();
    JsonObject rowDeleted;
    JsonObject closedUp;
    Report rowDeletedOffline;
    Report closedUpOffline;
    long position;
    long traceId;
    Long covering;
    long lastWitnessedBefore;
    try (TreeHeld held = new TreeHeld(SEQUENCER, HEADS);
        Statement sql = held.connection.createStatement()) {
      // Below a head that is not the last, so that the closed-up tree still reaches it.
      position = firstHead / 2;
      traceId = traceAt(sql, position);
      covering = covering(position);
      lastWitnessedBefore =
          witnessed().stream().mapToLong(Head::size).filter(s -> s <= position).max().orElse(0);
      sql.execute("create temporary table saved_b as select * from trace where id = " + traceId);
      sql.execute("create temporary table saved_leaves as select * from trace_leaf");
      sql.execute("create temporary table saved_nodes as select * from trace_tree_node");
      try {
        // The row alone: its leaf stays, pointing at nothing.
        sql.execute("delete from trace where id = " + traceId);
        rowDeleted = tree(full());
        Evidence deleted = evidence("b1-trace-deleted");
        assertThat(deleted.line(position).isNull("trace")).isTrue();
        rowDeletedOffline = deleted.offline();

        // Its leaf too, every later leaf moved down one position and every node rebuilt: a tree
        // that holds together, one leaf shorter, but not the one the witness signed.
        sql.execute("delete from trace_leaf where position = " + position);
        sql.execute(
            "update trace_leaf set position = position + 1000000000000 where position > "
                + position);
        sql.execute(
            "update trace_leaf set position = position - 1000000000001"
                + " where position >= 1000000000000");
        rebuildNodes(held.connection);
        closedUp = tree(full());
        closedUpOffline = evidence("b2-trace-deleted-and-tree-closed-up").offline();
      } finally {
        sql.execute("delete from trace_leaf; insert into trace_leaf select * from saved_leaves");
        sql.execute(
            "delete from trace_tree_node; insert into trace_tree_node select * from saved_nodes");
        sql.execute(
            "insert into trace select * from saved_b s where not exists"
                + " (select 1 from trace t where t.id = s.id)");
      }
    }
    assertNamed(rowDeleted, "TRACE_MISSING", position, covering);
    assertThat(rowDeleted.getJsonNumber("traceId").longValue()).isEqualTo(traceId);
    // The first position after the last witnessed size that still matched.
    assertNamed(closedUp, "HEAD_CONTRADICTED", lastWitnessedBefore, covering);
    assertOffline(rowDeletedOffline, Problem.TRACE_MISSING, position);
    assertOffline(closedUpOffline, Problem.HEAD_CONTRADICTED, lastWitnessedBefore);
    assertPasses();
  }

  // ---- (c) the last traces, their leaves and nodes, and the head rows rolled back --------------

  @Test
  void theLastTracesAndTheHeadRowsRolledBackAreNamedAgainstTheWitness() throws Exception {
    someAccesses();
    long rolledBackTo = size(publishNow());
    someAccesses();
    witnessedAndVerified();
    JsonObject rolledBack;
    Report offline;
    Long covering;
    try (TreeHeld held = new TreeHeld(SEQUENCER, HEADS);
        Statement sql = held.connection.createStatement()) {
      covering = covering(rolledBackTo);
      assertThat(covering).as("a head witnessed beyond %d", rolledBackTo).isNotNull();
      String ended = "(index + 1) * (1::bigint << level) > " + rolledBackTo;
      sql.execute(
          "create temporary table saved_c_traces as select t.* from trace t"
              + " join trace_leaf l on l.trace_id = t.id where l.position >= "
              + rolledBackTo);
      sql.execute(
          "create temporary table saved_c_leaves as select * from trace_leaf where position >= "
              + rolledBackTo);
      sql.execute(
          "create temporary table saved_c_nodes as select * from trace_tree_node where " + ended);
      sql.execute(
          "create temporary table saved_c_heads as select * from tree_head where size > "
              + rolledBackTo);
      try {
        sql.execute("delete from trace where id in (select id from saved_c_traces)");
        sql.execute("delete from trace_leaf where position >= " + rolledBackTo);
        sql.execute("delete from trace_tree_node where " + ended);
        sql.execute("delete from tree_head where size > " + rolledBackTo);
        rolledBack = tree(full());
        offline = evidence("c-last-traces-and-heads-rolled-back").offline();
      } finally {
        sql.execute(
            "insert into trace select * from saved_c_traces s where not exists"
                + " (select 1 from trace t where t.id = s.id)");
        sql.execute("insert into trace_leaf select * from saved_c_leaves on conflict do nothing");
        sql.execute(
            "insert into trace_tree_node select * from saved_c_nodes on conflict do nothing");
        sql.execute("insert into tree_head select * from saved_c_heads on conflict do nothing");
      }
    }
    assertNamed(rolledBack, "POSITION_MISSING", rolledBackTo, covering);
    assertThat(rolledBack.getJsonNumber("leaves").longValue()).isEqualTo(rolledBackTo);
    assertOffline(offline, Problem.POSITION_MISSING, rolledBackTo);
    assertPasses();
  }

  // ---- (d) a backdated trace ------------------------------------------------------------------

  @Test
  void aBackdatedTraceIsRefusedToTheApplicationsRole() throws Exception {
    Map<String, String> env = carnet.server().database().environment();
    try (Connection application =
            DriverManager.getConnection(
                env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
        Statement sql = application.createStatement()) {
      String backdated = refused(sql, appendTrace("now() - interval '2 days'"));
      String postdated = refused(sql, appendTrace("now() + interval '1 hour'"));
      // The set-based append of the bulk enrolment (V23) refuses the same.
      String backdatedSet =
          refused(
              sql,
              "select append_traces(now() - interval '2 days', 'AGENT', 'backdating', null, null,"
                  + " null, array[gen_random_uuid()], null, 'ACCOUNT_READ', 'PERMIT', 'ROLE',"
                  + " null, null, 'tampering')");
      String direct =
          refused(
              sql,
              "insert into trace (at, actor_role, actor_id, action, outcome, reason,"
                  + " chain, seq, prev_hash, hash) values (now() - interval '2 days',"
                  + " 'AGENT', 'backdating', 'ACCOUNT_READ', 'PERMIT', 'ROLE', 0, 0,"
                  + " repeat('0', 64), repeat('0', 64))");
      assertThat(backdated)
          .as("append_trace dated two days ago")
          .startsWith("23514 ")
          .contains("more than 5 minutes");
      assertThat(postdated).as("append_trace dated in an hour").startsWith("23514 ");
      assertThat(backdatedSet)
          .as("append_traces dated two days ago")
          .startsWith("23514 ")
          .contains("more than 5 minutes");
      assertThat(direct).as("a direct insert").startsWith("42501 ");
    }
  }

  /**
   * The attack of the stop-30 review: a temporary table of the application's role, named like a
   * table a security definer function writes, with a trigger of its own that would then run as the
   * owner. The role cannot make one, and no such function would find it first (V37).
   */
  @Test
  void noFunctionThatRunsAsItsOwnerFindsTheApplicationsTemporaryTablesFirst() throws Exception {
    Map<String, String> env = carnet.server().database().environment();
    String temporary;
    try (Connection application =
            DriverManager.getConnection(
                env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
        Statement sql = application.createStatement()) {
      temporary = refused(sql, "create temporary table app_connection (id bigint)");
    }
    assertThat(temporary).as("a temporary table of the application's role").startsWith("42501 ");
    List<String> definers = new ArrayList<>();
    List<String> unsafe = new ArrayList<>();
    try (Connection superuser = carnet.server().database().superuserConnection();
        Statement sql = superuser.createStatement();
        ResultSet rows =
            sql.executeQuery(
                "select p.oid::regprocedure::text, coalesce(array_to_string(p.proconfig, ';'), '')"
                    + " from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
                    + " where p.prosecdef and n.nspname = 'public'")) {
      while (rows.next()) {
        definers.add(rows.getString(1));
        if (!rows.getString(2).matches("(^|.*;)search_path=[^;]*, pg_temp(;.*|$)")) {
          unsafe.add(rows.getString(1) + " [" + rows.getString(2) + "]");
        }
      }
    }
    assertThat(definers).as("security definer functions").hasSizeGreaterThan(10);
    assertThat(unsafe).as("security definer functions without pg_temp last").isEmpty();
  }

  @Test
  void aBackdatedTraceTheSuperuserWritesIsNamedAndOneHiddenBelowTheWindowToo() throws Exception {
    witnessedAndVerified();
    JsonObject backdated;
    JsonObject hidden;
    Report offline;
    long position;
    long traceId;
    Long olderThan;
    try (TreeHeld held = new TreeHeld(HEADS);
        Chain chain = new Chain()) {
      // Valid links on a chain of its own, then left to the sequencer; no head is signed meanwhile.
      traceId = chain.append(null, "now() - interval '2 days'");
      try {
        position = awaitLeaf(traceId);
        olderThan = latestWitnessedAtOrBelow(position);
        backdated = tree(full());
        offline = evidence("d1-backdated").offline();
      } finally {
        held.lock(SEQUENCER);
        try (Statement sql = held.connection.createStatement()) {
          // The later leaves go too: the traces behind them are sequenced again once released.
          sql.execute(
              "delete from trace_leaf where position >= (select position from trace_leaf"
                  + " where trace_id = "
                  + traceId
                  + ")");
          sql.execute(
              "delete from trace_tree_node where (index + 1) * (1::bigint << level) > "
                  + "(select coalesce(max(position) + 1, 0) from trace_leaf)");
        }
        chain.remove(traceId);
      }
      // An id far below the tree's highest, where the sequencer never looks.
      long hiddenId = chain.append(0L, "now() - interval '2 days'");
      try {
        hidden = tree(full());
        evidence("d2-hidden-below-the-reorder-window");
      } finally {
        chain.remove(hiddenId);
      }
    }
    assertNamed(backdated, "BACKDATED", position, olderThan);
    assertThat(backdated.getJsonNumber("traceId").longValue()).isEqualTo(traceId);
    assertOffline(offline, Problem.BACKDATED, position);
    // Not offline: a trace kept out of the tree is in no export of the tree.
    assertThat(hidden.getString("problem")).as(hidden.toString()).isEqualTo("UNSEQUENCED");
    assertThat(hidden.getJsonNumber("traceId").longValue()).isZero();
    assertPasses();
  }

  // ---- (e) every function the old check used, redefined ---------------------------------------

  @Test
  void everyFunctionOfTheOldCheckRedefinedFoolsItButNotTheTree() throws Exception {
    witnessedAndVerified();
    JsonObject check;
    Report offline;
    long position;
    long traceId;
    Long covering;
    try (TreeHeld held = new TreeHeld(SEQUENCER, HEADS);
        Statement sql = held.connection.createStatement()) {
      position = witnessedSize() / 2;
      traceId = traceAt(sql, position);
      covering = covering(position);
      String canonical =
          single(sql, "select trace_canonical(t) from trace t where id = " + traceId);
      String canonicalDefinition =
          single(sql, "select pg_get_functiondef('trace_canonical(trace)'::regprocedure)");
      String hashDefinition =
          single(sql, "select pg_get_functiondef('trace_hash(trace)'::regprocedure)");
      assertThat(canonical).doesNotContain("$c$");
      sql.execute("create temporary table saved_e as select * from trace where id = " + traceId);
      try {
        sql.execute("update trace set actor_id = 'someone-else' where id = " + traceId);
        // The canonical form answers, for that trace, what it read before; the hash answers what
        // is stored when something is (new traces still get theirs).
        sql.execute(
            "create or replace function trace_canonical(t trace) returns text language sql stable"
                + " as $$ select case when t.id = "
                + traceId
                + " then $c$"
                + canonical
                + "$c$ else json_build_array(t.prev_hash, t.chain, t.seq,"
                + " to_char(t.at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'),"
                + " t.actor_role, t.actor_id, t.actor_rpps, t.actor_profession, t.actor_finess,"
                + " t.record_id, t.document_id, t.action, t.outcome, t.reason, t.detail,"
                + " t.access_mode, t.request_id)::text end $$");
        sql.execute(
            "create or replace function trace_hash(t trace) returns varchar language sql stable"
                + " as $$ select coalesce(t.hash,"
                + " encode(sha256(convert_to(trace_canonical(t), 'UTF8')), 'hex')) $$");
        check = full();
        offline = evidence("e-old-check-functions-redefined").offline();
      } finally {
        sql.execute(canonicalDefinition);
        sql.execute(hashDefinition);
        sql.execute(
            "delete from trace where id = "
                + traceId
                + "; insert into trace select * from saved_e");
      }
    }
    assertThat(chainsBroken(check)).as("the old check alone is fooled: %s", check).isFalse();
    assertThat(check.getBoolean("verified")).isFalse();
    assertNamed(tree(check), "LEAF_ALTERED", position, covering);
    assertOffline(offline, Problem.LEAF_ALTERED, position);
    assertPasses();
  }

  // ---- (f) a partition truncated --------------------------------------------------------------

  @Test
  void aPartitionTruncatedIsNamedAtItsFirstPosition() throws Exception {
    witnessedAndVerified();
    JsonObject check;
    Report offline;
    long first;
    Long covering;
    String partition;
    try (TreeHeld held = new TreeHeld(SEQUENCER, HEADS);
        Statement sql = held.connection.createStatement()) {
      long traceId = traceAt(sql, witnessedSize() / 2);
      partition = single(sql, "select tableoid::regclass::text from trace where id = " + traceId);
      assertThat(partition).matches("trace_(\\d{4}_\\d{2}|default)");
      Map<String, String> env = carnet.server().database().environment();
      try (Connection application =
              DriverManager.getConnection(
                  env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
          Statement app = application.createStatement()) {
        String truncating = refused(app, "truncate " + partition);
        assertThat(truncating).as("the application's role truncating").startsWith("42501 ");
      }
      try {
        // The partition and the chains' checkpoints, as the operator would; copied and
        // emptied in one transaction that holds the partition's writers (a chunk of an enrolment
        // committing between a copy and a truncate of their own would be lost for good, and break
        // its chain for every later case).
        held.connection.setAutoCommit(false);
        sql.execute("lock table " + partition + " in exclusive mode");
        sql.execute("create temporary table saved_f as select * from " + partition);
        sql.execute(
            "create temporary table saved_f_checkpoints as select * from trace_chain_checkpoint");
        sql.execute("truncate " + partition);
        sql.execute("delete from trace_chain_checkpoint");
        held.connection.commit();
        held.connection.setAutoCommit(true);
        first =
            Long.parseLong(
                single(
                    sql,
                    "select min(l.position) from trace_leaf l join saved_f s on s.id = l.trace_id"));
        covering = covering(first);
        check = full();
        offline = evidence("f-partition-truncated").offline();
      } finally {
        if (!held.connection.getAutoCommit()) {
          // Failed before the commit: nothing was emptied, nothing was saved.
          held.connection.rollback();
          held.connection.setAutoCommit(true);
        } else {
          sql.execute(
              "insert into "
                  + partition
                  + " select * from saved_f s where not exists"
                  + " (select 1 from trace t where t.id = s.id)");
          sql.execute(
              "delete from trace_chain_checkpoint;"
                  + " insert into trace_chain_checkpoint select * from saved_f_checkpoints");
        }
      }
    }
    assertThat(chainsBroken(check)).as("the chains see it too: %s", check).isTrue();
    assertNamed(tree(check), "TRACE_MISSING", first, covering);
    assertOffline(offline, Problem.TRACE_MISSING, first);
    assertPasses();
  }

  // ---- What every case shares -----------------------------------------------------------------

  /** A superuser session holding some of the tree's advisory locks until closed. */
  private final class TreeHeld implements AutoCloseable {
    final Connection connection;

    TreeHeld(String... jobs) throws SQLException {
      connection = carnet.server().database().superuserConnection();
      for (String job : jobs) {
        lock(job);
      }
    }

    /** Waits for the job's current transaction, if any, then keeps it from running. */
    void lock(String job) throws SQLException {
      try (PreparedStatement lock =
          connection.prepareStatement("select pg_advisory_lock(hashtext(?))")) {
        lock.setString(1, "carnet.trace_tree." + job);
        lock.executeQuery().close();
      }
    }

    @Override
    public void close() throws SQLException {
      try (Statement sql = connection.createStatement()) {
        sql.execute("select pg_advisory_unlock_all()");
      } finally {
        connection.close();
      }
    }
  }

  /**
   * One hash chain held by a superuser transaction of its own for a case: traces written with valid
   * links to it, and taken back with its head, while the application's writers use the other 63
   * (they skip a locked chain). {@code for no key update}: the integrity check's checkpoints
   * reference the chain and must not wait for it.
   */
  private final class Chain implements AutoCloseable {
    private final Connection connection;
    private final int chain;

    Chain() throws SQLException {
      connection = carnet.server().database().superuserConnection();
      connection.setAutoCommit(false);
      try (Statement sql = connection.createStatement()) {
        // A chain no open connection prefers (pg_backend_pid() % 64), so none waits for it.
        chain =
            Integer.parseInt(
                single(
                    sql,
                    "select g from generate_series(0, 63) g where g not in"
                        + " (select pid % 64 from pg_stat_activity where pid is not null)"
                        + " order by g limit 1"));
        lock(sql);
        sql.execute(
            "create temporary table saved_checkpoint on commit preserve rows as"
                + " select * from trace_chain_checkpoint where chain = "
                + chain);
        connection.commit();
        lock(sql);
      }
    }

    private void lock(Statement sql) throws SQLException {
      sql.executeQuery("select 1 from trace_chain where chain = " + chain + " for no key update")
          .close();
    }

    /** Appends a trace at {@code at} (an SQL expression), with that id or the next; its id. */
    long append(Long id, String at) throws SQLException {
      try (Statement sql = connection.createStatement()) {
        long traceId =
            Long.parseLong(
                single(
                    sql,
                    "insert into trace ("
                        + (id == null ? "" : "id, ")
                        + "at, actor_role, actor_id, actor_rpps, actor_profession, record_id,"
                        + " action, outcome, reason, access_mode, request_id, chain, seq,"
                        + " prev_hash, hash) select "
                        + (id == null ? "" : id + ", ")
                        + at
                        + ", 'PROFESSIONAL', 'psc-10999999999', '10999999999', '10',"
                        + " gen_random_uuid(), 'DOCUMENT_READ', 'PERMIT', 'AGREEMENT', 'NORMAL',"
                        + " 'tampering-backdated', c.chain, c.length, c.last_hash, repeat('0', 64)"
                        + " from trace_chain c where c.chain = "
                        + chain
                        + " returning id"));
        String hash =
            single(
                sql,
                "update trace t set hash = trace_hash(t) where id = "
                    + traceId
                    + " returning hash");
        sql.execute(
            "update trace_chain set length = length + 1, last_hash = '"
                + hash
                + "' where chain = "
                + chain);
        connection.commit();
        lock(sql);
        return traceId;
      }
    }

    /** Takes the trace back out, and the chain's head and checkpoint with it. */
    void remove(long traceId) throws SQLException {
      try (Statement sql = connection.createStatement()) {
        sql.execute(
            "update trace_chain c set length = t.seq, last_hash = t.prev_hash from trace t"
                + " where t.id = "
                + traceId
                + " and c.chain = t.chain");
        sql.execute("delete from trace where id = " + traceId);
        sql.execute(
            "delete from trace_chain_checkpoint where chain = "
                + chain
                + "; insert into trace_chain_checkpoint select * from saved_checkpoint");
        connection.commit();
        lock(sql);
      }
    }

    @Override
    public void close() throws SQLException {
      try {
        connection.rollback();
      } finally {
        connection.close();
      }
    }
  }

  /** The SQL state and message the statement fails with; null if it succeeds. */
  private static String refused(Statement sql, String statement) {
    try {
      sql.execute(statement);
      return null;
    } catch (SQLException e) {
      return e.getSQLState() + " " + e.getMessage();
    }
  }

  private static String appendTrace(String at) {
    return "select append_trace("
        + at
        + ", 'AGENT', 'backdating', null, null, null, null, null, 'ACCOUNT_READ', 'PERMIT',"
        + " 'ROLE', null, null, 'tampering')";
  }

  /** What an offline verifier is given, as the case left the trail. */
  private record Evidence(Path heads, Path key, Path trail, List<JsonObject> lines) {
    /** The offline verifier's verdict on it: the heads file, the key, the trail export. */
    Report offline() {
      return Verifier.verify(heads, key.toString(), trail, Options.defaults());
    }

    /** The trail export's line of that position, null if absent. */
    JsonObject line(long position) {
      return lines.stream()
          .filter(l -> l.getJsonNumber("position").longValue() == position)
          .findFirst()
          .orElse(null);
    }
  }

  private Evidence evidence(String name) throws Exception {
    Path folder = EVIDENCE.resolve(name);
    Files.createDirectories(folder);
    Path heads =
        Files.copy(
            carnet.server().treeWitnessFile(),
            folder.resolve("tree-heads.jsonl"),
            StandardCopyOption.REPLACE_EXISTING);
    Api.Reply key = api.get("/api/v1/audit/tree-heads/key", auditor);
    assertThat(key.status()).as(key.toString()).isEqualTo(200);
    String label = "PUBLIC " + "KEY";
    Path keyFile =
        Files.writeString(
            folder.resolve("tree-signing-key.pub.pem"),
            "-----BEGIN "
                + label
                + "-----\n"
                + key.json().getString("publicKey").replaceAll("(.{64})", "$1\n")
                + "\n-----END "
                + label
                + "-----\n");
    Api.Reply trail = api.get("/api/v1/audit/tree/leaves", auditor);
    assertThat(trail.status()).as(trail.toString()).isEqualTo(200);
    Path trailFile =
        Files.writeString(folder.resolve("trail.ndjson"), trail.body(), StandardCharsets.UTF_8);
    List<JsonObject> lines = new ArrayList<>();
    for (String line : trail.body().split("\n")) {
      if (!line.isBlank()) {
        lines.add(json(line));
      }
    }
    return new Evidence(heads, keyFile, trailFile, lines);
  }

  private void someAccesses() {
    String nir = People.newNir();
    Api.Reply created =
        api.post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String record = created.json().getString("id");
    Api.Reply history =
        api.get(
            "/api/v1/records/" + record + "/access-history",
            carnet.token("patient", Map.of("ins", nir)));
    assertThat(history.status()).as(history.toString()).isEqualTo(200);
  }

  /** Accesses, a head covering them, and the check passing before the case tampers. */
  private void witnessedAndVerified() throws Exception {
    someAccesses();
    publishNow();
    assertPasses();
  }

  private JsonObject publishNow() {
    Api.Reply head = api.post("/api/v1/audit/tree-heads", auditor, "");
    assertThat(head.status()).as(head.toString()).isEqualTo(200);
    return head.json();
  }

  private static long size(JsonObject head) {
    return head.getJsonNumber("size").longValue();
  }

  private JsonObject full() {
    Api.Reply reply = api.get("/api/v1/audit/integrity?full=true", auditor);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  /** Whether the old chain check found a broken link (null fields are left out of the JSON). */
  private static boolean chainsBroken(JsonObject check) {
    return check.containsKey("firstBroken") && !check.isNull("firstBroken");
  }

  private static JsonObject tree(JsonObject check) {
    return check.getJsonObject("tree");
  }

  private void assertPasses() throws Exception {
    JsonObject check = full();
    assertThat(check.getBoolean("verified")).as("restored: %s", check).isTrue();
    assertThat(tree(check).getBoolean("verified")).isTrue();
    Report offline = evidence("restored").offline();
    assertThat(offline.verified()).as("offline, restored: %s", offline.lines()).isTrue();
  }

  /** The offline verifier names the same problem at the same first position. */
  private static void assertOffline(Report report, Problem problem, long position) {
    Finding found = report.first(problem);
    assertThat(found).as("offline: %s", report.lines()).isNotNull();
    assertThat(found.position()).as("offline: %s", report.lines()).isEqualTo(position);
    assertThat(found.head()).as("offline: %s", report.lines()).isNotNull();
  }

  private static void assertNamed(JsonObject tree, String problem, long position, Long headSize) {
    assertThat(tree.getBoolean("verified")).as(tree.toString()).isFalse();
    assertThat(tree.getString("problem")).as(tree.toString()).isEqualTo(problem);
    assertThat(tree.getJsonNumber("position").longValue()).as(tree.toString()).isEqualTo(position);
    assertThat(headSize).as("a witnessed head it contradicts").isNotNull();
    assertThat(tree.getJsonNumber("headSize").longValue()).as(tree.toString()).isEqualTo(headSize);
  }

  /** A witnessed head, as the file outside the database says. */
  private record Head(long size, Instant timestamp) {}

  private List<Head> witnessed() throws Exception {
    List<Head> heads = new ArrayList<>();
    for (String line : Files.readAllLines(carnet.server().treeWitnessFile())) {
      JsonObject head = json(line);
      heads.add(
          new Head(
              head.getJsonNumber("size").longValue(), Instant.parse(head.getString("timestamp"))));
    }
    return heads;
  }

  private long witnessedSize() throws Exception {
    return witnessed().stream().mapToLong(Head::size).max().orElseThrow();
  }

  /** The first witnessed head that covers the position. */
  private Long covering(long position) throws Exception {
    return witnessed().stream()
        .map(Head::size)
        .filter(s -> s > position)
        .min(Long::compare)
        .orElse(null);
  }

  /** The head signed last among those the position came after. */
  private Long latestWitnessedAtOrBelow(long position) throws Exception {
    return witnessed().stream()
        .filter(h -> h.size() <= position)
        .max(Comparator.comparing(Head::timestamp))
        .map(Head::size)
        .orElse(null);
  }

  private long awaitLeaf(long traceId) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    try (Connection connection = carnet.server().database().superuserConnection();
        Statement sql = connection.createStatement()) {
      while (true) {
        try (ResultSet row =
            sql.executeQuery("select position from trace_leaf where trace_id = " + traceId)) {
          if (row.next()) {
            return row.getLong(1);
          }
        }
        assertThat(Instant.now()).as("trace %d sequenced in time", traceId).isBefore(deadline);
        Thread.sleep(200);
      }
    }
  }

  private static long traceAt(Statement sql, long position) throws SQLException {
    return Long.parseLong(
        single(sql, "select trace_id from trace_leaf where position = " + position));
  }

  private static String single(Statement sql, String query) throws SQLException {
    try (ResultSet row = sql.executeQuery(query)) {
      assertThat(row.next()).as(query).isTrue();
      return row.getString(1);
    }
  }

  /** Every subtree node again, from the leaves as they now stand. */
  private static void rebuildNodes(Connection connection) throws SQLException {
    MerkleTree.Frontier frontier = MerkleTree.Frontier.of((level, index) -> null, 0);
    List<MerkleTree.Frontier.Node> nodes = new ArrayList<>();
    try (Statement sql = connection.createStatement();
        ResultSet rows = sql.executeQuery("select leaf_hash from trace_leaf order by position")) {
      while (rows.next()) {
        nodes.addAll(frontier.append(rows.getBytes(1)));
      }
    }
    try (Statement sql = connection.createStatement();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into trace_tree_node (level, index, hash) values (?, ?, ?)")) {
      sql.execute("delete from trace_tree_node");
      for (MerkleTree.Frontier.Node node : nodes) {
        insert.setInt(1, node.level());
        insert.setLong(2, node.index());
        insert.setBytes(3, node.hash());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * One provider for every line: {@code Json.createReader} looks the provider up on the class path
   * at each call, and the whole trail is read line by line (about 190,000 lines by the end of the
   * full test run, where a thread dump found the test in that lookup; the class's time did not
   * change measurably, 275 then 284 s; where the rest goes was not profiled).
   */
  private static final JsonProvider JSON = JsonProvider.provider();

  private static JsonObject json(String text) {
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
