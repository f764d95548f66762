package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's pages with 1,000,000 records and 10,000,000 traces loaded: each staff client has
 * its own session, logs in, opens its desk from the home page (the desks are protected views) and
 * posts the desk's forms as a browser would, view state and all. The budget is 300 ms a page.
 *
 * <p>Run with {@code ./mvnw -Pbench -Dbench.main=fr.carnet.bench.ConsoleBench}; the report goes to
 * {@code bench/results/console-latest.md}.
 */
public final class ConsoleBench {

  private static final Logger LOG = Logger.getLogger(ConsoleBench.class.getName());
  private static final int RECORDS = Integer.getInteger("bench.records", 1_000_000);
  private static final int PATIENTS = 1_000;
  private static final int CLIENTS = 2;
  private static final int REQUESTS = Integer.getInteger("bench.requests", 400);
  private static final double BUDGET_MILLIS = 300;
  private static final String PASSWORD = "un-mot-de-passe-de-banc";

  // Birth names built from two syllables: 30 x 30 = 900 names, about 31 persons born each day.
  private static final String FIRST_SYLLABLES =
      "'BER','DU','LE','MAR','PE','RO','GAR','FON','CHA','LA','MO','BOU','GI','RI','DE',"
          + "'FAU','VIL','MOU','PI','CO','BA','TOU','SI','LU','NO','VAL','GUE','PO','RE','SA'";
  private static final String SECOND_SYLLABLES =
      "'NARD','RAND','ROUX','TIN','TIT','CHE','NIER','TAINE','VET','COSTE','REAU','CHER',"
          + "'RAUD','CHARD','NIS','RE','LIER','LIN','NEAU','LET','RON','SSIER','MON','CAS',"
          + "'BERT','LOIS','RIN','TIER','NAUD','GNON'";
  private static final String FIRST_NAMES =
      "'MARIE','JEAN','LOUISE','PIERRE','CAMILLE','PAUL','JULIE','LUC','ANNE','HUGO'";

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

  private ConsoleBench() {}

  public static void main(String[] args) throws Exception {
    try (DevServer server = BenchRun.startServer(Map.of())) {
      DevTokens tokens = new DevTokens(server.keys().privateKey());
      String base = server.baseUrl();
      String admin = tokens.mint("admin", Map.of(), 240);
      List<String> patientIds = new ArrayList<>();
      List<String> patientNirs = new ArrayList<>();
      for (int i = 0; i < PATIENTS; i++) {
        String nir = BenchRun.nir(String.format("2850575%06d", 300_000 + i));
        HttpResponse<String> created =
            Load.send(
                Load.to(base + "/api/v1/records", admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BenchRun.openRecord(nir, null)))
                    .build());
        if (created.statusCode() != 201) {
          throw new IllegalStateException("Cannot create records: " + created.body());
        }
        patientIds.add(created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
        patientNirs.add(nir);
      }
      long recordSeconds = loadRecords(server);
      YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
      Instant start =
          thisMonth
              .minusMonths(TraceBench.MONTHS)
              .atDay(1)
              .atStartOfDay()
              .toInstant(ZoneOffset.UTC);
      long traceSeconds = TraceBench.load(server, patientIds, start);
      long records;
      long traces;
      try (Connection superuser = server.database().superuserConnection();
          Statement sql = superuser.createStatement()) {
        sql.execute("analyze");
        records = TraceBench.single(sql, "select count(*) from record");
        traces = TraceBench.single(sql, "select count(*) from trace");
      }
      for (String role : List.of("agent", "auditor", "admin")) {
        HttpResponse<String> staff =
            Load.send(
                Load.to(base + "/api/v1/staff", admin)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"bench-"
                                + role
                                + "\",\"password\":\""
                                + PASSWORD
                                + "\",\"roles\":[\""
                                + role
                                + "\"]}"))
                    .build());
        if (staff.statusCode() != 201) {
          throw new IllegalStateException("Cannot create console accounts: " + staff.body());
        }
      }

      YearMonth month = thisMonth.minusMonths(2);
      List<Load.Result> rows = new ArrayList<>();
      rows.add(
          measure(
              "agent: desk page",
              base,
              "agent",
              "agent-desk",
              REQUESTS,
              (page, i) -> page.open("agent-desk"),
              "Retrouver une personne"));
      rows.add(
          measure(
              "agent: find by INS and traits, the account with its history and representatives",
              base,
              "agent",
              "agent-desk",
              REQUESTS,
              (page, i) ->
                  page.post(
                      "find",
                      fields(
                          "ins", patientNirs.get((i * 7) % PATIENTS),
                          "birthName", "DUPONT",
                          "firstNames", "MARIE",
                          "birthDate", "1985-05-12",
                          "sex", "F",
                          "birthPlace", "75056"),
                      "submit"),
              "id=\"state\""));
      rows.add(
          measure(
              "agent: find by birth name and birth date among " + String.format("%,d", records),
              base,
              "agent",
              "agent-desk",
              REQUESTS,
              (page, i) -> {
                int n = (i * 7919) % RECORDS;
                return page.post(
                    "byName",
                    fields("name", nameOf(n).substring(0, 4), "born", birthDateOf(n).toString()),
                    "submit");
              },
              "id=\"matches\""));
      rows.add(
          measure(
              "auditor: the trail of a record, first page (50 of ~" + traces / 33 / PATIENTS + ")",
              base,
              "auditor",
              "audit-desk",
              REQUESTS,
              (page, i) ->
                  page.post(
                      "search", fields("record", patientIds.get((i * 7) % PATIENTS)), "submit"),
              "id=\"traces\""));
      rows.add(
          measure(
              "auditor: a professional's month, first page",
              base,
              "auditor",
              "audit-desk",
              REQUESTS,
              (page, i) ->
                  page.post(
                      "search",
                      fields(
                          "actor", activeProfessional(i),
                          "from", month.atDay(1).toString(),
                          "to", month.atEndOfMonth().toString()),
                      "submit"),
              "id=\"traces\""));
      rows.add(
          measure(
              "auditor: a record's timeline, 30 days",
              base,
              "auditor",
              "audit-desk",
              REQUESTS,
              (page, i) -> {
                page.post("search", fields("record", patientIds.get((i * 7) % PATIENTS)), "submit");
                return page.postButton("trail", ":0:recordTimeline");
              },
              "id=\"timeline\""));
      rows.add(
          measure(
              "auditor: a professional's timeline, 30 days",
              base,
              "auditor",
              "audit-desk",
              REQUESTS,
              (page, i) -> {
                page.post("search", fields("actor", activeProfessional(i)), "submit");
                return page.postButton("trail", ":0:actorTimeline");
              },
              "id=\"timeline\""));
      // The anomaly report is computed in the background: the page that asks for it is timed,
      // then (untimed) the client refreshes until the report is there, so that reports never
      // pile up; the second row times the whole wait, from asking to reading the report.
      rows.add(
          measure(
              "auditor: anomaly report, 30 days: the page that asks for it",
              base,
              "auditor",
              "audit-desk",
              Math.max(10, REQUESTS / 20),
              (page, i) -> {
                HttpResponse<String> asked = page.post("search", fields(), "anomalies");
                long askedNanos = page.lastNanos;
                waitForReport(page, asked);
                page.lastNanos = askedNanos;
                return asked;
              },
              "anomalies"));
      rows.add(
          measure(
              "auditor: anomaly report, 30 days: asked to ready (background computation)",
              base,
              "auditor",
              "audit-desk",
              Math.max(10, REQUESTS / 20),
              (page, i) -> {
                long asked = System.nanoTime();
                HttpResponse<String> ready =
                    waitForReport(page, page.post("search", fields(), "anomalies"));
                page.lastNanos = System.nanoTime() - asked;
                return ready;
              },
              "id=\"emergencies\""));
      rows.add(
          measure(
              "admin: matrix grid and history",
              base,
              "admin",
              "matrix-desk",
              REQUESTS,
              (page, i) -> page.open("matrix-desk"),
              "id=\"grid\""));
      rows.add(
          measure(
              "admin: types and durations",
              base,
              "admin",
              "policy-desk",
              REQUESTS,
              (page, i) -> page.open("policy-desk"),
              "id=\"type-list\""));
      rows.add(
          measure(
              "admin: console accounts",
              base,
              "admin",
              "staff-desk",
              REQUESTS,
              (page, i) -> page.open("staff-desk"),
              "id=\"member-list\""));
      report(rows, records, traces, recordSeconds, traceSeconds);
    }
  }

  /**
   * A professional with traces: the trace loader gives the traces numbered g to professional {@code
   * 31 g mod 20000}, except every hundredth trace, the heavy reader's.
   */
  private static String activeProfessional(int i) {
    return TraceBench.professional((int) (((100L * i + 2) * 31) % 20_000));
  }

  /** The persons of the bulk records, as SQL writes them (see {@link #loadRecords}). */
  private static String nameOf(int n) {
    String[] first = FIRST_SYLLABLES.replace("'", "").split(",");
    String[] second = SECOND_SYLLABLES.replace("'", "").split(",");
    return first[n % 30] + second[(n / 30) % 30];
  }

  private static LocalDate birthDateOf(int n) {
    return LocalDate.of(1930, 1, 1).plusDays((n * 7919L) % 32_000);
  }

  /**
   * A million open records with their identities, written by SQL as a national migration would: the
   * ids are those the trace loader's other records use, so the trail speaks of real records.
   */
  private static long loadRecords(DevServer server) throws Exception {
    long begin = System.nanoTime();
    try (Connection superuser = server.database().superuserConnection();
        Statement sql = superuser.createStatement()) {
      sql.execute(
          "insert into record (id, state, created_at, opened_at, version)"
              + " select md5('record-' || n)::uuid, 'OPEN', now() - interval '400 days',"
              + " now() - interval '358 days', 0 from generate_series(0, "
              + (RECORDS - 1)
              + ") n");
      sql.execute(
          "insert into identity (record_id, ins_number, ins_kind, birth_name, first_names,"
              + " birth_date, sex, birth_place)"
              + " select md5('record-' || n)::uuid, '3' || lpad(n::text, 14, '0'), 'NIR',"
              + " (array["
              + FIRST_SYLLABLES
              + "])[1 + n % 30] || (array["
              + SECOND_SYLLABLES
              + "])[1 + (n / 30) % 30], (array["
              + FIRST_NAMES
              + "])[1 + n % 10], date '1930-01-01' + ((n::bigint * 7919) % 32000)::integer,"
              + " case when n % 2 = 0 then 'F' else 'M' end, '75056'"
              + " from generate_series(0, "
              + (RECORDS - 1)
              + ") n");
    }
    long seconds = (System.nanoTime() - begin) / 1_000_000_000;
    LOG.info(() -> RECORDS + " records loaded in " + seconds + " s");
    return seconds;
  }

  /** Refreshes the auditor's desk until the anomaly report is on it. */
  private static HttpResponse<String> waitForReport(ConsoleSession page, HttpResponse<String> asked)
      throws Exception {
    HttpResponse<String> current = asked;
    // At most a minute: a report that never comes counts as a failure of the step.
    for (int i = 0; i < 1_200 && !current.body().contains("id=\"emergencies\""); i++) {
      Thread.sleep(50);
      current = page.post("pending", fields(), "refresh");
    }
    return current;
  }

  private static Map<String, String> fields(String... pairs) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], pairs[i + 1]);
    }
    return fields;
  }

  /** One timed step of a client: the response of the last request it made. */
  interface Step {
    HttpResponse<String> run(ConsoleSession page, int i) throws Exception;
  }

  /**
   * {@code clients} sessions of the role, each logged in and on its desk, doing the step in turn;
   * the last request of each step is timed (a timeline's step also posts the search before it,
   * untimed), and a page without {@code marker} counts as a failure.
   */
  private static Load.Result measure(
      String name, String base, String role, String desk, int requests, Step step, String marker)
      throws Exception {
    List<ConsoleSession> sessions = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      ConsoleSession session = new ConsoleSession(base);
      session.login("bench-" + role, PASSWORD);
      session.open(desk);
      // Warm-up: the first pages of a desk compile its views and fill the caches.
      for (int i = 0; i < 20; i++) {
        step.run(session, i);
      }
      sessions.add(session);
    }
    long[] latencies = new long[requests];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> workers = new ArrayList<>();
    long begin = System.nanoTime();
    for (ConsoleSession session : sessions) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                  HttpResponse<String> response = step.run(session, i);
                  latencies[i] = session.lastNanos;
                  if (response.statusCode() != 200 || !response.body().contains(marker)) {
                    if (failures.incrementAndGet() == 1) {
                      LOG.warning(
                          () -> name + ": " + response.statusCode() + " " + abbreviated(response));
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - begin) / 1e9;
    Load.Result result =
        new Load.Result(name, CLIENTS, requests, failures.get(), seconds, latencies);
    LOG.info(result::row);
    return result;
  }

  private static String abbreviated(HttpResponse<String> response) {
    String body = response.body();
    return body.length() > 2000 ? body.substring(0, 2000) : body;
  }

  /** A staff member's browser: cookies, the page's view state, and the time of its last request. */
  static final class ConsoleSession {

    private final String base;
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private String page = "";
    private String path = "";
    volatile long lastNanos;

    ConsoleSession(String base) {
      this.base = base;
    }

    void login(String user, String password) throws Exception {
      get("/console/login.xhtml");
      HttpResponse<String> posted =
          post("login", fields("username", user, "password", password), "submit");
      if (posted.statusCode() != 302) {
        throw new IllegalStateException("Cannot log in as " + user + ": " + posted.statusCode());
      }
    }

    /** The desk, by its link on the home page (which carries the session's token). */
    HttpResponse<String> open(String linkId) throws Exception {
      HttpResponse<String> home = get("/console/index.xhtml");
      Matcher link =
          Pattern.compile("id=\"" + linkId + "\"[^>]*href=\"([^\"]+)\"").matcher(home.body());
      if (!link.find()) {
        throw new IllegalStateException("No link " + linkId + " on the home page");
      }
      return get(link.group(1).replace("&amp;", "&"));
    }

    HttpResponse<String> get(String target) throws Exception {
      return remember(
          target, send(HttpRequest.newBuilder(URI.create(base + target)).GET().build()));
    }

    /** Posts a form of the current page by its button, with these fields (ids without form). */
    HttpResponse<String> post(String form, Map<String, String> values, String button)
        throws Exception {
      List<String> body = new ArrayList<>();
      body.add(form + "=" + form);
      values.forEach((field, value) -> body.add(encode(form + ":" + field) + "=" + encode(value)));
      body.add(encode(form + ":" + button) + "=x");
      return postBody(body);
    }

    /** Posts a form by the first button whose name ends so (a button inside a table's row). */
    HttpResponse<String> postButton(String form, String nameEnd) throws Exception {
      Matcher button =
          Pattern.compile(
                  "name=\"(" + Pattern.quote(form) + ":[^\"]*" + Pattern.quote(nameEnd) + ")\"")
              .matcher(page);
      if (!button.find()) {
        throw new IllegalStateException("No button " + nameEnd + " in form " + form);
      }
      List<String> body = new ArrayList<>();
      body.add(form + "=" + form);
      body.add(encode(button.group(1)) + "=x");
      return postBody(body);
    }

    private HttpResponse<String> postBody(List<String> body) throws Exception {
      Matcher state = VIEW_STATE.matcher(page);
      if (!state.find()) {
        throw new IllegalStateException("No view state on " + path);
      }
      body.add("jakarta.faces.ViewState=" + encode(state.group(1)));
      return remember(
          path,
          send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(String.join("&", body)))
                  .build()));
    }

    private HttpResponse<String> send(HttpRequest request)
        throws IOException, InterruptedException {
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      lastNanos = System.nanoTime() - start;
      return response;
    }

    private HttpResponse<String> remember(String target, HttpResponse<String> response) {
      if (response.statusCode() == 200) {
        page = response.body();
        // A form posts back to the page it came from, its token dropped (postbacks need none).
        int query = target.indexOf('?');
        path = query < 0 ? target : target.substring(0, query);
      }
      return response;
    }

    private static String encode(String text) {
      return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
  }

  private static void report(
      List<Load.Result> rows, long records, long traces, long recordSeconds, long traceSeconds)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Console benchmark, ").append(LocalDateTime.now()).append("\n\n");
    md.append("Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, shared by the server, PostgreSQL and this load generator; Java ")
        .append(System.getProperty("java.version"))
        .append(". Payara Server 6, PostgreSQL 15 (embedded).\n\n");
    md.append(String.format("%,d", records))
        .append(" records with their identities (loaded by SQL in ")
        .append(recordSeconds)
        .append(" s) and ")
        .append(String.format("%,d", traces))
        .append(" traces over 12 months (loaded in ")
        .append(traceSeconds)
        .append(" s). Each client is a staff member's session (form login, the desk opened from")
        .append(" the home page's token link, the desk's forms posted with their view state);")
        .append(" ")
        .append(CLIENTS)
        .append(" clients in a closed loop, the time of each page measured by the client over")
        .append(" HTTP on the same machine, so it includes the server's time and little else.")
        .append(" Every page is traced as the staff member's action. Budget: ")
        .append((int) BUDGET_MILLIS)
        .append(" ms.\n\n");
    md.append(
        "| page | clients | requests | failures | req/s | p50 ms | p95 ms | p99 ms | p99 within budget |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Load.Result row : rows) {
      // A background computation is not a page: its time is reported, not held to the budget.
      String verdict =
          row.name().contains("background")
              ? " not a page |"
              : row.percentileMillis(99) <= BUDGET_MILLIS && row.failures() == 0
                  ? " yes |"
                  : " **no** |";
      md.append(row.row()).append(verdict).append("\n");
    }
    BenchRun.report("console", md);
  }
}
