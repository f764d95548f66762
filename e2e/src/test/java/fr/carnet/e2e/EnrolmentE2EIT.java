package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bulk enrolment over HTTP: a CSV in, a Jakarta Batch job's progress out; bad lines reported with
 * their number and reason and skipped; a server killed in the middle of a file, and the import
 * resumed without a duplicate or a lost line.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolmentE2EIT {

  private static final String HEADER =
      "insNumber,insOid,birthName,firstNames,birthDate,sex,birthPlace,email,phone";

  /** One mailbox, quoted: a backslash, a quote and braces that a chunk's encoding must carry. */
  private static final String ODD_EMAIL = "\"a\\\\b\\\"{c}\"@example.org";

  private CarnetServer carnet;
  private Api api;
  private String admin;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.admin = carnet.token("admin");
  }

  /** A valid NIR of a man born in January 1990, numbered within a range of the test's own. */
  private static String nir(int range, int serial) {
    String thirteen = String.format("19001%02d%06d", range, serial);
    int key = 97 - new BigInteger(thirteen).mod(BigInteger.valueOf(97)).intValue();
    return thirteen + String.format("%02d", key);
  }

  private static String line(String nir) {
    return nir + "," + People.NIR_OID + ",DURAND,JEAN,1990-01-15,M,75056,,";
  }

  private Api.Reply post(String csv, String token) {
    return api.send("POST", "/api/v1/enrolments", token, "text/csv", csv);
  }

  /** A file of {@code lines} persons of {@code range}, one after another, posted; its location. */
  private String started(int range, int lines) {
    return started(file(range, lines));
  }

  private static String file(int range, int lines) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int i = 1; i <= lines; i++) {
      csv.append(line(nir(range, i))).append('\n');
    }
    return csv.toString();
  }

  /** The file posted by the administrator, accepted; its location. */
  private String started(String csv) {
    Api.Reply started = post(csv, admin);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    return java.net.URI.create(started.header("Location").orElseThrow()).getPath();
  }

  private JsonObject await(String location, Predicate<JsonObject> done, Duration patience)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(patience);
    while (true) {
      Api.Reply progress = api.get(location, admin);
      assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
      JsonObject json = progress.json();
      assertThat(json.getString("status")).isNotIn("FAILED", "ABANDONED");
      if (done.test(json)) {
        return json;
      }
      assertThat(Instant.now()).as("enrolment progress in time: " + json).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  @Test
  void aFileEnrolsItsValidLinesAndReportsEachBadOneWithItsNumberAndReason() throws Exception {
    String existing = nir(1, 999_999);
    assertThat(api.post("/api/v1/records", admin, People.createBody(existing, true)).status())
        .isEqualTo(201);
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int i = 1; i <= 1_200; i++) {
      csv.append(line(nir(1, i))).append('\n');
    }
    // Lines 1,202 to 1,207: each wrong in its own way; they never stop the file.
    String bad = nir(1, 5_000);
    csv.append(bad, 0, 13)
        .append(bad.endsWith("00") ? "01," : "00,")
        .append(People.NIR_OID)
        .append(",DURAND,JEAN,1990-01-15,M,75056,,\n");
    csv.append(nir(1, 5_001))
        .append(',')
        .append(People.NIR_OID)
        .append(",DURAND,JEAN,15/01/1990,M,75056,,\n");
    csv.append(nir(1, 5_002))
        .append(',')
        .append(People.NIR_OID)
        .append(",DURAND,JEAN,1990-01-15,M\n");
    csv.append(line(nir(1, 1))).append('\n');
    csv.append(line(existing)).append('\n');
    csv.append(nir(1, 5_003))
        .append(',')
        .append(People.NIR_OID)
        .append(",DURAND,JEAN,1990-01-15,M,75056,not-an-address,\n");
    csv.append(line(nir(1, 5_004))).append('\n');
    // Line 1,209: valid, with characters a chunk's encoding must carry as they are (a backslash,
    // a quote, braces: COPY's and arrays' escapes).
    csv.append(nir(1, 5_005))
        .append(',')
        .append(People.NIR_OID)
        .append(",D'ARC,JEANNE,1990-01-15,F,75056,")
        .append(ODD_EMAIL)
        .append(",\n");

    Api.Reply started = post(csv.toString(), admin);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String location = java.net.URI.create(started.header("Location").orElseThrow()).getPath();
    JsonObject done =
        await(
            location, json -> json.getString("status").equals("COMPLETED"), Duration.ofMinutes(2));

    assertThat(done.getJsonNumber("total").longValue()).isEqualTo(1_209);
    assertThat(done.getJsonNumber("done").longValue()).isEqualTo(1_209);
    assertThat(done.getJsonNumber("created").longValue()).isEqualTo(1_202);
    assertThat(done.getJsonNumber("rejectedCount").longValue()).isEqualTo(6);
    assertThat(done.getJsonNumber("ratePerSecond").doubleValue()).isPositive();
    List<String> rejected =
        done.getJsonArray("rejected").getValuesAs(JsonObject.class).stream()
            .map(r -> r.getJsonNumber("line").longValue() + " " + r.getString("code"))
            .toList();
    assertThat(rejected)
        .containsExactly(
            "1202 INS_INVALID_KEY",
            "1203 TRAITS_INVALID",
            "1204 VALIDATION_FAILED",
            "1205 RECORD_ALREADY_EXISTS",
            "1206 RECORD_ALREADY_EXISTS",
            "1207 VALIDATION_FAILED");

    // An enrolled person's record exists, pending its window.
    Api.Reply mine =
        api.get("/api/v1/records/mine", carnet.token("patient", Map.of("ins", nir(1, 600))));
    assertThat(mine.json().getString("state")).isEqualTo("PENDING");
    try (var superuser = carnet.server().database().superuserConnection();
        var query =
            superuser.prepareStatement(
                "select i.birth_name, r.contact_email, n.channel from identity i"
                    + " join record r on r.id = i.record_id"
                    + " left join notification n on n.record_id = r.id and n.kind = 'ENROLMENT'"
                    + " where i.ins_number = ?")) {
      query.setString(1, nir(1, 5_005));
      try (var row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(1)).isEqualTo("D'ARC");
        assertThat(row.getString(2)).isEqualTo(ODD_EMAIL);
        assertThat(row.getString(3)).as("its information message, by email").isEqualTo("EMAIL");
      }
    }
  }

  @Test
  void onlyAnAdministratorEnrolsInBulk() {
    for (String role : List.of("agent", "auditor", "professional", "patient")) {
      assertThat(post(HEADER + "\n" + line(nir(2, 1)) + "\n", carnet.token(role)).code())
          .as(role)
          .isEqualTo("FORBIDDEN");
    }
  }

  @Test
  void aServerKilledInTheMiddleOfAFileResumesWithoutDuplicatesOrLosses() throws Exception {
    // Large enough that the kill lands in the middle at tens of thousands of lines a second.
    int lines = 100_000;
    String location = started(3, lines);
    JsonObject midway =
        await(location, json -> json.getJsonNumber("done").longValue() > 0, Duration.ofMinutes(1));
    assertThat(midway.getJsonNumber("done").longValue()).isLessThan(lines + 1);

    carnet.server().crashAndRestart();
    Api.Reply restarted = api.post(location + "/restart", admin, "");
    assertThat(restarted.status()).as(restarted.toString()).isEqualTo(200);
    JsonObject done =
        await(
            location, json -> json.getString("status").equals("COMPLETED"), Duration.ofMinutes(5));

    assertThat(done.getJsonNumber("done").longValue()).isEqualTo(lines + 1);
    assertThat(done.getJsonNumber("created").longValue()).isEqualTo(lines);
    assertThat(done.getJsonNumber("rejectedCount").longValue()).isZero();
    String enrolment = done.getString("id");
    assertEnrolledOnceAndTracedOnce(enrolment, "1900103%", lines);
    assertTrailVerified();
  }

  /**
   * Chunks written again after a crash (their restart point lost, as if the server had died after
   * their commit and before anything recorded it: here the point is moved back by hand) enrol no
   * one twice and trace no one twice: the lines already enrolled are refused as existing.
   */
  @Test
  void chunksSentAgainAfterACrashEnrolAndTraceNoOneTwice() throws Exception {
    int lines = 60_000;
    int again = 2_000;
    String location = started(4, lines);
    // The file is two lanes: once more than twice the lines moved back are done, one of them has
    // done more than those lines.
    JsonObject midway =
        await(
            location,
            json -> json.getJsonNumber("done").longValue() > 2 * again + 2,
            Duration.ofMinutes(1));
    String enrolment = midway.getString("id");
    carnet.server().crashAndRestart();

    try (var superuser = carnet.server().database().superuserConnection();
        var back =
            superuser.prepareStatement(
                "update enrolment_lane set next_line = next_line - ?, done = done - ?,"
                    + " created = created - ? where (enrolment_id, lane) = (select enrolment_id,"
                    + " lane from enrolment_lane where enrolment_id = ?::uuid"
                    + " and next_line - first_line > ? order by next_line - first_line desc"
                    + " limit 1) and (select finished_at from enrolment where id = ?::uuid)"
                    + " is null")) {
      back.setInt(1, again);
      back.setInt(2, again);
      back.setInt(3, again);
      back.setString(4, enrolment);
      back.setInt(5, again);
      back.setString(6, enrolment);
      assertThat(back.executeUpdate()).as("the crash came before the file's end").isEqualTo(1);
    }
    Api.Reply restarted = api.post(location + "/restart", admin, "");
    assertThat(restarted.status()).as(restarted.toString()).isEqualTo(200);
    JsonObject done =
        await(
            location, json -> json.getString("status").equals("COMPLETED"), Duration.ofMinutes(3));

    assertThat(done.getJsonNumber("done").longValue()).isEqualTo(lines + 1);
    assertThat(done.getJsonNumber("created").longValue()).isEqualTo(lines - again);
    assertThat(done.getJsonNumber("rejectedCount").longValue()).isEqualTo(again);
    assertThat(
            done.getJsonArray("rejected").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("code"))
                .distinct())
        .containsExactly("RECORD_ALREADY_EXISTS");
    assertEnrolledOnceAndTracedOnce(enrolment, "1900104%", lines);
    assertTrailVerified();
  }

  /**
   * A launch superseded by another (a restart through the same instance before the first had
   * recorded its execution: here the second's claim, a new run, made by hand) is stopped by the
   * fence at its next chunk, in every lane: nothing written beside the current run, no line counted
   * twice; the restart then resumes each lane from its point, each person enrolled once and no line
   * refused as existing. Without the run in the fence, the first launch went on to the end.
   */
  @Test
  void aLaunchSupersededStopsAtItsNextChunkAndTheRestartResumesWithoutRepeats() throws Exception {
    int lines = 60_000;
    String location = started(6, lines);
    String enrolment =
        await(location, json -> json.getJsonNumber("done").longValue() > 0, Duration.ofMinutes(1))
            .getString("id");
    try (var superuser = carnet.server().database().superuserConnection();
        var supersede =
            superuser.prepareStatement(
                "update enrolment set owner_run = gen_random_uuid() where id = ?::uuid"
                    + " and finished_at is null")) {
      supersede.setString(1, enrolment);
      assertThat(supersede.executeUpdate()).as("superseded before the file's end").isEqualTo(1);
    }
    JsonObject stopped = null;
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (stopped == null) {
      JsonObject progress = api.get(location, admin).json();
      assertThat(progress.getString("status")).as(progress.toString()).isNotEqualTo("COMPLETED");
      if (progress.getString("status").equals("FAILED")) {
        stopped = progress;
      } else {
        assertThat(Instant.now()).as("stopped in time: " + progress).isBefore(deadline);
        Thread.sleep(100);
      }
    }
    long doneWhenStopped = stopped.getJsonNumber("done").longValue();
    assertThat(doneWhenStopped).isLessThan(lines + 1);
    Thread.sleep(1_000);
    assertThat(api.get(location, admin).json().getJsonNumber("done").longValue())
        .as("no chunk after the stop")
        .isEqualTo(doneWhenStopped);

    Api.Reply restarted = api.post(location + "/restart", admin, "");
    assertThat(restarted.status()).as(restarted.toString()).isEqualTo(200);
    JsonObject done =
        await(
            location, json -> json.getString("status").equals("COMPLETED"), Duration.ofMinutes(3));
    assertThat(done.getJsonNumber("done").longValue()).isEqualTo(lines + 1);
    assertThat(done.getJsonNumber("created").longValue()).isEqualTo(lines);
    assertThat(done.getJsonNumber("rejectedCount").longValue()).isZero();
    assertEnrolledOnceAndTracedOnce(enrolment, "1900106%", lines);
    assertTrailVerified();
  }

  /**
   * The lanes running at once must fit in the audit tree's reorder window (10,000 ids, chunks of
   * 2,000): two files of two lanes each running, a third of two lanes is refused with nothing
   * registered and its file not kept; once they have ended, it is taken.
   */
  @Test
  void aFileBeyondTheLanesTheTrailCoversAtOnceIsRefusedAndLeavesNothing() throws Exception {
    int lines = 40_000;
    List<String> locations = new java.util.ArrayList<>();
    for (int file = 0; file < 2; file++) {
      locations.add(started(7 + file, lines));
    }
    String third = file(9, 4_001);
    java.nio.file.Path folder =
        carnet.server().serverLog().getParent().getParent().resolve("enrolments");
    java.util.Set<java.nio.file.Path> kept;
    try (var files = java.nio.file.Files.list(folder)) {
      kept = files.collect(java.util.stream.Collectors.toSet());
    }
    long registered = carnet.count("select count(*) from enrolment");

    Api.Reply refused = post(third, admin);

    for (String location : locations) {
      assertThat(api.get(location, admin).json().getString("status"))
          .as("the first two still running when the third came")
          .isNotEqualTo("COMPLETED");
    }
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("ENROLMENTS_AT_ONCE");
    assertThat(carnet.count("select count(*) from enrolment")).isEqualTo(registered);
    try (var files = java.nio.file.Files.list(folder)) {
      assertThat(files.collect(java.util.stream.Collectors.toSet())).isSubsetOf(kept);
    }

    for (String location : locations) {
      await(location, json -> json.getString("status").equals("COMPLETED"), Duration.ofMinutes(3));
    }
    await(
        started(third),
        json -> json.getString("status").equals("COMPLETED"),
        Duration.ofMinutes(1));
  }

  /**
   * A file of two lanes holding the same persons, the second in the opposite order: the lanes'
   * chunks, written at once, race for the same INS. Each person is enrolled once and traced once,
   * the other line refused as existing, and no chunk fails (inserted in any other order than the
   * INS's, the two chunks wait for each other and PostgreSQL kills one as a deadlock).
   */
  @Test
  void twoLanesRacingForTheSamePersonsEnrolEachOnceWithoutADeadlock() throws Exception {
    int persons = 2_000;
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int i = 1; i <= persons; i++) {
      csv.append(line(nir(5, i))).append('\n');
    }
    for (int i = persons; i >= 1; i--) {
      csv.append(line(nir(5, i))).append('\n');
    }
    Api.Reply started = post(csv.toString(), admin);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String location = java.net.URI.create(started.header("Location").orElseThrow()).getPath();
    JsonObject done =
        await(
            location, json -> json.getString("status").equals("COMPLETED"), Duration.ofMinutes(2));

    assertThat(done.getJsonNumber("done").longValue()).isEqualTo(2L * persons + 1);
    assertThat(done.getJsonNumber("created").longValue()).isEqualTo(persons);
    assertThat(done.getJsonNumber("rejectedCount").longValue()).isEqualTo(persons);
    String enrolment = done.getString("id");
    try (var superuser = carnet.server().database().superuserConnection();
        var query =
            superuser.prepareStatement(
                "select count(*), min(first_line), max(last_line),"
                    + " (select count(distinct code) from enrolment_rejection"
                    + "  where enrolment_id = ?::uuid)"
                    + " from enrolment_lane where enrolment_id = ?::uuid")) {
      query.setString(1, enrolment);
      query.setString(2, enrolment);
      try (var row = query.executeQuery()) {
        row.next();
        assertThat(row.getLong(1)).as("lanes").isEqualTo(2);
        assertThat(row.getLong(2)).isEqualTo(1);
        assertThat(row.getLong(3)).isEqualTo(2L * persons + 1);
        assertThat(row.getLong(4)).as("one reason: RECORD_ALREADY_EXISTS").isEqualTo(1);
      }
    }
    assertEnrolledOnceAndTracedOnce(enrolment, "1900105%", persons);
  }

  /** Each person of the range has one identity, one record and one trace of its enrolment. */
  private void assertEnrolledOnceAndTracedOnce(String enrolment, String insPattern, int lines)
      throws Exception {
    try (var superuser = carnet.server().database().superuserConnection();
        var query =
            superuser.prepareStatement(
                "select count(*), count(distinct i.record_id),"
                    + " (select count(*) from record r join identity x on x.record_id = r.id"
                    + "  where x.ins_number like ?),"
                    + " (select count(*) from trace t where t.detail = ?"
                    + "  and t.action = 'RECORD_CREATE'),"
                    + " (select count(distinct t.record_id) from trace t where t.detail = ?"
                    + "  and t.action = 'RECORD_CREATE'"
                    + "  and t.record_id in (select record_id from identity where ins_number like ?))"
                    + " from identity i where i.ins_number like ?")) {
      query.setString(1, insPattern);
      query.setString(2, "enrolment " + enrolment);
      query.setString(3, "enrolment " + enrolment);
      query.setString(4, insPattern);
      query.setString(5, insPattern);
      try (var row = query.executeQuery()) {
        row.next();
        assertThat(row.getLong(1)).as("identities").isEqualTo(lines);
        assertThat(row.getLong(2)).as("their records").isEqualTo(lines);
        assertThat(row.getLong(3)).as("records").isEqualTo(lines);
        assertThat(row.getLong(4)).as("traces of the enrolment").isEqualTo(lines);
        assertThat(row.getLong(5)).as("records traced").isEqualTo(lines);
      }
    }
  }

  /** The hash chains and the Merkle tree, with a head signed now, verify in full. */
  private void assertTrailVerified() {
    String auditor = carnet.token("auditor");
    Api.Reply head = api.post("/api/v1/audit/tree-heads", auditor, "");
    assertThat(head.status()).as(head.toString()).isEqualTo(200);
    Api.Reply check = api.get("/api/v1/audit/integrity?full=true", auditor);
    assertThat(check.status()).as(check.toString()).isEqualTo(200);
    assertThat(check.json().getBoolean("verified")).as(check.toString()).isTrue();
    assertThat(check.json().getJsonObject("tree").getBoolean("verified"))
        .as(check.toString())
        .isTrue();
  }
}
