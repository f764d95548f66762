package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The health agenda (issue 21, item 2) over real HTTP with real tokens: pushes that are idempotent
 * on the platform's ids, the refusals of the policy (blocked, opposed, staff, another
 * organisation), the patient's own appointments, bad input, and the prevention reminders the job
 * sends once per period (the e2e server runs it every two seconds:
 * CARNET_AGENDA_REMINDER_INTERVAL).
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgendaE2EIT {

  private static final String PUSH = "/api/v1/agenda/appointments";
  private static final String CALENDAR = "/api/v1/admin/prevention-calendar";
  private static final String GP_RPPS = "10777777701";
  private static final String OTHER_ORG_FINESS = "130783293";
  private static final AtomicInteger SERIAL = new AtomicInteger((int) (System.nanoTime() % 400));

  private CarnetServer carnet;
  private Api api;
  private String gp;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional", Map.of("rpps", GP_RPPS));
  }

  /** A person with an open record, born on that day, of that sex, with an email. */
  private final class Person {
    final String nir;
    final String traits;
    final String id;
    final String patient;

    Person(LocalDate birthDate, String sex) {
      this(birthDate, sex, "agenda@example.org");
    }

    Person(LocalDate birthDate, String sex, String email) {
      String thirteen =
          String.format(
              "%s%02d0575%06d",
              sex.equals("F") ? "2" : "1",
              birthDate.getYear() % 100,
              600_000 + SERIAL.incrementAndGet());
      int key = 97 - new BigInteger(thirteen).mod(BigInteger.valueOf(97)).intValue();
      nir = thirteen + String.format("%02d", key);
      traits =
          "{\"birthName\":\"AGENDA\",\"firstNames\":\"CLAUDE\",\"birthDate\":\""
              + birthDate
              + "\",\"sex\":\""
              + sex
              + "\",\"birthPlace\":\"75056\"}";
      Api.Reply created =
          api.post(
              "/api/v1/records",
              carnet.token("admin"),
              "{\"ins\":"
                  + People.ins(nir)
                  + ",\"traits\":"
                  + traits
                  + ",\"contact\":{\"email\":\""
                  + email
                  + "\"},\"open\":true}");
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      patient = carnet.token("patient", Map.of("ins", nir));
      id = api.get("/api/v1/records/mine", patient).json().getString("id");
    }

    Person() {
      this(LocalDate.of(1985, 5, 12), "F");
    }

    Api.Reply push(String token, String externalId, String status, Instant start) {
      return api.post(PUSH, token, pushBody(externalId, status, start, traits));
    }

    String pushBody(String externalId, String status, Instant start, String traitsGiven) {
      return "{\"patient\":{\"ins\":"
          + People.ins(nir)
          + ",\"traits\":"
          + traitsGiven
          + "},\"source\":\"doctolib-e2e\",\"externalId\":\""
          + externalId
          + "\",\"professional\":{\"rpps\":\""
          + GP_RPPS
          + "\",\"name\":\"Dr Martin\"},\"location\":{\"finess\":\"750712184\",\"label\":"
          + "\"Cabinet\"},\"start\":\""
          + start
          + "\",\"end\":\""
          + start.plus(30, ChronoUnit.MINUTES)
          + "\",\"status\":\""
          + status
          + "\"}";
    }

    List<JsonObject> agenda() {
      Api.Reply listed = api.get("/api/v1/agenda/records/" + id + "/appointments", patient);
      assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
      return array(listed.body()).getValuesAs(JsonObject.class);
    }

    JsonObject reminders() {
      Api.Reply listed = api.get("/api/v1/agenda/records/" + id + "/reminders", patient);
      assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
      return listed.json();
    }

    List<String> sentCodes() {
      return reminders().getJsonArray("sent").getValuesAs(JsonObject.class).stream()
          .map(s -> s.getString("code"))
          .toList();
    }

    List<String> traces(String outcome) {
      Api.Reply traces =
          api.get(
              "/api/v1/audit/traces?limit=200&outcome=" + outcome + "&record=" + id,
              carnet.token("auditor"));
      assertThat(traces.status()).as(traces.toString()).isEqualTo(200);
      return traces.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
          .map(t -> t.getString("action") + ":" + t.getString("reason"))
          .toList();
    }
  }

  private static JsonArray array(String body) {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readArray();
    }
  }

  private static Instant inDays(int days) {
    return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
  }

  @Test
  void aPushIsSeenMovedAndCancelledAsOneAppointmentThatNoOtherOrganisationChanges() {
    Person person = new Person();
    Api.Reply booked = person.push(gp, "rdv-1", "BOOKED", inDays(10));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    String id = booked.json().getString("id");

    Instant moved = inDays(12);
    Api.Reply move = person.push(gp, "rdv-1", "MOVED", moved);
    assertThat(move.status()).as(move.toString()).isEqualTo(200);
    assertThat(move.json().getString("id")).isEqualTo(id);
    Api.Reply cancel = person.push(gp, "rdv-1", "CANCELLED", moved);
    assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);

    // Another organisation's same ids are its own (anotherOrganisationsSameIdsAreItsOwn...); the
    // same organisation's ids for another record are never moved there.
    Api.Reply taken = new Person().push(gp, "rdv-1", "BOOKED", inDays(3));
    assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
    assertThat(taken.code()).isEqualTo("APPOINTMENT_CONFLICT");

    List<JsonObject> agenda = person.agenda();
    assertThat(agenda).hasSize(1);
    assertThat(agenda.get(0).getString("id")).isEqualTo(id);
    assertThat(agenda.get(0).getString("status")).isEqualTo("CANCELLED");
    assertThat(Instant.parse(agenda.get(0).getString("start"))).isEqualTo(moved);
    assertThat(person.traces("PERMIT"))
        .contains(
            "APPOINTMENT_PUSH:AGENDA_PUSH",
            "APPOINTMENT_PUSH:AGENDA_UPDATE",
            "AGENDA_READ:OWN_RECORD");
  }

  /** Each organisation has its own ids: the same source and id from another is another one. */
  @Test
  void anotherOrganisationsSameIdsAreItsOwnAppointmentAndNeverBlockTheFirst() {
    Person person = new Person();
    String otherOrg =
        carnet.token("professional", Map.of("rpps", "10777777702", "finess", OTHER_ORG_FINESS));
    // The squatter pushes first: the platform's own push still lands, as its own appointment.
    Api.Reply squat = person.push(otherOrg, "rdv-sq", "BOOKED", inDays(3));
    assertThat(squat.status()).as(squat.toString()).isEqualTo(201);
    Api.Reply booked = person.push(gp, "rdv-sq", "BOOKED", inDays(10));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    String ours = booked.json().getString("id");
    assertThat(ours).isNotEqualTo(squat.json().getString("id"));

    Api.Reply moved = person.push(gp, "rdv-sq", "MOVED", inDays(11));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.json().getString("id")).isEqualTo(ours);
    List<JsonObject> agenda = person.agenda();
    assertThat(agenda)
        .extracting(a -> a.getString("id") + " " + a.getString("status"))
        .containsExactlyInAnyOrder(squat.json().getString("id") + " BOOKED", ours + " MOVED");
    // One organisation's ids for another record: still refused.
    Api.Reply elsewhere = new Person().push(otherOrg, "rdv-sq", "BOOKED", inDays(3));
    assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(409);
    assertThat(elsewhere.code()).isEqualTo("APPOINTMENT_CONFLICT");
  }

  /**
   * A minor's secret appointment is not shown to the parents: the agenda has no notion of a secret
   * yet, so a representative sees only what the patient side added, the minor everything.
   */
  @Test
  void aRepresentativeSeesOnlyTheAppointmentsThePatientSideAdded() {
    Family family = family();
    String childNir = family.childNir();
    String childId = family.childId();
    String child = family.child();
    String parent = family.parent();

    Instant start = inDays(4);
    Api.Reply pushed =
        api.post(
            PUSH,
            gp,
            "{\"patient\":{\"ins\":"
                + People.ins(childNir)
                + ",\"traits\":"
                + People.child()
                + "},\"source\":\"doctolib-e2e\",\"externalId\":\"minor-1\",\"professional\":"
                + "{\"rpps\":\""
                + GP_RPPS
                + "\",\"name\":\"Dr Martin\"},\"location\":{\"label\":\"Centre de santé"
                + " sexuelle\"},\"start\":\""
                + start
                + "\",\"end\":\""
                + start.plus(30, ChronoUnit.MINUTES)
                + "\"}");
    assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
    String path = "/api/v1/agenda/records/" + childId + "/appointments";
    Api.Reply added =
        api.post(
            path,
            parent,
            "{\"who\":\"Orthodontiste\",\"location\":{\"label\":\"12 rue X\"},\"start\":\""
                + inDays(6)
                + "\",\"end\":\""
                + inDays(6).plus(1, ChronoUnit.HOURS)
                + "\"}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);

    Api.Reply forTheParent = api.get(path, parent);
    assertThat(forTheParent.status()).as(forTheParent.toString()).isEqualTo(200);
    assertThat(array(forTheParent.body()).getValuesAs(JsonObject.class))
        .extracting(a -> a.getString("id"))
        .containsExactly(added.json().getString("id"));
    assertThat(forTheParent.body()).doesNotContain("sexuelle").doesNotContain("Dr Martin");
    Api.Reply forTheChild = api.get(path, child);
    assertThat(forTheChild.status()).as(forTheChild.toString()).isEqualTo(200);
    assertThat(array(forTheChild.body()).getValuesAs(JsonObject.class))
        .extracting(a -> a.getString("id"))
        .containsExactlyInAnyOrder(pushed.json().getString("id"), added.json().getString("id"));
  }

  /**
   * A blocked professional learns nothing, not even that they are blocked: wrong traits and right
   * traits get the same 404 as an unknown INS, the block decided before the traits.
   */
  @Test
  void aBlockedProfessionalGetsTheSame404WithWrongTraitsAsWithRight() {
    Person person = new Person();
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/records/" + person.id + "/blocks/" + GP_RPPS,
                    person.patient,
                    null,
                    null)
                .status())
        .isIn(200, 204);
    Api.Reply right = person.push(gp, "bl-1", "BOOKED", inDays(1));
    Api.Reply wrong =
        api.post(
            PUSH,
            gp,
            person.pushBody("bl-2", "BOOKED", inDays(1), People.traits("AGENDA", "PAUL")));
    Api.Reply unknown =
        api.post(
            PUSH,
            gp,
            person
                .pushBody("bl-3", "BOOKED", inDays(1), person.traits)
                .replace(person.nir, People.newNir()));
    for (Api.Reply reply : List.of(right, wrong, unknown)) {
      assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
      assertThat(reply.code()).isEqualTo("RECORD_NOT_FOUND");
      assertThat(reply.json().getString("detail")).isEqualTo(unknown.json().getString("detail"));
      assertThat(reply.json().containsKey("reason")).isFalse();
    }
    assertThat(person.traces("DENY"))
        .contains("APPOINTMENT_PUSH:BLOCKED_BY_PATIENT")
        .doesNotContain("APPOINTMENT_PUSH:INS_TRAITS_MISMATCH");
    assertThat(person.agenda()).isEmpty();
  }

  /** A start long past or years ahead is a mistake: 400, nothing stored, pushed or own. */
  @Test
  void aStartOutsideTheWindowIsRefusedAndNothingIsStored() {
    Person person = new Person();
    for (Instant start : List.of(inDays(-400), inDays(800), inDays(365 * 80))) {
      Api.Reply pushed = person.push(gp, "w-" + start.getEpochSecond(), "BOOKED", start);
      assertThat(pushed.status()).as(pushed.toString()).isEqualTo(400);
      assertThat(pushed.code()).isEqualTo("VALIDATION_FAILED");
      Api.Reply own =
          api.post(
              "/api/v1/agenda/records/" + person.id + "/appointments",
              person.patient,
              "{\"who\":\"Kiné\",\"location\":{\"label\":\"12 rue X\"},\"start\":\""
                  + start
                  + "\",\"end\":\""
                  + start.plus(1, ChronoUnit.HOURS)
                  + "\"}");
      assertThat(own.status()).as(own.toString()).isEqualTo(400);
      assertThat(own.code()).isEqualTo("VALIDATION_FAILED");
    }
    assertThat(person.push(gp, "w-ok", "BOOKED", inDays(300)).status()).isEqualTo(201);
    assertThat(person.agenda()).hasSize(1);
  }

  /**
   * Erasing a record's content (opposition) takes its appointments, not the reminders the patient
   * switched off nor those sent: they go with the purge only.
   */
  @Test
  void erasingTheContentKeepsTheReminderChoices() throws Exception {
    Person person = new Person();
    assertThat(person.push(gp, "er-1", "BOOKED", inDays(2)).status()).isEqualTo(201);
    Api.Reply off =
        api.send(
            "PUT",
            "/api/v1/agenda/records/" + person.id + "/reminders/FLU_65",
            person.patient,
            "application/json",
            "{\"enabled\":false}");
    assertThat(off.status()).as(off.toString()).isEqualTo(200);
    String optOuts = "select count(*) from prevention_opt_out where record_id = ?::uuid";
    assertThat(count(person, optOuts)).isEqualTo(1);

    count(person, "select count(*) from (select erase_record_content(?::uuid)) erased");

    assertThat(count(person, optOuts)).isEqualTo(1);
    assertThat(count(person, "select count(*) from appointment where record_id = ?::uuid"))
        .isZero();
  }

  @Test
  void theRefusalsOfThePolicy() {
    Person person = new Person();
    // Traits that do not match: never a guess.
    Api.Reply mismatch =
        api.post(
            PUSH, gp, person.pushBody("x-1", "BOOKED", inDays(1), People.traits("AGENDA", "PAUL")));
    assertThat(mismatch.status()).as(mismatch.toString()).isEqualTo(409);
    assertThat(mismatch.code()).isEqualTo("INS_TRAITS_MISMATCH");

    // Staff and professionals never read the agenda; a patient pushes nothing.
    for (String token :
        List.of(carnet.token("agent"), carnet.token("auditor"), carnet.token("admin"), gp)) {
      Api.Reply read = api.get("/api/v1/agenda/records/" + person.id + "/appointments", token);
      assertThat(read.status()).as(read.toString()).isEqualTo(403);
      assertThat(read.code()).isEqualTo("FORBIDDEN");
    }
    // A patient pushes nothing, refused before the INS is looked up (so traced under no record).
    Api.Reply byPatient = person.push(person.patient, "x-2", "BOOKED", inDays(1));
    assertThat(byPatient.status()).as(byPatient.toString()).isEqualTo(403);
    assertThat(byPatient.code()).isEqualTo("FORBIDDEN");

    // The patient blocks the professional: their push is refused as if the record were absent.
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/records/" + person.id + "/blocks/" + GP_RPPS,
                    person.patient,
                    null,
                    null)
                .status())
        .isIn(200, 204);
    Api.Reply blocked = person.push(gp, "x-3", "BOOKED", inDays(1));
    assertThat(blocked.status()).as(blocked.toString()).isEqualTo(404);
    assertThat(blocked.code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(person.agenda()).isEmpty();
    assertThat(person.traces("DENY"))
        .contains(
            "APPOINTMENT_PUSH:INS_TRAITS_MISMATCH",
            "AGENDA_READ:ROLE_NOT_ALLOWED",
            "APPOINTMENT_PUSH:BLOCKED_BY_PATIENT")
        .doesNotContain("APPOINTMENT_PUSH:ROLE_NOT_ALLOWED");
  }

  @Test
  void anOpposedRecordReceivesNone() {
    Person person = new Person();
    Api.Reply opposed =
        api.post("/api/v1/records/" + person.id + "/opposition", person.patient, "{}");
    assertThat(opposed.status()).as(opposed.toString()).isBetween(200, 204);
    Api.Reply refused = person.push(gp, "o-1", "BOOKED", inDays(1));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("RECORD_NOT_AVAILABLE");
    assertThat(person.agenda()).isEmpty();
  }

  @Test
  void thePatientAddsChangesAndDeletesTheirOwnButNotAPlatforms() {
    Person person = new Person();
    String own = "/api/v1/agenda/records/" + person.id + "/appointments";
    String body =
        "{\"who\":\"Kiné du quartier\",\"location\":{\"label\":\"12 rue X\"},\"start\":\""
            + inDays(5)
            + "\",\"end\":\""
            + inDays(5).plus(1, ChronoUnit.HOURS)
            + "\"}";
    Api.Reply added = api.post(own, person.patient, body);
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.json().getBoolean("patientOwn")).isTrue();
    String ownId = added.json().getString("id");
    Api.Reply changed =
        api.send(
            "PUT",
            own + "/" + ownId,
            person.patient,
            "application/json",
            body.substring(0, body.length() - 1) + ",\"status\":\"MOVED\"}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.json().getString("status")).isEqualTo("MOVED");

    String platformId = person.push(gp, "p-1", "BOOKED", inDays(2)).json().getString("id");
    // Upcoming first, soonest first: the platform's (in 2 days) before the patient's (in 5).
    assertThat(person.agenda())
        .extracting(a -> a.getString("id"))
        .containsExactly(platformId, ownId);
    Api.Reply notTheirs = api.send("DELETE", own + "/" + platformId, person.patient, null, null);
    assertThat(notTheirs.status()).as(notTheirs.toString()).isEqualTo(404);
    assertThat(notTheirs.code()).isEqualTo("APPOINTMENT_NOT_FOUND");

    Api.Reply deleted = api.send("DELETE", own + "/" + ownId, person.patient, null, null);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    assertThat(person.agenda()).extracting(a -> a.getString("id")).containsExactly(platformId);
    assertThat(person.traces("DENY")).contains("APPOINTMENT_WRITE:NOT_OWN_APPOINTMENT");
  }

  @Test
  void badInputIsRefusedWithItsCodeAndNothingIsStored() throws Exception {
    Person person = new Person();
    Instant start = inDays(3);
    String endBeforeStart =
        person
            .pushBody("b-1", "BOOKED", start, person.traits)
            .replace(
                start.plus(30, ChronoUnit.MINUTES).toString(), start.minusSeconds(60).toString());
    Api.Reply backwards = api.post(PUSH, gp, endBeforeStart);
    assertThat(backwards.status()).as(backwards.toString()).isEqualTo(400);
    assertThat(backwards.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(backwards.contentType()).startsWith("application/problem+json");

    Api.Reply unknownStatus = person.push(gp, "b-2", "POSTPONED", start);
    assertThat(unknownStatus.status()).as(unknownStatus.toString()).isEqualTo(400);
    assertThat(unknownStatus.code()).isEqualTo("VALIDATION_FAILED");

    // Over the agenda's 64 KiB: refused unread (the client waits for 100-continue, as platforms
    // should; the server closes the connection rather than read the rest).
    HttpResponse<String> huge =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                api.request(PUSH, gp)
                    .expectContinue(true)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            person
                                .pushBody("b-3", "BOOKED", start, person.traits)
                                .replace("Dr Martin", "x".repeat(100_000))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(huge.statusCode()).as(huge.body()).isEqualTo(413);
    assertThat(huge.body()).contains("\"code\":\"DOCUMENT_TOO_LARGE\"");

    Api.Reply tooMany =
        api.get("/api/v1/agenda/records/" + person.id + "/appointments?limit=1000", person.patient);
    assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
    assertThat(tooMany.code()).isEqualTo("VALIDATION_FAILED");

    assertThat(person.agenda()).isEmpty();
  }

  @Test
  void theCalendarIsTheAdministratorsAndValidated() {
    String admin = carnet.token("admin");
    Api.Reply listed = api.get(CALENDAR, admin);
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    assertThat(array(listed.body()).getValuesAs(JsonObject.class))
        .extracting(r -> r.getString("code"))
        .contains("BREAST_SCREENING", "COLORECTAL_SCREENING", "CERVICAL_SCREENING", "FLU_65");
    for (String token : List.of(carnet.token("agent"), carnet.token("auditor"), gp)) {
      assertThat(api.get(CALENDAR, token).status()).isEqualTo(403);
    }
    for (String bad :
        List.of(
            rule("E2E_BAD", "F", 60, 50, "P1Y"),
            rule("E2E_BAD", "F", 50, 130, "P1Y"),
            rule("E2E_BAD", "F", 50, 60, "P1D"),
            rule("E2E_BAD", "X", 50, 60, "P1Y"))) {
      Api.Reply refused = api.post(CALENDAR, admin, bad);
      assertThat(refused.status()).as(bad + " " + refused).isEqualTo(400);
      assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
    }
    assertThat(api.get(CALENDAR, admin).body()).doesNotContain("E2E_BAD");
  }

  private static String rule(String code, String sex, int min, int max, String every) {
    return "{\"code\":\""
        + code
        + "\",\"label\":\"Règle de test\",\"sex\":\""
        + sex
        + "\",\"minAge\":"
        + min
        + ",\"maxAge\":"
        + max
        + ",\"every\":\""
        + every
        + "\"}";
  }

  @Test
  void remindersAreSentOncePerPeriodToWhomTheyConcernAndNotWhenSwitchedOff() throws Exception {
    LocalDate fifty = LocalDate.now(ZoneId.of("Europe/Paris")).minusYears(50).minusDays(3);
    Person woman = new Person(fifty, "F");
    Person man = new Person(fifty, "M");
    Person switchedOff = new Person(fifty, "F");

    // A rule nobody of fifty is concerned by yet; one woman switches it off beforehand.
    String code = "E2E_" + SERIAL.incrementAndGet();
    String admin = carnet.token("admin");
    assertThat(api.post(CALENDAR, admin, rule(code, "F", 60, 70, "P1Y")).status()).isEqualTo(201);
    Api.Reply off =
        api.send(
            "PUT",
            "/api/v1/agenda/records/" + switchedOff.id + "/reminders/" + code,
            switchedOff.patient,
            "application/json",
            "{\"enabled\":false}");
    assertThat(off.status()).as(off.toString()).isEqualTo(200);
    assertThat(off.json().getBoolean("enabled")).isFalse();

    // The job (every 2 s here) reaches the three: breast screening for the women, not the man.
    awaitSent(woman, "BREAST_SCREENING");
    awaitSent(man, "COLORECTAL_SCREENING");
    awaitSent(switchedOff, "BREAST_SCREENING");
    assertThat(man.sentCodes()).doesNotContain("BREAST_SCREENING");

    // Now the rule concerns women of fifty: the one who switched it off gets none.
    Api.Reply widened =
        api.send(
            "PUT",
            CALENDAR + "/" + code,
            admin,
            "application/json",
            rule(code, "F", 45, 55, "P1Y"));
    assertThat(widened.status()).as(widened.toString()).isEqualTo(200);
    awaitSent(woman, code);
    Thread.sleep(5_000);
    assertThat(switchedOff.sentCodes()).doesNotContain(code).contains("BREAST_SCREENING");

    // Several runs later, each reminder was sent once: one row, one notification, one trace.
    assertThat(woman.sentCodes()).containsOnlyOnce("BREAST_SCREENING", code);
    assertThat(
            count(
                woman,
                "select count(*) from notification where record_id = ?::uuid"
                    + " and kind = 'PREVENTION_REMINDER' and detail = 'BREAST_SCREENING'"))
        .isEqualTo(1);
    assertThat(
            count(
                woman,
                "select count(*) from prevention_reminder where record_id = ?::uuid"
                    + " and rule_code = 'BREAST_SCREENING'"))
        .isEqualTo(1);
    List<String> sent = woman.sentCodes();
    assertThat(sent).hasSameSizeAs(sent.stream().distinct().toList());
    assertThat(woman.traces("PERMIT").stream().filter(t -> t.startsWith("REMINDER_SENT:")))
        .hasSize(sent.size());
    assertThat(
            count(
                man,
                "select count(*) from notification where record_id = ?::uuid"
                    + " and kind = 'PREVENTION_REMINDER' and detail = 'BREAST_SCREENING'"))
        .isZero();

    assertThat(api.send("DELETE", CALENDAR + "/" + code, admin, null, null).status())
        .isEqualTo(200);
  }

  // ---- The agenda's review (issue 21): a parent's history, the pusher's cap, the calendar's
  // history, the reminders a change does not send again, the notifications by mail -------------

  /** A minor with a contact email of their own and a parent who represents them. */
  private record Family(String childNir, String childId, String child, String parent) {}

  private Family family() {
    String childNir = People.newChildNir();
    Api.Reply created =
        api.post(
            "/api/v1/records",
            carnet.token("admin"),
            "{\"ins\":"
                + People.ins(childNir)
                + ",\"traits\":"
                + People.child()
                + ",\"contact\":{\"email\":\"minor-"
                + UUID.randomUUID()
                + "@example.org\"},\"open\":true}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String childId = created.json().getString("id");
    String parentNir = People.newNir();
    assertThat(
            api.post("/api/v1/records", carnet.token("admin"), People.createBody(parentNir, true))
                .status())
        .isEqualTo(201);
    Api.Reply registered =
        api.post(
            "/api/v1/records/" + childId + "/representatives",
            carnet.token("agent"),
            "{\"ins\":"
                + People.ins(parentNir)
                + ",\"traits\":"
                + People.marie()
                + ",\"kind\":\"MINOR\",\"relationship\":\"PARENT\"}");
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    Api.Reply approved =
        api.post(
            "/api/v1/records/"
                + childId
                + "/representatives/"
                + registered.json().getString("id")
                + "/approval",
            carnet.token("admin"),
            "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    return new Family(
        childNir,
        childId,
        carnet.token("patient", Map.of("ins", childNir)),
        carnet.token("patient", Map.of("ins", parentNir)));
  }

  private String childPush(Family family, String traits, String externalId) {
    Instant start = inDays(4);
    return "{\"patient\":{\"ins\":"
        + People.ins(family.childNir())
        + ",\"traits\":"
        + traits
        + "},\"source\":\"doctolib-e2e\",\"externalId\":\""
        + externalId
        + "\",\"professional\":{\"rpps\":\""
        + GP_RPPS
        + "\",\"name\":\"Dr Martin\"},\"location\":{\"label\":\"Centre de santé sexuelle\"},"
        + "\"start\":\""
        + start
        + "\",\"end\":\""
        + start.plus(30, ChronoUnit.MINUTES)
        + "\"}";
  }

  private List<JsonObject> history(String recordId, String token) {
    Api.Reply page = api.get("/api/v1/records/" + recordId + "/access-history?limit=100", token);
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.json().getJsonArray("items").getValuesAs(JsonObject.class);
  }

  private static List<String> actions(List<JsonObject> entries) {
    return entries.stream()
        .map(
            e ->
                e.getJsonObject("actor").getString("role")
                    + " "
                    + e.getString("action")
                    + " "
                    + e.getString("outcome"))
        .toList();
  }

  /**
   * What a parent may not see leaves nothing (AG17): the push of a professional's appointment, the
   * refused ones, a professional's refused look at the agenda and the minor's refused deletion of
   * the pushed appointment are in the minor's history and not in the parent's; the parent's own
   * appointment is in both; and the minor's contact is not told of the push (it may be a parent's).
   */
  @Test
  void aParentsHistoryKeepsNoTraceOfAPushedAppointmentWhileTheMinorsShowsIt() throws Exception {
    Family family = family();
    Api.Reply pushed = api.post(PUSH, gp, childPush(family, People.child(), "secret-1"));
    assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
    String pushedId = pushed.json().getString("id");
    Api.Reply mismatch =
        api.post(PUSH, gp, childPush(family, People.traits("DUPONT", "PAUL"), "secret-2"));
    assertThat(mismatch.status()).as(mismatch.toString()).isEqualTo(409);
    String path = "/api/v1/agenda/records/" + family.childId() + "/appointments";
    assertThat(api.get(path, gp).status()).isEqualTo(403);
    Api.Reply notTheirs = api.send("DELETE", path + "/" + pushedId, family.child(), null, null);
    assertThat(notTheirs.status()).as(notTheirs.toString()).isEqualTo(404);
    Api.Reply own =
        api.post(
            path,
            family.parent(),
            "{\"who\":\"Orthodontiste\",\"location\":{\"label\":\"12 rue X\"},\"start\":\""
                + inDays(6)
                + "\",\"end\":\""
                + inDays(6).plus(1, ChronoUnit.HOURS)
                + "\"}");
    assertThat(own.status()).as(own.toString()).isEqualTo(201);

    List<JsonObject> minors = history(family.childId(), family.child());
    assertThat(actions(minors))
        .contains(
            "PROFESSIONAL APPOINTMENT_PUSH PERMIT",
            "PROFESSIONAL APPOINTMENT_PUSH DENY",
            "PROFESSIONAL AGENDA_READ DENY",
            "PATIENT APPOINTMENT_WRITE DENY",
            "PATIENT APPOINTMENT_WRITE PERMIT");
    List<JsonObject> parents = history(family.childId(), family.parent());
    assertThat(actions(parents))
        .contains("PATIENT APPOINTMENT_WRITE PERMIT")
        .doesNotContain(
            "PROFESSIONAL APPOINTMENT_PUSH PERMIT",
            "PROFESSIONAL APPOINTMENT_PUSH DENY",
            "PROFESSIONAL AGENDA_READ DENY",
            "PATIENT APPOINTMENT_WRITE DENY")
        .noneMatch(a -> a.contains("APPOINTMENT_PUSH"));
    String parentsBody =
        api.get(
                "/api/v1/records/" + family.childId() + "/access-history?limit=100",
                family.parent())
            .body();
    assertThat(parentsBody).doesNotContain(GP_RPPS).doesNotContain(pushedId);
    // The auditors see everything.
    assertThat(
            api.get(
                    "/api/v1/audit/traces?limit=200&record=" + family.childId(),
                    carnet.token("auditor"))
                .body())
        .contains("APPOINTMENT_PUSH")
        .contains(GP_RPPS);
    // Nobody was told of the push: the minor's contact may be a parent's.
    assertThat(
            query(
                "select count(*) from notification where record_id = ?::uuid"
                    + " and kind = 'APPOINTMENT_ARRIVED'",
                family.childId()))
        .isZero();
  }

  /**
   * A pusher has at most carnet.agenda.max-upcoming-per-pusher (50) appointments to come in a
   * record (AG18): the next new one is 409 AGENDA_PUSHER_LIMIT, traced, nothing stored; its moves
   * and cancellations still land; a cancellation frees nothing; another organisation has its own.
   */
  @Test
  void aPusherBeyondItsCapOfUpcomingAppointmentsIsRefusedAndNothingIsStored() throws Exception {
    Person person = new Person();
    for (int i = 1; i <= 50; i++) {
      Api.Reply pushed = person.push(gp, "cap-" + i, "BOOKED", inDays(i));
      assertThat(pushed.status()).as(i + " " + pushed).isEqualTo(201);
    }
    Api.Reply refused = person.push(gp, "cap-51", "BOOKED", inDays(51));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("AGENDA_PUSHER_LIMIT");
    assertThat(refused.contentType()).startsWith("application/problem+json");
    String rows = "select count(*) from appointment where record_id = ?::uuid";
    assertThat(query(rows, person.id)).isEqualTo(50);
    assertThat(person.traces("DENY")).containsOnlyOnce("APPOINTMENT_PUSH:AGENDA_PUSHER_LIMIT");

    assertThat(person.push(gp, "cap-7", "MOVED", inDays(60)).status()).isEqualTo(200);
    assertThat(person.push(gp, "cap-8", "CANCELLED", inDays(8)).status()).isEqualTo(200);
    Api.Reply still = person.push(gp, "cap-52", "BOOKED", inDays(52));
    assertThat(still.status()).as(still.toString()).isEqualTo(409);
    assertThat(still.code()).isEqualTo("AGENDA_PUSHER_LIMIT");
    String otherOrg =
        carnet.token("professional", Map.of("rpps", "10777777702", "finess", OTHER_ORG_FINESS));
    assertThat(person.push(otherOrg, "cap-1", "BOOKED", inDays(3)).status()).isEqualTo(201);
    assertThat(query(rows, person.id)).isEqualTo(51);
    assertThat(
            query(
                "select count(*) from appointment where record_id = ?::uuid"
                    + " and external_id in ('cap-51', 'cap-52')",
                person.id))
        .isZero();
  }

  /**
   * Each change of the calendar keeps the rule before and after (AG19), read by administrators and
   * auditors only; the application's database user cannot rewrite nor delete that history.
   */
  @Test
  void theCalendarKeepsEachChangeBeforeAndAfterForAdministratorsAndAuditors() throws Exception {
    String admin = carnet.token("admin");
    String code = "E2E_H" + SERIAL.incrementAndGet();
    assertThat(api.post(CALENDAR, admin, rule(code, "F", 61, 70, "P1Y")).status()).isEqualTo(201);
    Api.Reply changed =
        api.send(
            "PUT",
            CALENDAR + "/" + code,
            admin,
            "application/json",
            rule(code, "ANY", 61, 70, "P2Y"));
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    Api.Reply bad =
        api.send(
            "PUT",
            CALENDAR + "/" + code,
            admin,
            "application/json",
            rule(code, "ANY", 70, 61, "P2Y"));
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    assertThat(api.send("DELETE", CALENDAR + "/" + code, admin, null, null).status())
        .isEqualTo(200);
    assertThat(api.post(CALENDAR + "/" + code + "/restoration", admin, "").status()).isEqualTo(200);

    String changes = CALENDAR + "/" + code + "/changes";
    for (String reader : List.of(admin, carnet.token("auditor"))) {
      Api.Reply listed = api.get(changes, reader);
      assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
      List<JsonObject> history = array(listed.body()).getValuesAs(JsonObject.class);
      assertThat(history)
          .extracting(c -> c.getString("kind"))
          .containsExactly("RESTORED", "RETIRED", "CHANGED", "ADDED");
      JsonObject change = history.get(2);
      assertThat(change.getJsonObject("before").getString("every")).isEqualTo("P1Y");
      assertThat(change.getJsonObject("before").getString("sex")).isEqualTo("F");
      assertThat(change.getJsonObject("after").getString("every")).isEqualTo("P2Y");
      assertThat(change.getJsonObject("after").getString("sex")).isEqualTo("ANY");
      assertThat(change.getString("changedBy")).isNotBlank();
      // JSON-B leaves out what is null: an addition has no before, a rule in force no retiredAt.
      assertThat(absent(history.get(3), "before")).isTrue();
      assertThat(absent(history.get(1).getJsonObject("before"), "retiredAt")).isTrue();
      assertThat(absent(history.get(1).getJsonObject("after"), "retiredAt")).isFalse();
      assertThat(absent(history.get(0).getJsonObject("after"), "retiredAt")).isTrue();
    }
    for (String token :
        List.of(
            carnet.token("agent"), gp, carnet.token("patient", Map.of("ins", People.newNir())))) {
      Api.Reply refused = api.get(changes, token);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
      assertThat(refused.code()).isEqualTo("FORBIDDEN");
    }
    assertThat(
            query(
                "select count(*) from trace where action = 'PREVENTION_CALENDAR_READ'"
                    + " and outcome = 'DENY' and actor_role = 'AGENT' and detail = ?",
                "changes " + code))
        .isEqualTo(1);
    Api.Reply unknown = api.get(CALENDAR + "/E2E_NO_SUCH_RULE/changes", admin);
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    assertThat(unknown.code()).isEqualTo("PREVENTION_RULE_NOT_FOUND");
    Api.Reply tooMany = api.get(changes + "?limit=1000", admin);
    assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
    assertThat(tooMany.code()).isEqualTo("VALIDATION_FAILED");

    // Appended only: the application's own database user may neither change nor delete a row.
    for (String rewrite :
        List.of(
            "update prevention_rule_change set changed_by = 'someone else' where rule_code = ?",
            "delete from prevention_rule_change where rule_code = ?")) {
      assertThatThrownBy(() -> query(rewrite, code))
          .as(rewrite)
          .hasMessageContaining("permission denied");
    }
    assertThat(query("select count(*) from prevention_rule_change where rule_code = ?", code))
        .isEqualTo(4);
  }

  /**
   * A change of the calendar does not send again what was sent within the rule's interval (AG20): a
   * person reminded 25 days ago under another grid of the rule gets nothing when the change makes a
   * new period due, however many runs, while a person never reminded gets it once; the interval
   * changed again, the job run again, still one.
   */
  @Test
  void aChangeOfTheRuleDoesNotSendAgainWithinItsInterval() throws Exception {
    LocalDate sixty = LocalDate.now(ZoneId.of("Europe/Paris")).minusYears(60).minusDays(3);
    Person reminded = new Person(sixty, "F");
    Person never = new Person(sixty, "F");
    String admin = carnet.token("admin");
    String code = "E2E_R" + SERIAL.incrementAndGet();
    // Nobody of sixty yet: the rule starts at 61.
    assertThat(api.post(CALENDAR, admin, rule(code, "F", 61, 70, "P1M")).status()).isEqualTo(201);
    // Its reminder sent 25 days ago, under a grid of the rule that has since changed.
    LocalDate before = LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(25);
    assertThat(
            query(
                "with sent as (insert into prevention_reminder (record_id, rule_code, due_on,"
                    + " sent_at) values (?::uuid, '"
                    + code
                    + "', '"
                    + before
                    + "', now() - interval '25 days') returning 1) select count(*) from sent",
                reminded.id))
        .isEqualTo(1);
    Api.Reply widened =
        api.send(
            "PUT",
            CALENDAR + "/" + code,
            admin,
            "application/json",
            rule(code, "F", 60, 70, "P2M"));
    assertThat(widened.status()).as(widened.toString()).isEqualTo(200);
    awaitSent(never, code);
    Api.Reply again =
        api.send(
            "PUT",
            CALENDAR + "/" + code,
            admin,
            "application/json",
            rule(code, "F", 60, 70, "P1Y"));
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    // The job runs every 2 s: several runs later, still one reminder each.
    Thread.sleep(6_000);
    String reminders =
        "select count(*) from prevention_reminder where record_id = ?::uuid and rule_code = '"
            + code
            + "'";
    String told =
        "select count(*) from notification where record_id = ?::uuid"
            + " and kind = 'PREVENTION_REMINDER' and detail = '"
            + code
            + "'";
    assertThat(query(reminders, never.id)).isEqualTo(1);
    assertThat(query(told, never.id)).isEqualTo(1);
    assertThat(query(reminders, reminded.id)).isEqualTo(1);
    assertThat(query(told, reminded.id)).isZero();
    assertThat(reminded.sentCodes()).containsOnlyOnce(code);
    assertThat(api.send("DELETE", CALENDAR + "/" + code, admin, null, null).status())
        .isEqualTo(200);
  }

  /**
   * The agenda's notifications reach the person by mail (GreenMail, a real SMTP server) without the
   * appointment's content, the professional's name or the screening's name (AG21).
   */
  @Test
  void theAgendasNotificationsReachThePersonByMailWithoutWhatTheySayNothingOf() throws Exception {
    GreenMail mail = new GreenMail(new ServerSetup(CarnetServer.smtpPort(), "127.0.0.1", "smtp"));
    mail.start();
    try {
      String email = "agenda-" + UUID.randomUUID() + "@example.org";
      // Sixty and three days: breast and colorectal screenings are due (P2Y from 50).
      Person person =
          new Person(
              LocalDate.now(ZoneId.of("Europe/Paris")).minusYears(60).minusDays(3), "F", email);
      assertThat(person.push(gp, "mail-1", "BOOKED", inDays(9)).status()).isEqualTo(201);
      awaitSent(person, "BREAST_SCREENING");
      List<String> texts = mailsTo(mail, email);
      long until = System.nanoTime() + 60_000_000_000L;
      while (!String.join("\n", texts).contains("nouveau rendez-vous")
          || !String.join("\n", texts).contains("de prévention")) {
        assertThat(System.nanoTime()).as("both told by mail in time: " + texts).isLessThan(until);
        Thread.sleep(500);
        texts = mailsTo(mail, email);
      }
      String all = String.join("\n", texts);
      assertThat(all)
          .contains("1 nouveau rendez-vous a été ajouté")
          .doesNotContain("Dr Martin")
          .doesNotContain("Martin")
          .doesNotContain(GP_RPPS)
          .doesNotContain("Cabinet")
          .doesNotContain("doctolib")
          .doesNotContain("mail-1")
          .doesNotContain("sein")
          .doesNotContain("Sein")
          .doesNotContain("mammographie")
          .doesNotContain("colorectal")
          .doesNotContain("BREAST")
          .doesNotContain("COLORECTAL")
          .doesNotContain("Dépistage organisé")
          .doesNotContain(person.nir)
          .doesNotContain(person.nir.substring(0, 13));
      assertThat(
              query(
                  "select count(*) from notification where record_id = ?::uuid and channel ="
                      + " 'EMAIL' and kind in ('APPOINTMENT_ARRIVED', 'PREVENTION_REMINDER')"
                      + " and delivered_at is not null",
                  person.id))
          .isGreaterThanOrEqualTo(2);
    } finally {
      mail.stop();
    }
  }

  private static boolean absent(JsonObject json, String key) {
    return !json.containsKey(key) || json.isNull(key);
  }

  private static List<String> mailsTo(GreenMail mail, String recipient) throws Exception {
    List<String> texts = new ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
        texts.add(message.getSubject() + "\n" + message.getContent());
      }
    }
    return texts;
  }

  /** One number a query of the database answers, as the application's own user. */
  private long query(String sql, String parameter) throws Exception {
    Map<String, String> env = carnet.server().database().environment();
    try (Connection connection =
            DriverManager.getConnection(
                env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      if (!sql.trim().startsWith("select") && !sql.trim().startsWith("with")) {
        return statement.executeUpdate();
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private void awaitSent(Person person, String code) throws InterruptedException {
    long until = System.nanoTime() + 60_000_000_000L;
    while (!person.sentCodes().contains(code)) {
      assertThat(System.nanoTime()).as("reminder " + code + " sent in time").isLessThan(until);
      Thread.sleep(500);
    }
  }

  private long count(Person person, String sql) throws Exception {
    Map<String, String> env = carnet.server().database().environment();
    try (Connection connection =
            DriverManager.getConnection(
                env.get("DB_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"));
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, person.id);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
