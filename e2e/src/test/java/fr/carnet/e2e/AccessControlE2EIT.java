package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each layer of the access rules over real HTTP with real tokens: agreement, matrix, masks, blocks,
 * the designated GP, break-glass and regulation, representatives, roles that never read, the matrix
 * changed by an administrator, and the patient's preview of what a professional would see.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlE2EIT {

  private static final String PUSH = "/api/v1/documents";

  private CarnetServer carnet;
  private Api api;
  private String gp;
  private String otherGp;
  private String dentist;
  private String emergency;
  private String occupational;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional");
    this.otherGp = carnet.token("professional", Map.of("rpps", "10202020202"));
    this.dentist =
        carnet.token(
            "professional", Map.of("rpps", "40404040404", "profession", "40", "specialty", ""));
    this.emergency =
        carnet.token("professional", Map.of("rpps", "10505050505", "specialty", "emergency"));
    this.occupational =
        carnet.token(
            "professional", Map.of("rpps", "10606060606", "specialty", "occupational-health"));
  }

  /** A person with an open record holding a lab report and an obstetrics report by the GP. */
  private final class Person {
    final String nir = People.newNir();
    final String id;
    final String patient;
    final String lab;
    final String obstetrics;

    Person() {
      assertThat(api.post("/api/v1/records", admin(), People.createBody(nir, true)).status())
          .isEqualTo(201);
      patient = carnet.token("patient", Map.of("ins", nir));
      id = api.get("/api/v1/records/mine", patient).json().getString("id");
      lab = publish(gp, Documents.about(nir, People.marie(), "11502-2", false));
      obstetrics = publish(gp, Documents.about(nir, People.marie(), "57055-6", false));
    }

    String path(String rest) {
      return "/api/v1/records/" + id + rest;
    }

    List<String> visibleTo(String token) {
      Api.Reply page = api.get(path("/documents"), token);
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      return page.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
          .map(d -> d.getString("id"))
          .toList();
    }

    Api.Reply agree(String token, String mode, String reason) {
      String body =
          reason == null
              ? "{\"mode\":\"" + mode + "\"}"
              : "{\"mode\":\"" + mode + "\",\"reason\":\"" + reason + "\"}";
      return api.post(path("/agreements"), token, body);
    }

    Api.Reply put(String rest, String token, String json) {
      return api.send("PUT", path(rest), token, json == null ? null : "application/json", json);
    }

    Api.Reply delete(String rest, String token) {
      return api.send("DELETE", path(rest), token, null, null);
    }
  }

  private String admin() {
    return carnet.token("admin");
  }

  private String publish(String token, String push) {
    Api.Reply published = api.post(PUSH, token, push);
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    return published.json().getString("id");
  }

  private static JsonArray array(Api.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return Json.createReader(new StringReader(reply.body())).readArray();
  }

  @Test
  void anAgreementComesFirstAndTheAuthorAlwaysSeesTheirOwn() {
    Person person = new Person();

    Api.Reply without = api.get(person.path("/documents"), otherGp);
    assertThat(without.status()).isEqualTo(403);
    assertThat(without.code()).isEqualTo("NO_AGREEMENT");
    assertThat(without.json().getString("layer")).isEqualTo("AGREEMENT");
    assertThat(without.json().getString("reason")).isEqualTo("NO_AGREEMENT");
    assertThat(api.get(person.path("/documents/" + person.lab), otherGp).code())
        .isEqualTo("NO_AGREEMENT");
    assertThat(api.get(person.path("/profile"), otherGp).code()).isEqualTo("NO_AGREEMENT");
    // The author reads back what they pushed without any agreement; searching needs one.
    assertThat(api.get(person.path("/documents/" + person.lab), gp).status()).isEqualTo(200);
    assertThat(api.get(person.path("/documents"), gp).code()).isEqualTo("NO_AGREEMENT");

    Api.Reply agreed = person.agree(otherGp, "NORMAL", null);
    assertThat(agreed.status()).as(agreed.toString()).isEqualTo(201);
    assertThat(agreed.header("Location")).isPresent();
    JsonObject grant = agreed.json();
    assertThat(grant.getString("mode")).isEqualTo("NORMAL");
    assertThat(grant.getString("rpps")).isEqualTo("10202020202");
    Duration runs =
        Duration.between(
            Instant.parse(grant.getString("grantedAt")),
            Instant.parse(grant.getString("expiresAt")));
    assertThat(runs).isEqualTo(Duration.ofDays(365));
    assertThat(person.visibleTo(otherGp)).containsExactlyInAnyOrder(person.lab, person.obstetrics);
    // Declaring again renews the current grant rather than piling up new ones.
    Api.Reply again = person.agree(otherGp, "NORMAL", null);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("id")).isEqualTo(grant.getString("id"));

    assertThat(person.agree(otherGp, "SOMETIMES", null).code()).isEqualTo("VALIDATION_FAILED");
    assertThat(person.agree(person.patient, "NORMAL", null).status()).isEqualTo(403);
    assertThat(person.agree(carnet.token("agent"), "NORMAL", null).status()).isEqualTo(403);
  }

  @Test
  void theMatrixDecidesByClassAndAnAdministratorChangesItAtOnce() {
    Person person = new Person();
    String dental = publish(dentist, Documents.about(person.nir, People.marie(), "DENTAL", false));
    assertThat(person.agree(dentist, "NORMAL", null).status()).isEqualTo(201);

    // "Un dentiste n'a pas accès au compte rendu d'accouchement": absent, as if it did not exist.
    assertThat(person.visibleTo(dentist)).containsExactlyInAnyOrder(person.lab, dental);
    Api.Reply obstetrics = api.get(person.path("/documents/" + person.obstetrics), dentist);
    assertThat(obstetrics.status()).isEqualTo(404);
    assertThat(obstetrics.code()).isEqualTo("DOCUMENT_NOT_FOUND");
    assertThat(obstetrics.json().containsKey("layer"))
        .as("a hidden document says nothing")
        .isFalse();
    assertThat(
            api.get(person.path("/documents/" + person.obstetrics + "/content"), dentist).status())
        .isEqualTo(404);

    String cell = "/api/v1/reference/matrix/40/*/OBSTETRICS";
    Api.Reply byAGp = api.send("PUT", cell, gp, "application/json", "{\"rights\":\"R\"}");
    Api.Reply byAnAgent =
        api.send("PUT", cell, carnet.token("agent"), "application/json", "{\"rights\":\"R\"}");
    Api.Reply changed = api.send("PUT", cell, admin(), "application/json", "{\"rights\":\"R\"}");
    try {
      assertThat(byAGp.status()).isEqualTo(403);
      assertThat(byAnAgent.status()).isEqualTo(403);
      assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
      assertThat(changed.json().getString("oldRights")).isEqualTo("-");
      assertThat(changed.json().getString("newRights")).isEqualTo("R");
      assertThat(changed.json().getString("changedBy")).isNotBlank();
      // No stale cache: the very next access decides on the new policy.
      assertThat(person.visibleTo(dentist)).contains(person.obstetrics);
      assertThat(
              array(api.get("/api/v1/reference/matrix/changes", admin()))
                  .getValuesAs(JsonObject.class))
          .anySatisfy(
              change -> {
                assertThat(change.getString("profession")).isEqualTo("40");
                assertThat(change.getString("class")).isEqualTo("OBSTETRICS");
                assertThat(change.getString("newRights")).isEqualTo("R");
              });
      assertThat(array(api.get("/api/v1/reference/matrix", admin())).getValuesAs(JsonObject.class))
          .anySatisfy(
              c -> {
                assertThat(c.getString("profession") + c.getString("specialty")).isEqualTo("40*");
                assertThat(c.getString("class")).isEqualTo("OBSTETRICS");
                assertThat(c.getString("rights")).isEqualTo("R");
              });
    } finally {
      assertThat(api.send("PUT", cell, admin(), "application/json", "{\"rights\":\"-\"}").status())
          .isEqualTo(200);
    }
    assertThat(person.visibleTo(dentist)).doesNotContain(person.obstetrics);
    assertThat(api.get("/api/v1/reference/matrix", gp).status()).isEqualTo(403);
    assertThat(api.send("PUT", cell, admin(), "application/json", "{\"rights\":\"X\"}").code())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/reference/matrix/77/*/LAB",
                    admin(),
                    "application/json",
                    "{\"rights\":\"R\"}")
                .code())
        .isEqualTo("PROFESSION_UNKNOWN");
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/reference/matrix/40/*/HOROSCOPE",
                    admin(),
                    "application/json",
                    "{\"rights\":\"R\"}")
                .code())
        .isEqualTo("DOCUMENT_CLASS_UNKNOWN");
  }

  @Test
  void aMaskHidesFromProfessionalsButTheAuthorAndTheDesignatedGp() {
    Person person = new Person();
    assertThat(person.agree(otherGp, "NORMAL", null).status()).isEqualTo(201);
    assertThat(person.agree(gp, "NORMAL", null).status()).isEqualTo(201);

    assertThat(person.put("/masks/" + person.lab, person.patient, null).status()).isEqualTo(204);
    assertThat(person.put("/masks/" + person.lab, otherGp, null).status()).isEqualTo(403);

    assertThat(person.visibleTo(otherGp)).containsExactly(person.obstetrics);
    assertThat(api.get(person.path("/documents/" + person.lab), otherGp).status()).isEqualTo(404);
    assertThat(person.visibleTo(gp)).contains(person.lab);
    assertThat(person.visibleTo(person.patient)).contains(person.lab);
    assertThat(array(api.get(person.path("/masks"), person.patient)).getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("documentId"))
        .containsExactly(person.lab);

    Api.Reply designated =
        person.put("/designated-gp", person.patient, "{\"rpps\":\"10202020202\"}");
    assertThat(designated.status()).as(designated.toString()).isEqualTo(200);
    assertThat(designated.json().getString("designatedGp")).isEqualTo("10202020202");
    assertThat(person.visibleTo(otherGp)).contains(person.lab);

    assertThat(person.delete("/designated-gp", person.patient).status()).isEqualTo(204);
    assertThat(person.visibleTo(otherGp)).doesNotContain(person.lab);
    assertThat(person.delete("/masks/" + person.lab, person.patient).status()).isEqualTo(204);
    assertThat(person.visibleTo(otherGp)).contains(person.lab);
    assertThat(person.put("/masks/" + java.util.UUID.randomUUID(), person.patient, null).status())
        .isEqualTo(404);
  }

  @Test
  void theDesignatedGpNeedsNoFurtherAgreement() {
    Person person = new Person();
    assertThat(api.get(person.path("/documents"), otherGp).code()).isEqualTo("NO_AGREEMENT");

    person.put("/designated-gp", person.patient, "{\"rpps\":\"10202020202\"}");

    assertThat(person.visibleTo(otherGp)).hasSize(2);
  }

  @Test
  void aBlockedProfessionalSeesNothingAndCannotDeclareAnAgreement() {
    Person person = new Person();
    assertThat(person.agree(otherGp, "NORMAL", null).status()).isEqualTo(201);

    assertThat(person.put("/blocks/10202020202", person.patient, null).status()).isEqualTo(204);

    // The block is never visible to the professional it restricts: the record is absent, and
    // the answer is the same as for a record id that does not exist.
    Api.Reply search = api.get(person.path("/documents"), otherGp);
    Api.Reply none =
        api.get("/api/v1/records/" + java.util.UUID.randomUUID() + "/documents", otherGp);
    assertThat(search.status()).isEqualTo(404);
    assertThat(search.code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(search.json().containsKey("layer")).isFalse();
    assertThat(search.json().getString("detail")).isEqualTo(none.json().getString("detail"));
    assertThat(api.get(person.path("/documents/" + person.lab), otherGp).code())
        .isEqualTo("RECORD_NOT_FOUND");
    assertThat(person.agree(otherGp, "NORMAL", null).code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(person.agree(otherGp, "BREAK_GLASS", "Inconscient").code())
        .isEqualTo("RECORD_NOT_FOUND");
    // Feeding the record goes on: a blocked professional still files documents.
    publish(otherGp, Documents.about(person.nir, People.marie(), "11502-2", false));
    assertThat(array(api.get(person.path("/blocks"), person.patient)).getValuesAs(JsonObject.class))
        .extracting(b -> b.getString("rpps"))
        .containsExactly("10202020202");
    assertThat(person.put("/blocks/123", person.patient, null).code())
        .isEqualTo("VALIDATION_FAILED");

    assertThat(person.delete("/blocks/10202020202", person.patient).status()).isEqualTo(204);
    assertThat(person.visibleTo(otherGp)).hasSize(3);
  }

  @Test
  void breakGlassNeedsAReasonAndThePatientsConsentInAdvance() {
    Person person = new Person();

    assertThat(person.agree(emergency, "BREAK_GLASS", null).code()).isEqualTo("VALIDATION_FAILED");
    Api.Reply opened = person.agree(emergency, "BREAK_GLASS", "Patient inconscient aux urgences");
    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    assertThat(opened.json().getString("reason")).isEqualTo("Patient inconscient aux urgences");
    assertThat(
            Duration.between(
                Instant.parse(opened.json().getString("grantedAt")),
                Instant.parse(opened.json().getString("expiresAt"))))
        .isEqualTo(Duration.ofHours(24));
    assertThat(person.visibleTo(emergency)).hasSize(2);
    assertThat(person.agree(gp, "REGULATION", "Appel au 15").code()).isEqualTo("FORBIDDEN");
    assertThat(person.agree(emergency, "REGULATION", "Appel au 15").status()).isEqualTo(201);

    // Switched off "en connaissance de cause": refused, and the open emergency access stops.
    Api.Reply off =
        person.put(
            "/settings",
            person.patient,
            "{\"emergencyAccess\":false,\"notifyByEmail\":true,\"notifyBySms\":true}");
    assertThat(off.status()).as(off.toString()).isEqualTo(200);
    assertThat(off.json().getBoolean("emergencyAccess")).isFalse();
    assertThat(person.agree(otherGp, "BREAK_GLASS", "Inconscient").code())
        .isEqualTo("EMERGENCY_ACCESS_DISABLED");
    assertThat(api.get(person.path("/documents"), emergency).code())
        .isEqualTo("EMERGENCY_ACCESS_DISABLED");
    // A normal agreement is not an emergency access.
    assertThat(person.agree(otherGp, "NORMAL", null).status()).isEqualTo(201);
    assertThat(person.visibleTo(otherGp)).hasSize(2);
    assertThat(api.get(person.path("/settings"), person.patient).json().getBoolean("notifyBySms"))
        .isTrue();
    assertThat(person.put("/settings", person.patient, "{\"emergencyAccess\":true}").code())
        .isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void thePatientListsAndRevokesGrants() {
    Person person = new Person();
    person.agree(otherGp, "NORMAL", null);
    person.agree(emergency, "BREAK_GLASS", "Malaise");

    List<JsonObject> grants =
        array(api.get(person.path("/agreements"), person.patient)).getValuesAs(JsonObject.class);
    assertThat(grants)
        .extracting(g -> g.getString("rpps") + "/" + g.getString("mode"))
        .containsExactlyInAnyOrder("10202020202/NORMAL", "10505050505/BREAK_GLASS");
    String normal =
        grants.stream()
            .filter(g -> g.getString("mode").equals("NORMAL"))
            .findFirst()
            .orElseThrow()
            .getString("id");
    assertThat(api.get(person.path("/agreements"), otherGp).status()).isEqualTo(403);
    assertThat(person.delete("/agreements/" + normal, otherGp).status()).isEqualTo(403);

    assertThat(person.delete("/agreements/" + normal, person.patient).status()).isEqualTo(204);

    assertThat(api.get(person.path("/documents"), otherGp).code()).isEqualTo("NO_AGREEMENT");
    assertThat(array(api.get(person.path("/agreements"), person.patient))).hasSize(1);
    assertThat(person.delete("/agreements/" + java.util.UUID.randomUUID(), person.patient).code())
        .isEqualTo("GRANT_NOT_FOUND");
  }

  @Test
  void occupationalHealthWritesAndNeverReads() {
    Person person = new Person();
    String note =
        publish(occupational, Documents.about(person.nir, People.marie(), "OCCUPATIONAL", false));
    assertThat(person.agree(occupational, "NORMAL", null).code()).isEqualTo("FORBIDDEN");
    assertThat(api.get(person.path("/documents"), occupational).code()).isEqualTo("FORBIDDEN");
    assertThat(api.get(person.path("/documents/" + note), occupational).code())
        .isEqualTo("FORBIDDEN");
    // And nobody reads OCCUPATIONAL through the matrix: not even a GP with an agreement.
    person.agree(gp, "NORMAL", null);
    assertThat(person.visibleTo(gp)).doesNotContain(note);
    assertThat(person.visibleTo(person.patient)).contains(note);
  }

  @Test
  void staffNeverReadClinicalContent() {
    Person person = new Person();
    for (String role : List.of("agent", "auditor", "admin")) {
      String token = carnet.token(role);
      assertThat(api.get(person.path("/documents"), token).status()).as(role).isEqualTo(403);
      assertThat(api.get(person.path("/documents/" + person.lab), token).status())
          .as(role)
          .isEqualTo(403);
      assertThat(api.get(person.path("/documents/" + person.lab + "/content"), token).status())
          .as(role)
          .isEqualTo(403);
      assertThat(api.get(person.path("/profile"), token).status()).as(role).isEqualTo(403);
      assertThat(api.get(person.path("/masks"), token).status()).as(role).isEqualTo(403);
      assertThat(
              api.get(person.path("/access-preview?rpps=10101010101&profession=10"), token)
                  .status())
          .as(role)
          .isEqualTo(403);
    }
  }

  @Test
  void representativesActForAMinorButNeverSeeTheMinorsSecrets() {
    String childNir = People.newChildNir();
    assertThat(
            api.post("/api/v1/records", admin(), People.createBody(childNir, People.child(), true))
                .status())
        .isEqualTo(201);
    String lookup = "{\"ins\":" + People.ins(childNir) + ",\"traits\":" + People.child() + "}";
    String childId = api.post("/api/v1/records/lookup", gp, lookup).json().getString("id");
    String ordinary = publish(gp, Documents.about(childNir, People.child(), "11502-2", false));
    String secret = publish(gp, Documents.about(childNir, People.child(), "11502-2", true));
    Person parent = new Person();
    String register =
        "{\"ins\":"
            + People.ins(parent.nir)
            + ",\"traits\":"
            + People.marie()
            + ",\"kind\":\"MINOR\",\"relationship\":\"PARENT\"}";
    String representatives = "/api/v1/records/" + childId + "/representatives";

    assertThat(api.post(representatives, parent.patient, register).status()).isEqualTo(403);
    assertThat(api.post(representatives, gp, register).status()).isEqualTo(403);
    Api.Reply registered = api.post(representatives, carnet.token("agent"), register);
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    // Four eyes: pending, no right, until a second staff member approves.
    assertThat(registered.json().getBoolean("active")).isFalse();
    assertThat(registered.json().getString("status")).isEqualTo("PENDING");
    assertThat(registered.body()).doesNotContain(parent.nir);
    assertThat(api.post(representatives, admin(), register).code())
        .isEqualTo("REPRESENTATIVE_ALREADY_REGISTERED");
    assertThat(api.get("/api/v1/records/" + childId + "/documents", parent.patient).code())
        .isEqualTo("RECORD_NOT_FOUND");
    Api.Reply approved =
        api.post(
            representatives + "/" + registered.json().getString("id") + "/approval", admin(), "");
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().getBoolean("active")).isTrue();

    // The parent finds the child's record and acts for the child.
    assertThat(
            array(api.get("/api/v1/records/represented", parent.patient))
                .getValuesAs(JsonObject.class))
        .extracting(r -> r.getString("recordId"))
        .containsExactly(childId);
    String documents = "/api/v1/records/" + childId + "/documents";
    List<String> seen =
        api
            .get(documents, parent.patient)
            .json()
            .getJsonArray("items")
            .getValuesAs(JsonObject.class)
            .stream()
            .map(d -> d.getString("id"))
            .toList();
    assertThat(seen).containsExactly(ordinary);
    assertThat(api.get(documents + "/" + secret, parent.patient).status()).isEqualTo(404);
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/records/" + childId + "/masks/" + secret,
                    parent.patient,
                    null,
                    null)
                .status())
        .isEqualTo(404);
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/records/" + childId + "/blocks/10202020202",
                    parent.patient,
                    null,
                    null)
                .status())
        .isEqualTo(204);
    // The child's own access is the patient's: the secret included.
    String child = carnet.token("patient", Map.of("ins", childNir));
    assertThat(api.get(documents, child).json().getJsonArray("items")).hasSize(2);
    // Another patient is nobody to this record.
    assertThat(api.get(documents, carnet.token("patient", Map.of("ins", People.newNir()))).code())
        .isEqualTo("RECORD_NOT_FOUND");

    // An adult is not a minor; ending the representation ends the parent's access.
    String parentAsMinor =
        "{\"ins\":"
            + People.ins(childNir)
            + ",\"traits\":"
            + People.child()
            + ",\"kind\":\"MINOR\",\"relationship\":\"PARENT\"}";
    assertThat(
            api.post(parent.path("/representatives"), carnet.token("agent"), parentAsMinor).code())
        .isEqualTo("REPRESENTATION_NOT_APPLICABLE");
    String representative = registered.json().getString("id");
    assertThat(
            api.send("DELETE", representatives + "/" + representative, admin(), null, null)
                .status())
        .isEqualTo(204);
    assertThat(api.get(documents, parent.patient).code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(array(api.get(representatives, carnet.token("agent"))).getValuesAs(JsonObject.class))
        .singleElement()
        .satisfies(r -> assertThat(r.getBoolean("active")).isFalse());
  }

  @Test
  void thePatientAsksWhatAProfessionalWouldSeeAndWhy() {
    Person person = new Person();
    String preview = "/access-preview?rpps=40404040404&profession=40";

    Api.Reply before = api.get(person.path(preview), person.patient);
    assertThat(before.status()).as(before.toString()).isEqualTo(200);
    assertThat(before.json().getJsonObject("record").getString("reason")).isEqualTo("NO_AGREEMENT");

    person.agree(dentist, "NORMAL", null);
    person.put("/masks/" + person.lab, person.patient, null);
    JsonObject after = api.get(person.path(preview), person.patient).json();

    assertThat(after.getJsonObject("record").getBoolean("permitted")).isTrue();
    assertThat(after.getJsonObject("record").getString("mode")).isEqualTo("NORMAL");
    Map<String, String> why =
        after.getJsonArray("documents").getValuesAs(JsonObject.class).stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    d -> d.getString("id"),
                    d ->
                        d.getBoolean("visible")
                            + " "
                            + d.getString("layer")
                            + " "
                            + d.getString("reason")));
    assertThat(why)
        .containsEntry(person.lab, "false MASK MASKED_BY_PATIENT")
        .containsEntry(person.obstetrics, "false MATRIX CLASS_NOT_READABLE");
    assertThat(api.get(person.path(preview), dentist).status()).isEqualTo(403);
    assertThat(api.get(person.path("/access-preview?rpps=1&profession=40"), person.patient).code())
        .isEqualTo("VALIDATION_FAILED");
    // Asking is not accessing: the dentist still has only their agreement, nothing more.
    assertThat(array(api.get(person.path("/agreements"), person.patient))).hasSize(1);
  }

  @Test
  void researchPreferencesAreKeptApartFromCare() {
    Person person = new Person();
    String path = "/research-preferences";

    assertThat(api.get(person.path(path), person.patient).json().getBoolean("globalOpposition"))
        .isFalse();
    Api.Reply changed =
        person.put(
            path,
            person.patient,
            "{\"globalOpposition\":false,\"studies\":{\"HDH-2026-042\":\"REFUSE\","
                + "\"COHORTE-CONSTANCES\":\"ACCEPT\"}}");
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    JsonObject read = api.get(person.path(path), person.patient).json();
    assertThat(read.getJsonObject("studies").getString("HDH-2026-042")).isEqualTo("REFUSE");
    assertThat(read.getJsonObject("studies").getString("COHORTE-CONSTANCES")).isEqualTo("ACCEPT");
    assertThat(
            person
                .put(
                    path,
                    person.patient,
                    "{\"globalOpposition\":true,\"studies\":{\"X\":\"MAYBE\"}}")
                .code())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(person.put(path, person.patient, "{\"globalOpposition\":true}").status())
        .isEqualTo(200);
    assertThat(api.get(person.path(path), person.patient).json().getJsonObject("studies"))
        .isEmpty();
    assertThat(api.get(person.path(path), gp).status()).isEqualTo(403);
    // Opposing research changes nothing in care.
    person.agree(gp, "NORMAL", null);
    assertThat(person.visibleTo(gp)).hasSize(2);
  }
}
