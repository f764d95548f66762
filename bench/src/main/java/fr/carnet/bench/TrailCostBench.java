package fr.carnet.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * What the verifiable trail costs the pushes: in one session on one server, alternating push runs
 * with the tree's sequencer and head signer on and off (off: held by {@link TreeSwitch}, as a
 * second instance would hold them), each after a warm-up, each followed by the floors (the cheapest
 * authenticated request and a bare two-insert transaction); then one more run with the tree on
 * under a JFR profile, for the server's CPU time per trace. Writes {@code trail-cost-*.md}.
 *
 * <p>{@code ./mvnw -Pbench -Dbench.main=fr.carnet.bench.TrailCostBench -Dbench.port=28680}; {@code
 * -Dbench.trail-pairs=5}, {@code -Dbench.pushes=10000}, {@code -Dbench.warmup=1000}, {@code
 * -Dbench.floor=3000}.
 */
public final class TrailCostBench {

  private static final Logger LOG = Logger.getLogger(TrailCostBench.class.getName());
  private static final int PORT = BenchRun.PORT;
  private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
  private static final int PATIENTS = 200;
  private static final int PAIRS = Integer.getInteger("bench.trail-pairs", 5);
  private static final int PUSHES = Integer.getInteger("bench.pushes", 10_000);
  private static final int WARM_UP = Integer.getInteger("bench.warmup", 1_000);
  private static final int FLOOR = Integer.getInteger("bench.floor", 3_000);
  private static final int SESSION_WARM_UP = Integer.getInteger("bench.session-warmup", 2_000);
  private static final int PROFILED_PUSHES =
      Integer.getInteger("bench.trail-profile-pushes", 3 * PUSHES);
  private static final long CATCH_UP_TIMEOUT_MS = 600_000;

  /**
   * The threads of the container's managed scheduler (as the kernel names them: 15 characters), on
   * which TreeJobs runs the sequencer and the head signer, beside the other jobs.
   */
  static final String SCHEDULER_THREADS = "concurrent/__de";

  /** The tree's work, as the profile finds it on the stacks. */
  static final Set<String> SEQUENCER =
      Set.of(
          "fr.carnet.audit.application.TreeService.sequence",
          "fr.carnet.audit.application.TreeJobs.sequence");

  static final Set<String> SIGNER =
      Set.of(
          "fr.carnet.audit.application.TreeService.publishHead",
          "fr.carnet.audit.application.TreeJobs.publish");

  /** One push run and the floors after it. */
  record Run(
      boolean treeOn,
      Load.Result pushes,
      long lagAtEnd,
      long maxLag,
      long catchUpMillis,
      long appended,
      long serverCpuNanos,
      long databaseCpuNanos,
      long schedulerCpuNanos,
      Load.Result requestFloor,
      Load.Result transactionFloor,
      List<String[]> statements) {

    double serverMillisPerPush() {
      return serverCpuNanos / 1e6 / pushes.requests();
    }

    double databaseMillisPerPush() {
      return databaseCpuNanos / 1e6 / pushes.requests();
    }
  }

  private TrailCostBench() {}

  public static void main(String[] args) throws Exception {
    // pg_stat_statements, for the database's side of the sequencer's statements (every run has it).
    System.setProperty("carnet.devdb.shared-preload-libraries", "pg_stat_statements");
    // Payara's stacks are deeper than JFR's default 64 frames: whole stacks, to find the tree's.
    System.setProperty("carnet.devserver.jvm-options", "-XX:FlightRecorderOptions=stackdepth=1024");
    GreenMail mail = new GreenMail(new ServerSetup(PORT + 25, "127.0.0.1", "smtp"));
    mail.start();
    try (DevServer server =
            BenchRun.startServer(
                Map.of(
                    "CARNET_NOTIFICATION_MAIL_HOST",
                    "127.0.0.1",
                    "CARNET_NOTIFICATION_MAIL_PORT",
                    String.valueOf(PORT + 25),
                    "CARNET_NOTIFICATION_MAIL_ALLOW_PLAIN",
                    "true"));
        TreeSwitch tree = new TreeSwitch(server.database().superuserConnection())) {
      DevTokens tokens = new DevTokens(server.keys().privateKey());
      String base = server.baseUrl() + "/api/v1";
      String admin = tokens.mint("admin");
      String gp = tokens.mint("professional", Map.of(), 240);
      List<String> nirs = new ArrayList<>();
      for (int i = 0; i < PATIENTS; i++) {
        String nir = DocumentBench.nir(i);
        nirs.add(nir);
        var created =
            Load.send(
                Load.to(base + "/records", admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(DocumentBench.createBody(nir)))
                    .build());
        if (created.statusCode() != 201) {
          throw new IllegalStateException("Cannot create records: " + created.body());
        }
      }
      try (Connection superuser = server.database().superuserConnection();
          Statement sql = superuser.createStatement()) {
        sql.execute("create extension if not exists pg_stat_statements");
      }
      DatabaseFloor.prepare(server);
      ProcessHandle jvm =
          ServerProcess.server(PORT).orElseThrow(() -> new IllegalStateException("No server JVM"));
      ProcessHandle postmaster;
      try (Connection superuser = server.database().superuserConnection()) {
        postmaster = ServerProcess.postmaster(superuser);
      }
      String content = Base64.getEncoder().encodeToString(DocumentBench.pdf(10 * 1024));
      Session session =
          new Session(server, tree, jvm, postmaster, base, gp, admin, nirs, content, mail);

      // The JIT, the pools and the caches warmed once for the session, as DocumentBench does.
      session.warmUp("session", SESSION_WARM_UP);
      List<Run[]> pairs = new ArrayList<>();
      for (int p = 0; p < PAIRS; p++) {
        // Off first in even pairs, on first in odd ones, so that a drift of the machine over the
        // session weighs on both sides alike.
        boolean onFirst = p % 2 == 1;
        Run first = session.run(onFirst, p + "a");
        Run second = session.run(!onFirst, p + "b");
        Run off = onFirst ? second : first;
        Run on = onFirst ? first : second;
        pairs.add(new Run[] {off, on});
        LOG.info(
            String.format(
                Locale.ROOT,
                "Pair %d: off %.0f pushes/s, on %.0f pushes/s, ratio %.3f",
                p + 1,
                off.pushes().throughput(),
                on.pushes().throughput(),
                on.pushes().throughput() / off.pushes().throughput()));
      }
      Profiled profiled = session.profiled();
      report(pairs, profiled, ServerMemory.peakRss(PORT).orElse(-1L), mail);
    } finally {
      mail.stop();
    }
  }

  /** What the profiled run found: the sequencer's and signer's CPU per trace. */
  record Profiled(
      Run run, Profile sequencer, Profile signer, List<String[]> statements, Path recording) {

    double serverMicrosPerTrace(Profile profile) {
      return profile.share() * run.serverCpuNanos() / 1e3 / Math.max(1, run.appended());
    }
  }

  /** The server, the switch and what every run needs. */
  private record Session(
      DevServer server,
      TreeSwitch tree,
      ProcessHandle jvm,
      ProcessHandle postmaster,
      String base,
      String gp,
      String admin,
      List<String> nirs,
      String content,
      GreenMail mail) {

    Run run(boolean on, String name) throws Exception {
      if (on) {
        tree.on();
        // The backlog an off run left is appended before this run's warm-up, not during it.
        tree.awaitCaughtUp(CATCH_UP_TIMEOUT_MS);
      } else {
        tree.off();
      }
      warmUp(name);
      if (on) {
        tree.awaitCaughtUp(CATCH_UP_TIMEOUT_MS);
      }
      return measured(on, name, PUSHES, null);
    }

    private void warmUp(String name) throws Exception {
      warmUp(name, WARM_UP);
    }

    void warmUp(String name, int count) throws Exception {
      Load.run(
          "warm-up",
          CLIENTS,
          count,
          201,
          i -> DocumentBench.push(base, gp, name + "-w-" + i, nirs.get(i % PATIENTS), content));
    }

    /** The measured push run, then the floors; under a JFR recording if one is given. */
    Run measured(boolean on, String name, int count, Path recording) throws Exception {
      long size = tree.size();
      long scheduler0 = ServerProcess.threadsCpuNanos(jvm.pid(), SCHEDULER_THREADS);
      long server0 = ServerProcess.cpuNanos(jvm.pid());
      long database0 = ServerProcess.treeCpuNanos(postmaster);
      ServerProcess.Recording jfr =
          recording == null ? null : ServerProcess.Recording.start(jvm, "trail");
      AtomicLong maxLag = new AtomicLong();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService sampler = Executors.newSingleThreadExecutor();
      Future<?> sampling =
          sampler.submit(
              () -> {
                while (running.get()) {
                  maxLag.accumulateAndGet(tree.lagEstimate(), Math::max);
                  Thread.sleep(1_000);
                }
                return null;
              });
      Load.Result pushes =
          Load.run(
              "push 10 KB PDF",
              CLIENTS,
              count,
              201,
              i -> DocumentBench.push(base, gp, name + "-s-" + i, nirs.get(i % PATIENTS), content));
      running.set(false);
      sampling.get();
      sampler.shutdown();
      long lagAtEnd = tree.lag();
      long catchUp = on ? tree.awaitCaughtUp(CATCH_UP_TIMEOUT_MS) : -1;
      long serverCpu = ServerProcess.cpuNanos(jvm.pid()) - server0;
      long databaseCpu = ServerProcess.treeCpuNanos(postmaster) - database0;
      long schedulerCpu = ServerProcess.threadsCpuNanos(jvm.pid(), SCHEDULER_THREADS) - scheduler0;
      List<String[]> statements = null;
      if (jfr != null) {
        jfr.stop(recording);
        statements = statements();
      }
      long appended = tree.size() - size;
      Load.Result request =
          Load.run(
              "floor: cheapest authenticated request (GET /reference/durations)",
              CLIENTS,
              FLOOR,
              200,
              i -> Load.to(base + "/reference/durations", admin).GET().build());
      Load.Result transaction = DatabaseFloor.transactions(server, CLIENTS, FLOOR);
      LOG.info(
          String.format(
              Locale.ROOT,
              "Run %s (tree %s): %.0f pushes/s, lag %d at the end (max %d), caught up in %d ms",
              name,
              on ? "on" : "off",
              pushes.throughput(),
              lagAtEnd,
              Math.max(maxLag.get(), lagAtEnd),
              catchUp));
      return new Run(
          on,
          pushes,
          lagAtEnd,
          Math.max(maxLag.get(), lagAtEnd),
          catchUp,
          appended,
          serverCpu,
          databaseCpu,
          schedulerCpu,
          request,
          transaction,
          statements);
    }

    /** The extra run with the tree on, under JFR and pg_stat_statements. */
    Profiled profiled() throws Exception {
      tree.on();
      tree.awaitCaughtUp(CATCH_UP_TIMEOUT_MS);
      warmUp("p");
      tree.awaitCaughtUp(CATCH_UP_TIMEOUT_MS);
      try (Connection superuser = server.database().superuserConnection();
          Statement sql = superuser.createStatement()) {
        sql.execute("select pg_stat_statements_reset()");
      }
      Path recording = BenchRun.work().resolve("trail-cost.jfr").toAbsolutePath();
      Files.createDirectories(recording.getParent());
      Files.deleteIfExists(recording);
      Run run = measured(true, "p", PROFILED_PUSHES, recording);
      return new Profiled(
          run,
          Profile.read(recording, SEQUENCER),
          Profile.read(recording, SIGNER),
          run.statements(),
          recording);
    }

    /** The server's statements on the tree's tables since the last reset. */
    private List<String[]> statements() throws SQLException {
      List<String[]> statements = new ArrayList<>();
      try (Connection superuser = server.database().superuserConnection();
          Statement sql = superuser.createStatement();
          ResultSet rows =
              sql.executeQuery(
                  "select calls, rows, total_exec_time, regexp_replace(query, '\\s+', ' ', 'g')"
                      + " from pg_stat_statements where userid <> (select oid from pg_roles"
                      + " where rolname = current_user) and (query like '%trace_leaf%'"
                      + " or query like '%trace_tree_node%' or query like '%tree_head%'"
                      + " or query like '%advisory_xact_lock%' or query like '%from trace t where t.id%'"
                      + " or query like 'select id from trace where id%')"
                      + " order by total_exec_time desc")) {
        while (rows.next()) {
          statements.add(
              new String[] {
                rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)
              });
        }
      }
      return statements;
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void report(List<Run[]> pairs, Profiled profiled, long rssMiB, GreenMail mail)
      throws Exception {
    StringBuilder md = new StringBuilder();
    md.append("# The trail's cost on pushes, ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
        .append("\n\n");
    md.append("Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, shared by the server, PostgreSQL, this load generator")
        .append(" and whatever else runs on the machine; Java ")
        .append(System.getProperty("java.version"))
        .append(". Payara Server 6, PostgreSQL 15 (embedded, pg_stat_statements loaded).")
        .append(" One server and one database for the whole session; ")
        .append(PATIENTS)
        .append(" records with an email address (each push queues a notification); ")
        .append(String.format("%,d", SESSION_WARM_UP))
        .append(" unmeasured pushes once, then in each run: ")
        .append(String.format("%,d", WARM_UP))
        .append(" unmeasured pushes, then ")
        .append(String.format("%,d", PUSHES))
        .append(" pushes of a 10 KB PDF by ")
        .append(CLIENTS)
        .append(" clients in a closed loop, then the floors (")
        .append(String.format("%,d", FLOOR))
        .append(" each). Tree off: the sequencer's and the head signer's advisory locks held by")
        .append(" another session, as a second instance would hold them (each tick finds the")
        .append(" lock taken: one query a second). Tree on: the backlog of the run before is")
        .append(" appended before the warm-up. Pairs alternate which side runs first.\n\n");
    md.append(
        "| pair | first | off: pushes/s | on: pushes/s | on/off | off p99 ms | on p99 ms"
            + " | on: lag at end (max) | on: caught up after | floor req/s off/on"
            + " | floor tx/s off/on |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    double[] ratios = new double[pairs.size()];
    double[] requestRatios = new double[pairs.size()];
    double[] transactionRatios = new double[pairs.size()];
    for (int p = 0; p < pairs.size(); p++) {
      Run off = pairs.get(p)[0];
      Run on = pairs.get(p)[1];
      ratios[p] = on.pushes().throughput() / off.pushes().throughput();
      requestRatios[p] = on.requestFloor().throughput() / off.requestFloor().throughput();
      transactionRatios[p] =
          on.transactionFloor().throughput() / off.transactionFloor().throughput();
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %.0f | %.0f | %.3f | %.1f | %.1f | %d (%d) | %d ms | %.0f / %.0f"
                  + " | %.0f / %.0f |\n",
              p + 1,
              p % 2 == 1 ? "on" : "off",
              off.pushes().throughput(),
              on.pushes().throughput(),
              ratios[p],
              off.pushes().percentileMillis(99),
              on.pushes().percentileMillis(99),
              on.lagAtEnd(),
              on.maxLag(),
              on.catchUpMillis(),
              off.requestFloor().throughput(),
              on.requestFloor().throughput(),
              off.transactionFloor().throughput(),
              on.transactionFloor().throughput()));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "\n**Median ratio on/off of push throughput: %.3f** (%+.1f %%); the floors' medians"
                + " on/off: %.3f (request), %.3f (transaction).\n\n",
            median(ratios),
            (median(ratios) - 1) * 100,
            median(requestRatios),
            median(transactionRatios)));
    md.append(
        "CPU time over each push run (from /proc, per push; with the tree on, the window ends"
            + " when the tree has caught up):\n\n");
    md.append(
        "| pair | server JVM ms/push off | on | PostgreSQL ms/push off | on"
            + " | scheduler threads ms off | on | on − off per trace | traces per push (on)"
            + " | failures off/on |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    double[] schedulerMicros = new double[pairs.size()];
    for (int p = 0; p < pairs.size(); p++) {
      Run off = pairs.get(p)[0];
      Run on = pairs.get(p)[1];
      schedulerMicros[p] =
          (on.schedulerCpuNanos() - off.schedulerCpuNanos()) / 1e3 / Math.max(1, on.appended());
      md.append(
          String.format(
              Locale.ROOT,
              "| %d | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f | %.1f µs | %.2f | %d / %d |\n",
              p + 1,
              off.serverMillisPerPush(),
              on.serverMillisPerPush(),
              off.databaseMillisPerPush(),
              on.databaseMillisPerPush(),
              off.schedulerCpuNanos() / 1e6,
              on.schedulerCpuNanos() / 1e6,
              schedulerMicros[p],
              (double) on.appended() / on.pushes().requests(),
              off.pushes().failures(),
              on.pushes().failures()));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "\nThe scheduler threads (`%s…`) run the sequencer and the head signer, and the"
                + " other jobs (notifications) in both runs: their CPU time with the tree on less"
                + " with it off, per trace appended, median of the pairs: **%.1f µs per"
                + " trace**.\n",
            SCHEDULER_THREADS,
            median(schedulerMicros)));
    Run run = profiled.run();
    md.append("\n## CPU per trace, from a profile\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "One more run with the tree on, under JFR (`settings=profile`) from the first"
                + " measured push until the tree caught up: %.0f pushes/s, %,d traces appended,"
                + " lag %d at the end (caught up %d ms later). Server JVM CPU over the window:"
                + " %.1f s; %,d execution samples, of which %,d (%.2f %%) under the sequencer"
                + " (`TreeService.sequence`) and %,d (%.2f %%) under the head signer"
                + " (`publishHead`); %,d stacks truncated (JFR's stack depth set to 1,024). Over the same"
                + " window the scheduler threads used %.1f µs of CPU per trace appended.\n\n",
            run.pushes().throughput(),
            run.appended(),
            run.lagAtEnd(),
            run.catchUpMillis(),
            run.serverCpuNanos() / 1e9,
            profiled.sequencer().samples(),
            profiled.sequencer().under(),
            100 * profiled.sequencer().share(),
            profiled.signer().under(),
            100 * profiled.signer().share(),
            profiled.sequencer().truncated(),
            run.schedulerCpuNanos() / 1e3 / Math.max(1, run.appended())));
    double sequencerMicros = profiled.serverMicrosPerTrace(profiled.sequencer());
    double signerMicros = profiled.serverMicrosPerTrace(profiled.signer());
    double pushMicros = run.serverCpuNanos() / 1e3 / run.pushes().requests();
    md.append(
        String.format(
            Locale.ROOT,
            "**Server CPU per trace: %.1f µs in the sequencer + %.1f µs in the head signer**"
                + " (share of samples × the process's CPU time ÷ traces appended), against %.0f µs"
                + " of server CPU per push in the same run (%.2f %%).\n\n",
            sequencerMicros,
            signerMicros,
            pushMicros,
            100
                * (sequencerMicros + signerMicros)
                * run.appended()
                / run.pushes().requests()
                / pushMicros));
    double databaseMillis = 0;
    StringBuilder statements = new StringBuilder();
    for (String[] statement : profiled.statements()) {
      double millis = Double.parseDouble(statement[2]);
      databaseMillis += millis;
      String query =
          statement[3].length() > 110 ? statement[3].substring(0, 110) + "…" : statement[3];
      statements.append(
          String.format(
              Locale.ROOT,
              "| `%s` | %s | %s | %.0f | %.2f |\n",
              query.replace("|", "\\|"),
              statement[0],
              statement[1],
              millis,
              millis * 1e3 / Math.max(1, run.appended())));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "PostgreSQL's side (pg_stat_statements, the sequencer's and the signer's statements"
                + " over the same window; execution time, not CPU): **%.1f µs per trace**.\n\n",
            databaseMillis * 1e3 / Math.max(1, run.appended())));
    md.append("| statement | calls | rows | total ms | µs/trace |\n|---|---|---|---|---|\n");
    md.append(statements);
    md.append("\nWhere the sequencer's samples are, by the code of the innermost frame:\n\n");
    md.append(profiled.sequencer().table("code", profiled.sequencer().layers()));
    md.append("\nInnermost frames under the sequencer:\n\n");
    md.append(profiled.sequencer().table("frame", profiled.sequencer().innermostFrames()));
    md.append("\nInnermost Carnet frames under the sequencer:\n\n");
    md.append(profiled.sequencer().table("frame", profiled.sequencer().carnetFrames()));
    md.append("\nInnermost frames under the head signer:\n\n");
    md.append(profiled.signer().table("frame", profiled.signer().innermostFrames()));
    md.append("\nServer JVM peak RSS (VmHWM): ")
        .append(rssMiB)
        .append(" MiB; notifications delivered: ")
        .append(mail.getReceivedMessages().length)
        .append(". Recording: `")
        .append(profiled.recording())
        .append("`.\n");
    BenchRun.report("trail-cost", md);
  }
}
