package fr.carnet.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.carnet.bench.LoadSpec.Target;
import fr.carnet.devserver.DevServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * The bench of issue 17, in one run on one server: Carnet's EAR on Payara Server with a fresh
 * embedded PostgreSQL, seeded as {@link DocumentBench} seeds it; first the floors (the cheapest
 * authenticated request through the same generator, and a bare two-insert JDBC transaction on the
 * same database with as many connections), then each load, its throughput also as a ratio of both
 * floors, and the CPU shares of the server, PostgreSQL and the generator over its wall time. The
 * generator is Debian's wrk ({@code bench/ensure-wrk.sh} installs it when it may), or the Java
 * client when wrk cannot be had. Writes {@code performance-latest.md}.
 *
 * <p>{@code ./mvnw -Pbench}; {@code -Dbench.seconds=20} per load, {@code -Dbench.warmup-seconds=5}
 * before each (and {@code -Dbench.session-warmup-seconds=15} of pushes, then {@code
 * -Dbench.load-warmup-seconds=10} of each read and push, before the floors), {@code
 * -Dbench.clients=8}, {@code -Dbench.generator=java} for the Java client, {@code
 * -Dbench.floor-path=/api/v1/…} and {@code -Dbench.floor-role=…} for another floor request, {@code
 * -Dbench.only=push,search} for the loads whose names contain one of these words ({@code messages},
 * {@code agenda} and the others of {@link MessagingAgendaLoads} for issue 21's), {@code
 * -Dbench.statements=false} without PostgreSQL's statements per load ({@link StatementProfile}).
 */
public final class PerformanceBench {

  private static final Logger LOG = Logger.getLogger(PerformanceBench.class.getName());
  private static final int PORT = BenchRun.PORT;
  private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
  private static final int WARM_UP = Integer.getInteger("bench.warmup-seconds", 5);
  private static final int SESSION_WARM_UP =
      Integer.getInteger("bench.session-warmup-seconds", 3 * WARM_UP);
  private static final int LOAD_WARM_UP =
      Integer.getInteger("bench.load-warmup-seconds", 2 * WARM_UP);
  private static final String FLOOR_PATH =
      System.getProperty("bench.floor-path", "/api/v1/reference/classes");
  private static final boolean STATEMENTS =
      Boolean.parseBoolean(System.getProperty("bench.statements", "true"));
  private static final List<String> ONLY =
      List.of(System.getProperty("bench.only", "").split(",")).stream()
          .map(String::strip)
          .filter(w -> !w.isEmpty())
          .toList();

  /** The targets of issue 17 on this machine, with 8 clients. */
  static final Target FLOOR_TARGET = Target.rate(6_000);

  static final long RSS_TARGET_MIB = 768;

  private PerformanceBench() {}

  public static void main(String[] args) throws Exception {
    String loadAtStart = Machine.loadAverage();
    // Every record has an email address: each push queues a notification, and the delivery job
    // sends them (grouped per window) to this mail server, as in production.
    GreenMail mail = new GreenMail(new ServerSetup(PORT + 25, "127.0.0.1", "smtp"));
    mail.start();
    if (STATEMENTS) {
      StatementProfile.preload();
    }
    try (DevServer server =
        BenchRun.startServer(
            Map.of(
                "CARNET_NOTIFICATION_MAIL_HOST",
                "127.0.0.1",
                "CARNET_NOTIFICATION_MAIL_PORT",
                String.valueOf(PORT + 25),
                "CARNET_NOTIFICATION_MAIL_ALLOW_PLAIN",
                "true",
                // 20 s of writes into 200 conversations and agendas: the policy's daily quotas
                // (50 messages a sender a conversation, 50 appointments to come a pusher) would
                // refuse most of them. Each write still counts against its quota; the bound is
                // only set beyond what the bench writes.
                "CARNET_MESSAGING_MAX_MESSAGES_PER_DAY",
                "1000000",
                "CARNET_AGENDA_MAX_UPCOMING_PER_PUSHER",
                "1000000"))) {
      ProcessHandle jvm =
          ServerProcess.server(PORT).orElseThrow(() -> new IllegalStateException("No server JVM"));
      ProcessHandle postmaster;
      try (Connection superuser = server.database().superuserConnection()) {
        postmaster = ServerProcess.postmaster(superuser);
      }
      Machine machine = Machine.of(server, jvm, Path.of(System.getProperty("payara.home")));
      BenchRecords data = BenchRecords.seed(server, CLIENTS);
      MessagingAgendaLoads exchanges =
          MessagingAgendaLoads.seed(server, data, CLIENTS, PerformanceBench::asked);
      DatabaseFloor.prepare(server);
      Session session =
          new Session(
              server,
              driver(server),
              new UsageMeter(jvm.pid(), postmaster),
              STATEMENTS ? StatementProfile.enable(server) : null,
              new ArrayList<>());
      Loads loads = new Loads(data, exchanges);

      // The JIT, the pools and the caches, before the floors: a push touches most of the server.
      session.driver().run(loads.pushJson(), SESSION_WARM_UP, Session.nextRun());
      List<LoadSpec> specs = loads.all().stream().filter(spec -> asked(spec.name())).toList();
      // Then each read and each push once, so that the JIT has compiled their paths before any
      // is measured: with 15 s of pushes alone, the compiler threads still took 150 to 870 µs a
      // request of the next loads (20 to 30 % of the server's CPU). Messages and appointments
      // are not written here: their reads are of the seeded data.
      List<LoadSpec> warmUps = new ArrayList<>(List.of(loads.serverFloor()));
      specs.stream()
          .filter(spec -> spec.method().equals("GET") || spec.name().startsWith("push"))
          .forEach(warmUps::add);
      for (LoadSpec spec : warmUps) {
        session.driver().run(spec, LOAD_WARM_UP, Session.nextRun());
      }
      List<Measured> floors = new ArrayList<>();
      floors.add(session.measure(loads.serverFloor()));
      floors.add(session.databaseFloor());
      List<Measured> rows = new ArrayList<>();
      for (LoadSpec spec : specs) {
        rows.add(session.measure(spec));
      }
      PerformanceReport report =
          new PerformanceReport(
              machine,
              loadAtStart,
              Machine.loadAverage(),
              session.driver().describe(),
              SECONDS,
              WARM_UP,
              floors,
              FLOOR_TARGET,
              specs,
              rows,
              ServerProcess.memoryMiB(jvm.pid(), "VmHWM"),
              RSS_TARGET_MIB,
              mail.getReceivedMessages().length,
              exchanges.describe(specs, MessagingAgendaLoads.largestConversation(server)),
              session.statements());
      BenchRun.report("performance", report.markdown());
    } finally {
      mail.stop();
    }
  }

  /** Whether {@code -Dbench.only} asks for this load (all loads when it is not given). */
  private static boolean asked(String load) {
    return ONLY.isEmpty() || ONLY.stream().anyMatch(load::contains);
  }

  /** wrk when it is here or can be installed (or the Java client when asked or when it cannot). */
  private static LoadDriver driver(DevServer server) throws Exception {
    // wrk resolves localhost as it likes (::1 first, maybe): the server listens on IPv4.
    String url = server.baseUrl().replace("//localhost:", "//127.0.0.1:");
    if ("java".equals(System.getProperty("bench.generator"))) {
      return new JavaDriver(url, CLIENTS, "asked for with -Dbench.generator=java");
    }
    StringBuilder why = new StringBuilder();
    Optional<WrkDriver> wrk =
        WrkDriver.ensure(
            Path.of(System.getProperty("bench.ensure-wrk", "ensure-wrk.sh")),
            System.getProperty("bench.wrk", "wrk"),
            url,
            CLIENTS,
            Integer.getInteger("bench.wrk-threads", Runtime.getRuntime().availableProcessors()),
            BenchRun.work().resolve("wrk"),
            why);
    if (wrk.isPresent()) {
      return wrk.get();
    }
    LOG.warning("No wrk: the loads are sent by the Java client (" + why + ")");
    return new JavaDriver(url, CLIENTS, "wrk could not be had (" + why + ")");
  }

  /** The server, the generator and the meter: a load warmed up, then measured. */
  private record Session(
      DevServer server,
      LoadDriver driver,
      UsageMeter meter,
      StatementProfile profile,
      List<StatementProfile.Snapshot> statements) {

    private static int runs;

    private static String nextRun() {
      return "r" + System.currentTimeMillis() % 100_000_000 + "-" + ++runs;
    }

    void warmUp(LoadSpec spec) throws Exception {
      driver.run(spec, WARM_UP, nextRun());
    }

    Measured measure(LoadSpec spec) throws Exception {
      warmUp(spec);
      if (profile != null) {
        profile.reset();
      }
      UsageMeter.Window window = meter.start(driver::generatorCpuNanos);
      Measured measured = driver.run(spec, SECONDS, nextRun());
      Measured done = measured.with(window.stop());
      if (profile != null) {
        statements.add(profile.read(spec.name(), done.requests()));
      }
      LOG.info(
          String.format(
              "%s: %.0f req/s, p99 %.1f ms, %d failures",
              spec.name(), done.throughput(), done.p99Millis(), done.failures()));
      return done;
    }

    /** The JDBC floor: its generator is this JVM (its JDBC clients), not wrk. */
    Measured databaseFloor() throws Exception {
      DatabaseFloor.transactionsFor(server, CLIENTS, WARM_UP);
      long self = ProcessHandle.current().pid();
      UsageMeter.Window window = meter.start(() -> ServerProcess.cpuNanos(self));
      Load.Result result = DatabaseFloor.transactionsFor(server, CLIENTS, SECONDS);
      return Measured.of(result).with(window.stop());
    }
  }

  /** The loads, in the order they run, each as both generators send it. */
  private record Loads(BenchRecords data, MessagingAgendaLoads exchanges) {

    private static final String API = "/api/v1";
    private static final String FHIR = "/fhir";

    LoadSpec serverFloor() {
      String role = System.getProperty("bench.floor-role", "professional");
      String token = role.equals("admin") ? data.admin() : data.reader();
      return LoadSpec.get(
          "floor: cheapest authenticated request (GET " + FLOOR_PATH + ", " + role + ")",
          List.of(FLOOR_PATH),
          token,
          200,
          FLOOR_TARGET);
    }

    LoadSpec pushJson() {
      String content = Base64.getEncoder().encodeToString(DocumentBench.pdf(10 * 1024));
      return push("push 10 KB PDF", content, Target.rateAndP99(1_000, 30));
    }

    private LoadSpec push(String name, String content, Target target) {
      byte[] body =
          DocumentBench.pushBody(LoadSpec.ID, LoadSpec.NIR, DocumentBench.LAB, content)
              .getBytes(StandardCharsets.UTF_8);
      return LoadSpec.post(
          name, API + "/documents", data.gp(), "application/json", body, data.nirs(), 201, target);
    }

    List<LoadSpec> all() {
      List<LoadSpec> all = new ArrayList<>(documents());
      all.addAll(exchanges.all());
      return all;
    }

    private List<LoadSpec> documents() {
      byte[] small = DocumentBench.pdf(10 * 1024);
      byte[] large = DocumentBench.pdf(1024 * 1024);
      List<String> records = data.recordIds();
      String big = data.bigRecord();
      return List.of(
          // Below the floor, for what it contains: HTTP alone, then the refusal of no token.
          LoadSpec.get(
              "static file (/index.html, no token)", List.of("/index.html"), null, 200, null),
          LoadSpec.get("no token (401)", List.of(API + "/records/mine"), null, 401, null),
          // The floor plus what every traced request adds: an account-level read of the policy
          // (one small query) and its trace, with the chain, the tree and the transaction.
          LoadSpec.get(
              "one traced read (GET /reference/durations, admin)",
              List.of(API + "/reference/durations"),
              data.admin(),
              200,
              null),
          pushJson(),
          LoadSpec.post(
              "push 10 KB PDF, multipart (bytes, no base64)",
              API + "/documents",
              data.gp(),
              DocumentBench.MULTIPART,
              DocumentBench.uploadBody(LoadSpec.ID, LoadSpec.NIR, small),
              data.nirs(),
              201,
              Target.rate(1_200)),
          LoadSpec.post(
              "push 10 KB PDF, FHIR (ITI-65 transaction)",
              FHIR,
              data.gp(),
              "application/fhir+json",
              FhirSubmission.loadTemplate(small).getBytes(StandardCharsets.UTF_8),
              data.nirs(),
              200,
              Target.rate(800)),
          push("push 1 MB PDF", Base64.getEncoder().encodeToString(large), null),
          reads(
              "search a record (20 newest)",
              i -> API + "/records/" + records.get(i) + "/documents?limit=20",
              Target.rateAndP99(1_500, 20)),
          reads(
                  "search a record (20 newest), FHIR (ITI-67)",
                  i -> FHIR + "/DocumentReference?patient=Patient/" + records.get(i) + "&_count=20",
                  Target.rate(1_000))
              .withLargeResponses(),
          reads("read metadata", this::document, Target.rateAndP99(2_500, 10)),
          reads("read 10 KB content", i -> document(i) + "/content", Target.rateAndP99(2_000, 10)),
          reads(
              "search a 1,000-document record (20 newest)",
              i -> API + "/records/" + big + "/documents?limit=20",
              null),
          reads(
                  "search a 1,000-document record (20 newest), FHIR (ITI-67)",
                  i -> FHIR + "/DocumentReference?patient=Patient/" + big + "&_count=20",
                  null)
              .withLargeResponses(),
          reads(
              "search a 1,000-document record by class (5 match)",
              i -> API + "/records/" + big + "/documents?class=IMAGING",
              null));
    }

    private String document(int i) {
      return API
          + "/records/"
          + data.recordIds().get(i)
          + "/documents/"
          + data.documentIds().get(i);
    }

    /** Reads by the GP with an agreement, over the 200 records in turn. */
    private LoadSpec reads(String name, IntFunction<String> path, Target target) {
      List<String> paths =
          IntStream.range(0, data.recordIds().size()).mapToObj(path).distinct().toList();
      return LoadSpec.get(name, paths, data.reader(), 200, target);
    }
  }
}
