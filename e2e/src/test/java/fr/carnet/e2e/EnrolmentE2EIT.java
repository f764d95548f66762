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

    Api.Reply started = post(csv.toString(), admin);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String location = java.net.URI.create(started.header("Location").orElseThrow()).getPath();
    JsonObject done =
        await(
            location, json -> json.getString("status").equals("COMPLETED"), Duration.ofMinutes(2));

    assertThat(done.getJsonNumber("total").longValue()).isEqualTo(1_208);
    assertThat(done.getJsonNumber("done").longValue()).isEqualTo(1_208);
    assertThat(done.getJsonNumber("created").longValue()).isEqualTo(1_201);
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
    int lines = 40_000;
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int i = 1; i <= lines; i++) {
      csv.append(line(nir(3, i))).append('\n');
    }
    Api.Reply started = post(csv.toString(), admin);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String location = java.net.URI.create(started.header("Location").orElseThrow()).getPath();
    JsonObject midway =
        await(location, json -> json.getJsonNumber("done").longValue() > 0, Duration.ofMinutes(1));
    assertThat(midway.getJsonNumber("done").longValue()).isLessThan(lines + 1);

    carnet.server().crashAndRestart();
    Api.Reply restarted = api.post(location + "/restart", admin, "");
    assertThat(restarted.status()).as(restarted.toString()).isEqualTo(200);
    JsonObject done =
        await(
            location, json -> json.getString("status").equals("COMPLETED"), Duration.ofMinutes(3));

    assertThat(done.getJsonNumber("done").longValue()).isEqualTo(lines + 1);
    assertThat(done.getJsonNumber("created").longValue()).isEqualTo(lines);
    assertThat(done.getJsonNumber("rejectedCount").longValue()).isZero();
    try (var superuser = carnet.server().database().superuserConnection();
        var sql = superuser.createStatement();
        var count =
            sql.executeQuery("select count(*) from identity where ins_number like '1900103%'")) {
      count.next();
      assertThat(count.getLong(1)).isEqualTo(lines);
    }
  }
}
