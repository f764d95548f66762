package fr.carnet.e2e;

import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real EAR on a real Payara Server with a real PostgreSQL, started once for all end-to-end test
 * classes and stopped when the run ends. Test classes receive it as a parameter.
 */
public final class CarnetServer {

  /**
   * The first administrator's own password, which {@link #adminPassword()} chooses at its first
   * login in place of the one the server drew.
   */
  static final String ADMIN_PASSWORD = "e2e-" + java.util.UUID.randomUUID();

  /** Small console login thresholds, so that delays and lockouts are reached in a few attempts. */
  static final int LOGIN_FREE_FAILURES = 2;

  static final int LOGIN_LOCKOUT_FAILURES = 5;
  static final java.time.Duration LOGIN_LOCKOUT = java.time.Duration.ofSeconds(6);
  static final int ADDRESS_FREE_FAILURES = 8;
  static final int ADDRESS_LOCKOUT_FAILURES = 12;

  /** A console session's absolute lifetime, short enough to be waited for. */
  static final java.time.Duration SESSION_LIFETIME = java.time.Duration.ofSeconds(30);

  /** How long the session of an anonymous visit to the login page lives in the tests. */
  static final java.time.Duration LOGIN_PAGE_SESSION_IDLE = java.time.Duration.ofSeconds(30);

  /** What the first administrator's first login saw: kept for the tests that check it. */
  record FirstLogin(
      String bootstrapPassword, int status, String landing, String index, String staffDesk) {}

  private static FirstLogin firstLogin;

  private final Path folder;
  static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

  /** How request ids start when a test counts their round trips. */
  static final String ROUND_TRIP_MARKER = "e2e-rt-";

  /** The blood service, whose profile entries are certified. */
  static final String CERTIFIED_FINESS = "750000001";

  private final DevServer server;
  private final DevTokens tokens;
  private final Api api;

  private CarnetServer(DevServer server, Path folder) {
    this.server = server;
    this.folder = folder;
    this.tokens = new DevTokens(server.keys().privateKey());
    this.api = new Api(server.baseUrl());
  }

  static CarnetServer start() {
    Path folder = Path.of(System.getProperty("carnet.e2e.dir", "target/e2e"));
    deleteRecursively(folder);
    int port = Integer.getInteger("carnet.e2e.port", 18080);
    // The server's connections go through a relay that counts round trips (RoundTripsE2EIT); a
    // transaction is found by the request id its trace carries.
    System.setProperty("carnet.devdb.round-trip-marker", ROUND_TRIP_MARKER);
    DevServer server =
        DevServer.start(
            Path.of(System.getProperty("payara.home")),
            "e2e-" + port,
            Path.of(System.getProperty("carnet.ear")),
            folder,
            port,
            0,
            false,
            settings(folder),
            true);
    return new CarnetServer(server, folder);
  }

  /** The SMTP port the server sends notifications to; tests run a mail server there at will. */
  static int smtpPort() {
    return Integer.getInteger("carnet.e2e.port", 18080) + 25;
  }

  /** The port of the SMS gateway the server posts to. */
  static int smsPort() {
    return Integer.getInteger("carnet.e2e.port", 18080) + 26;
  }

  /** The bulk-enrolment upload's bound in the tests: the 40,000-line file fits, 80 MiB does not. */
  static final long MAX_ENROLMENT_BYTES = 32L * 1024 * 1024;

  static final String SMS_TOKEN = "e2e-sms-gateway-token";

  /** The port of the HTTP witness the server posts its tree heads to, when a test runs one. */
  static int treeWitnessPort() {
    return Integer.getInteger("carnet.e2e.port", 18080) + 27;
  }

  static final String TREE_WITNESS_TOKEN = "e2e-tree-witness-token";

  /** A notification window short enough to be waited for, long enough to be measured. */
  static final java.time.Duration NOTIFICATION_WINDOW = java.time.Duration.ofSeconds(4);

  static Map<String, String> settings(Path folder) {
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    // No CARNET_ADMIN_PASSWORD: the server draws one and writes it to this file, as in production.
    settings.put("CARNET_ADMIN_PASSWORD_FILE", adminPasswordFile(folder).toString());
    // The print shop's folder, where LettersE2EIT reads the letters back.
    settings.put("CARNET_LETTERS_FOLDER", lettersFolder(folder).toString());
    // The console's login throttle and session lifetime, small enough to be reached in a test.
    // The tests' own client address comes in X-Forwarded-For, from 127.0.0.1 taken as a proxy, so
    // that each test has addresses of its own.
    settings.put("CARNET_CONSOLE_TRUSTED_PROXIES", "127.0.0.1,0:0:0:0:0:0:0:1,::1");
    settings.put("CARNET_CONSOLE_LOGIN_FREE_FAILURES", String.valueOf(LOGIN_FREE_FAILURES));
    settings.put("CARNET_CONSOLE_LOGIN_DELAY", "PT1S");
    // An anonymous login page's session lives half a minute (the console's own: 15 minutes).
    settings.put("CARNET_CONSOLE_LOGIN_PAGE_SESSION_IDLE", LOGIN_PAGE_SESSION_IDLE.toString());
    settings.put("CARNET_CONSOLE_LOGIN_DELAY_GROWTH", "2");
    settings.put("CARNET_CONSOLE_LOGIN_MAX_DELAY", "PT2S");
    settings.put("CARNET_CONSOLE_LOGIN_LOCKOUT_FAILURES", String.valueOf(LOGIN_LOCKOUT_FAILURES));
    settings.put("CARNET_CONSOLE_LOGIN_LOCKOUT_DURATION", LOGIN_LOCKOUT.toString());
    settings.put("CARNET_CONSOLE_LOGIN_WINDOW", "PT1M");
    settings.put(
        "CARNET_CONSOLE_LOGIN_ADDRESS_FREE_FAILURES", String.valueOf(ADDRESS_FREE_FAILURES));
    settings.put(
        "CARNET_CONSOLE_LOGIN_ADDRESS_LOCKOUT_FAILURES", String.valueOf(ADDRESS_LOCKOUT_FAILURES));
    settings.put("CARNET_CONSOLE_LOGIN_ADDRESS_WINDOW", "PT1M");
    settings.put("CARNET_CONSOLE_SESSION_ABSOLUTE_LIFETIME", SESSION_LIFETIME.toString());
    // Small, so that the size limit can be tested without pushing 20 MiB.
    settings.put("CARNET_DOCUMENTS_MAX_BYTES", String.valueOf(MAX_DOCUMENT_BYTES));
    // Two exports at once on the server: ExportE2EIT fills both to see the third told to wait.
    settings.put("CARNET_EXPORT_MAX_CONCURRENT", "2");
    settings.put("CARNET_EXPORT_RETRY_AFTER_SECONDS", "7");
    settings.put("CARNET_PROFILE_CERTIFIED_FINESS", CERTIFIED_FINESS);
    // Low thresholds, so that anomalies can be seeded with a few requests; a night that spans the
    // whole day, so that the night report shows whatever the hour.
    settings.put("CARNET_AUDIT_HEAVY_READER_MINIMUM", "6");
    settings.put("CARNET_AUDIT_HEAVY_READER_FACTOR", "2");
    settings.put("CARNET_AUDIT_REFUSAL_BURST_THRESHOLD", "5");
    settings.put("CARNET_AUDIT_NIGHT_START_HOUR", "0");
    settings.put("CARNET_AUDIT_NIGHT_END_HOUR", "24");
    // The audit tree's sequencer and heads at a pace a test can wait for.
    settings.put("CARNET_AUDIT_TREE_INTERVAL", "PT0.5S");
    settings.put("CARNET_AUDIT_TREE_HEAD_INTERVAL", "PT2S");
    // Retention looks every two seconds (nightly by default): a test can see the job purge.
    settings.put("CARNET_AUDIT_RETENTION_SCHEDULE", "*:*:*/2");
    // Notifications delivered within seconds, retried every second or two while servers are down.
    settings.put("CARNET_NOTIFICATION_MAIL_HOST", "127.0.0.1");
    settings.put("CARNET_NOTIFICATION_MAIL_PORT", String.valueOf(smtpPort()));
    settings.put("CARNET_NOTIFICATION_MAIL_TIMEOUT", "PT2S");
    // The tests' SMTP server and SMS gateway are plain, on the loopback: allowed explicitly.
    settings.put("CARNET_NOTIFICATION_MAIL_ALLOW_PLAIN", "true");
    settings.put("CARNET_NOTIFICATION_SMS_ALLOW_HTTP", "true");
    // Its own bound for bulk uploads, small enough to be tested.
    settings.put("CARNET_ENROLMENT_MAX_BYTES", String.valueOf(MAX_ENROLMENT_BYTES));
    settings.put("CARNET_NOTIFICATION_SMS_URL", "http://127.0.0.1:" + smsPort() + "/sms");
    settings.put("CARNET_NOTIFICATION_SMS_TOKEN", SMS_TOKEN);
    // A second witness of the tree heads, run by HttpWitnessE2EIT (nothing listens otherwise).
    settings.put(
        "CARNET_AUDIT_TREE_WITNESS_URL", "http://127.0.0.1:" + treeWitnessPort() + "/heads");
    settings.put("CARNET_AUDIT_TREE_WITNESS_TOKEN", TREE_WITNESS_TOKEN);
    settings.put("CARNET_AUDIT_TREE_WITNESS_ALLOW_HTTP", "true");
    settings.put("CARNET_AUDIT_TREE_WITNESS_TIMEOUT", "PT1S");
    settings.put("CARNET_NOTIFICATION_WINDOW", NOTIFICATION_WINDOW.toString());
    settings.put("CARNET_NOTIFICATION_DELIVERY_INTERVAL", "PT0.5S");
    settings.put("CARNET_NOTIFICATION_RETRY_INITIAL", "PT1S");
    settings.put("CARNET_NOTIFICATION_RETRY_MAX", "PT2S");
    // Prevention reminders looked for every two seconds (daily by default): AgendaE2EIT waits.
    settings.put("CARNET_AGENDA_REMINDER_INTERVAL", "PT2S");
    // Only periods begun in the last week: the other classes' people (born 1985-05-12, 1990-01-15,
    // 2015-03-10) get no reminder in their mailboxes and letters, AgendaE2EIT's (birthdays three
    // days
    // ago) do.
    settings.put("CARNET_AGENDA_REMINDER_LATENESS", "P7D");
    // The messaging's retention job looks every two seconds (every six hours by default):
    // PharmacyMessagingE2EIT backdates a conversation past the retention and waits for the job.
    settings.put("CARNET_MESSAGING_RETENTION_INTERVAL", "PT2S");
    return settings;
  }

  static Path lettersFolder(Path folder) {
    return folder.toAbsolutePath().resolve("letters");
  }

  /** The print shop's folder of letters by post. */
  Path lettersFolder() {
    return lettersFolder(folder);
  }

  static Path adminPasswordFile(Path folder) {
    return folder.toAbsolutePath().resolve("admin-password");
  }

  /** The file where the server wrote the first administrator's password. */
  Path adminPasswordFile() {
    return adminPasswordFile(folder);
  }

  /**
   * The first administrator's password for the tests: at the first call, logs in with the password
   * the server drew and wrote to its file, which lands on the forced password change, and chooses
   * {@link #ADMIN_PASSWORD}; what that first login saw is kept in {@link #firstLogin()}.
   */
  synchronized String adminPassword() {
    if (firstLogin == null) {
      try {
        String drawn = Files.readString(adminPasswordFile()).trim();
        ConsoleClient admin = new ConsoleClient(this);
        HttpResponse<String> posted = admin.login("admin", drawn);
        String landing = posted.headers().firstValue("Location").orElse("");
        String index =
            admin.get("/console/index.xhtml").headers().firstValue("Location").orElse("");
        String staff =
            admin.get("/console/staff.xhtml").headers().firstValue("Location").orElse("");
        HttpResponse<String> changed = admin.changePassword(drawn, ADMIN_PASSWORD);
        org.assertj.core.api.Assertions.assertThat(changed.statusCode())
            .as("the first administrator changes the drawn password: " + changed.body())
            .isEqualTo(302);
        firstLogin = new FirstLogin(drawn, posted.statusCode(), landing, index, staff);
      } catch (Exception e) {
        throw new IllegalStateException("Cannot log in as the first administrator", e);
      }
    }
    return ADMIN_PASSWORD;
  }

  /** What the first administrator's first login saw. */
  FirstLogin firstLogin() {
    adminPassword();
    return firstLogin;
  }

  public Api api() {
    return api;
  }

  public DevTokens tokens() {
    return tokens;
  }

  public String token(String role) {
    return tokens.mint(role);
  }

  public String token(String role, Map<String, String> claims) {
    return tokens.mint(role, claims, 10);
  }

  /**
   * The first column of the first row of a query, as the application's own database user reads it
   * (its grants, not the owner's): a count, in most tests.
   */
  public long count(String sql, String... parameters) {
    Map<String, String> env = server.database().environment();
    try (java.sql.Connection connection =
            java.sql.DriverManager.getConnection(
                env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
        java.sql.PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setString(i + 1, parameters[i]);
      }
      try (java.sql.ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fails if any of these NIRs, or their first 13 characters, appear in the server's logs. */
  void assertLogsFreeOf(java.util.Collection<String> nirs) {
    org.assertj.core.api.Assertions.assertThat(nirs).isNotEmpty();
    String logs = logs();
    for (String nir : nirs) {
      org.assertj.core.api.Assertions.assertThat(logs)
          .as("server logs")
          .doesNotContain(nir)
          .doesNotContain(nir.substring(0, 13));
    }
  }

  void stop() {
    server.close();
  }

  public DevServer server() {
    return server;
  }

  /** Everything the server has logged so far, every file of its log folder. */
  public String logs() {
    try (Stream<Path> files = Files.list(server.serverLog().getParent())) {
      StringBuilder all = new StringBuilder();
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        all.append(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      return all.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
