package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import fr.carnet.devserver.DevTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The performance bench's loads of issue 21 (secure messaging and the health agenda), with what
 * they need seeded through the API beside {@link BenchRecords}: each record's patient with a token
 * of their own (the patients read with it, one per path), one conversation per record started by
 * the pushing GP (then the patient, the GP, the patient: four messages, two with a read receipt),
 * and 20 appointments per record booked by that GP's platform (15 to come, 5 past). Every message
 * of the GP and every new appointment is traced and queues a notification, as in production.
 *
 * <p>The words of {@code -Dbench.only}: {@code messages} (the four messaging loads), {@code agenda}
 * (the two agenda loads), or one load: {@code opens}, {@code conversations} (the patient's list),
 * {@code writes}, {@code starts}, {@code appointments} (the patient's agenda), {@code books}. A
 * part is seeded only when one of its loads is asked for.
 *
 * @param conversationIds each record's seeded conversation, in the order of {@code
 *     data.recordIds()} (empty when no messaging load was asked for)
 */
record MessagingAgendaLoads(
    BenchRecords data,
    List<String> patientTokens,
    List<String> conversationIds,
    boolean agendaSeeded,
    Instant bookedStart) {

  // The reads come before the writes: a conversation read is the four seeded messages and an agenda
  // the 20 seeded appointments, whichever loads run (the writes then add to both).
  static final String OPENS =
      "messages: the patient opens a conversation (4 messages, their receipts set)";
  static final String LISTS = "messages: the patient lists their conversations";
  static final String WRITES = "messages: a professional writes in a conversation (short text)";
  static final String STARTS = "messages: a professional starts a conversation (INS + traits)";
  static final String AGENDA = "agenda: the patient lists their appointments (20 seeded)";
  static final String BOOKS = "agenda: a platform books an appointment (unique external id)";

  static final int APPOINTMENTS_PER_RECORD = 20;
  static final int PAST_APPOINTMENTS = 5;

  private static final String API = "/api/v1";
  private static final String JSON = "application/json";
  private static final String SOURCE = "bench-platform";

  /** Seeds what the asked-for loads read: the conversations, the appointments, or neither. */
  static MessagingAgendaLoads seed(
      DevServer server, BenchRecords data, int clients, Predicate<String> asked) throws Exception {
    DevTokens tokens = new DevTokens(server.keys().privateKey());
    String base = server.baseUrl() + API;
    List<String> patients =
        data.nirs().stream().map(nir -> tokens.mint("patient", Map.of("ins", nir), 240)).toList();
    List<String> conversations =
        List.of(OPENS, LISTS, WRITES).stream().anyMatch(asked)
            ? conversations(base, data, patients, clients)
            : List.of();
    Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
    boolean agenda = asked.test(AGENDA);
    if (agenda) {
      int count = data.nirs().size() * APPOINTMENTS_PER_RECORD;
      Load.Result result =
          Load.run(
              "seed: 20 appointments per record",
              clients,
              count,
              201,
              i -> {
                int record = i / APPOINTMENTS_PER_RECORD;
                int n = i % APPOINTMENTS_PER_RECORD;
                // 5 past (1 to 5 days ago), 15 to come (in 1 to 15 days), at different hours.
                Instant start =
                    now.plus(
                        Duration.ofDays(n < PAST_APPOINTMENTS ? n - PAST_APPOINTMENTS : n - 4)
                            .plusHours(n % 8));
                String body =
                    appointment(data.nirs().get(record), "seed-" + record + "-" + n, start);
                return Load.to(base + "/agenda/appointments", data.gp())
                    .header("Content-Type", JSON)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
              });
      if (result.failures() > 0) {
        throw new IllegalStateException("seed: " + result.failures() + " appointments failed");
      }
    }
    return new MessagingAgendaLoads(
        data, patients, conversations, agenda, now.plus(30, ChronoUnit.DAYS));
  }

  /** The loads seeded for (the writes need no seeding but the records), in the order they run. */
  List<LoadSpec> all() {
    List<String> records = data.recordIds();
    List<LoadSpec> loads = new ArrayList<>();
    if (!conversationIds.isEmpty()) {
      loads.add(
          LoadSpec.getEachAs(
              OPENS,
              conversationIds.stream().map(id -> API + "/conversations/" + id).toList(),
              patientTokens,
              200,
              null));
      loads.add(
          LoadSpec.getEachAs(
              LISTS,
              records.stream().map(id -> API + "/conversations?record=" + id).toList(),
              patientTokens,
              200,
              null));
      loads.add(
          LoadSpec.post(
              WRITES,
              conversationIds.stream()
                  .map(id -> API + "/conversations/" + id + "/messages")
                  .toList(),
              data.gp(),
              JSON,
              bytes(
                  "{\"body\":\"Bonjour, voici la suite de vos resultats (" + LoadSpec.ID + ").\"}"),
              List.of(),
              201,
              null));
    }
    loads.add(
        LoadSpec.post(
            STARTS,
            API + "/conversations",
            data.gp(),
            JSON,
            bytes(
                "{\"patient\":"
                    + patient(LoadSpec.NIR)
                    + ",\"subject\":\"Vos resultats\",\"body\":\"Bonjour, vos resultats ("
                    + LoadSpec.ID
                    + ") sont arrives.\"}"),
            data.nirs(),
            201,
            null));
    if (agendaSeeded) {
      loads.add(
          LoadSpec.getEachAs(
              AGENDA,
              records.stream().map(id -> API + "/agenda/records/" + id + "/appointments").toList(),
              patientTokens,
              200,
              null));
    }
    loads.add(
        LoadSpec.post(
            BOOKS,
            API + "/agenda/appointments",
            data.gp(),
            JSON,
            bytes(appointment(LoadSpec.NIR, LoadSpec.ID, bookedStart)),
            data.nirs(),
            201,
            null));
    return loads;
  }

  /**
   * The report's paragraph on what these loads ran against, when one of them ran: the seeding, and
   * the largest conversation at the end of the run ({@link #largestConversation}).
   */
  String describe(List<LoadSpec> ran, long largestConversation) {
    if (ran.stream().noneMatch(spec -> spec.name().matches("^(messages|agenda): .*"))) {
      return "";
    }
    return String.format(
        java.util.Locale.ROOT,
        "Messaging and agenda (issue 21): each record has %s and %s; the GP who pushes writes,"
            + " starts conversations (named by INS and traits) and books on platform `%s`; each"
            + " patient reads with a token of their own (one per path, rotated with it). Every"
            + " message of the GP and every new appointment is traced and queues a notification."
            + " A write answers the whole conversation (all its messages): at the end of the run"
            + " the largest held %,d messages.\n\n",
        conversationIds.isEmpty()
            ? "no seeded conversation"
            : "one conversation started by the GP who pushes (GP, patient, GP, patient: 4 messages)",
        agendaSeeded
            ? APPOINTMENTS_PER_RECORD
                + " appointments booked by that GP ("
                + (APPOINTMENTS_PER_RECORD - PAST_APPOINTMENTS)
                + " to come, "
                + PAST_APPOINTMENTS
                + " past)"
            : "no seeded appointment",
        SOURCE,
        largestConversation);
  }

  /**
   * The most messages a conversation held at the end: a write answers with the whole conversation
   * (every message, unbounded), so what the writes cost grew with it during their load.
   */
  static long largestConversation(DevServer server) throws SQLException {
    try (Connection superuser = server.database().superuserConnection();
        Statement sql = superuser.createStatement();
        ResultSet r =
            sql.executeQuery(
                "select coalesce(max(n), 0) from (select count(*) n from conversation_message"
                    + " group by conversation_id) c")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** One conversation per record, of four messages, the records seeded in parallel. */
  private static List<String> conversations(
      String base, BenchRecords data, List<String> patients, int clients) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<String>> started = new ArrayList<>();
      for (int i : IntStream.range(0, data.nirs().size()).toArray()) {
        started.add(pool.submit(() -> conversation(base, data, patients.get(i), i)));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> one : started) {
        ids.add(one.get());
      }
      return ids;
    } finally {
      pool.shutdown();
    }
  }

  private static String conversation(String base, BenchRecords data, String patient, int i) {
    HttpResponse<String> started =
        post(
            base + "/conversations",
            data.gp(),
            "{\"patient\":"
                + patient(data.nirs().get(i))
                + ",\"subject\":\"Vos resultats\",\"body\":\"Bonjour, voici vos resultats.\"}");
    // The conversation's id from its Location (the body holds its messages' ids too).
    String id =
        started
            .headers()
            .firstValue("Location")
            .map(location -> location.substring(location.lastIndexOf('/') + 1))
            .orElseThrow(() -> new IllegalStateException("No conversation: " + started.body()));
    String messages = base + "/conversations/" + id + "/messages";
    post(messages, patient, "{\"body\":\"Merci docteur, est-ce normal ?\"}");
    post(messages, data.gp(), "{\"body\":\"Oui, rien d'inquietant. Bonne journee.\"}");
    post(messages, patient, "{\"body\":\"Merci.\"}");
    return id;
  }

  private static HttpResponse<String> post(String url, String token, String json) {
    HttpResponse<String> response =
        Load.send(
            Load.to(url, token)
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "seed: " + url.replaceFirst(".*/api/", "/api/") + " answered " + response.statusCode());
    }
    return response;
  }

  /**
   * The patient as a push names them: the INS and the traits {@link BenchRun#openRecord} enrols.
   */
  private static String patient(String nir) {
    return "{\"ins\":{\"number\":\""
        + nir
        + "\",\"oid\":\"1.2.250.1.213.1.4.8\"},\"traits\":{\"birthName\":\"DUPONT\","
        + "\"firstNames\":\"MARIE\",\"birthDate\":\"1985-05-12\",\"sex\":\"F\","
        + "\"birthPlace\":\"75056\"}}";
  }

  /** An appointment booked on the GP's platform: 30 minutes with the GP at their practice. */
  private static String appointment(String nir, String externalId, Instant start) {
    return "{\"patient\":"
        + patient(nir)
        + ",\"source\":\""
        + SOURCE
        + "\",\"externalId\":\""
        + externalId
        + "\",\"professional\":{\"rpps\":\"10101010101\",\"name\":\"Dr Martin\"},"
        + "\"location\":{\"finess\":\"750712184\",\"label\":\"Cabinet\"},\"start\":\""
        + start
        + "\",\"end\":\""
        + start.plus(Duration.ofMinutes(30))
        + "\",\"status\":\"BOOKED\"}";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
