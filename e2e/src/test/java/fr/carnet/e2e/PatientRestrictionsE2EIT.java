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
 * What the patient may widen or narrow (issue 18, items 3 and 5), over real HTTP with real tokens:
 * a masked class of documents (present and future), a blocked organisation (break-glass included),
 * a standing agreement given to a named professional (until revoked or for a chosen period), the
 * representative's rights, the agent who sets restrictions on the phone but never lifts them, and
 * the trace of every refusal.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientRestrictionsE2EIT {

  private static final String PUSH = "/api/v1/documents";
  private static final String OTHER_GP_RPPS = "10777777701";
  private static final String EMERGENCY_RPPS = "10777777702";
  private static final String COLLEAGUE_RPPS = "10777777703";
  private static final String DESIGNATED_RPPS = "10777777704";
  private static final String BLOCKED_FINESS = "690781810";
  private static final String AGENT = "agent-restrictions";

  private CarnetServer carnet;
  private Api api;

  /** The author of every document here, at the default organisation. */
  private String gp;

  private String otherGp;
  private String designatedGp;

  /** An emergency physician and a colleague, both acting for the organisation to be blocked. */
  private String emergency;

  private String colleague;
  private String agent;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional");
    this.otherGp =
        carnet.token("professional", Map.of("rpps", OTHER_GP_RPPS, "finess", "130783236"));
    this.designatedGp = carnet.token("professional", Map.of("rpps", DESIGNATED_RPPS));
    this.emergency =
        carnet.token(
            "professional",
            Map.of("rpps", EMERGENCY_RPPS, "specialty", "emergency", "finess", BLOCKED_FINESS));
    this.colleague =
        carnet.token("professional", Map.of("rpps", COLLEAGUE_RPPS, "finess", BLOCKED_FINESS));
    this.agent = carnet.token("agent", Map.of("sub", AGENT));
  }

  /** A person with an open record holding a lab report and an obstetrics report by the GP. */
  private final class Person {
    final String nir;
    final String id;
    final String patient;
    final String lab;
    final String obstetrics;

    Person() {
      this(People.newNir(), People.marie());
    }

    Person(String nir, String traits) {
      this.nir = nir;
      assertThat(
              api.post("/api/v1/records", admin(), People.createBody(nir, traits, true)).status())
          .isEqualTo(201);
      patient = carnet.token("patient", Map.of("ins", nir));
      id =
          api.post("/api/v1/records/lookup", gp, People.lookupBody(nir, traits))
              .json()
              .getString("id");
      lab = publish(gp, Documents.about(nir, traits, "11502-2", false));
      obstetrics = publish(gp, Documents.about(nir, traits, "57055-6", false));
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

    Api.Reply agree(String token, String body) {
      return api.post(path("/agreements"), token, body);
    }

    Api.Reply put(String rest, String token) {
      return api.send("PUT", path(rest), token, null, null);
    }

    Api.Reply delete(String rest, String token) {
      return api.send("DELETE", path(rest), token, null, null);
    }

    /** The reasons of the record's refused accesses, as an auditor finds them. */
    List<String> refusals(String action) {
      Api.Reply traces =
          api.get(
              "/api/v1/audit/traces?limit=200&outcome=DENY&record="
                  + id
                  + (action == null ? "" : "&action=" + action),
              carnet.token("auditor"));
      assertThat(traces.status()).as(traces.toString()).isEqualTo(200);
      return traces.json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
          .map(t -> t.getString("reason"))
          .toList();
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
  void aMaskedClassHidesEveryDocumentOfItPresentAndFutureButFromItsAuthorAndTheGp() {
    Person person = new Person();
    assertThat(person.agree(otherGp, "{\"mode\":\"NORMAL\"}").status()).isEqualTo(201);
    assertThat(person.agree(gp, "{\"mode\":\"NORMAL\"}").status()).isEqualTo(201);
    assertThat(person.visibleTo(otherGp)).contains(person.lab);

    Api.Reply masked = person.put("/masks/classes/LAB", person.patient);
    assertThat(masked.status()).as(masked.toString()).isEqualTo(204);
    assertThat(person.put("/masks/classes/LAB", person.patient).status())
        .as("idempotent")
        .isEqualTo(204);
    assertThat(array(api.get(person.path("/masks/classes"), person.patient)))
        .extracting(m -> m.asJsonObject().getString("class"))
        .containsExactly("LAB");

    // Another GP: the class is absent, as if it did not exist; the rest of the record is there.
    assertThat(person.visibleTo(otherGp)).containsExactly(person.obstetrics);
    Api.Reply hidden = api.get(person.path("/documents/" + person.lab), otherGp);
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.code()).isEqualTo("DOCUMENT_NOT_FOUND");
    assertThat(hidden.body()).doesNotContain("MASK");
    assertThat(api.get(person.path("/documents/" + person.lab + "/content"), otherGp).status())
        .isEqualTo(404);
    // Its author sees their own.
    assertThat(person.visibleTo(gp)).contains(person.lab);
    assertThat(api.get(person.path("/documents/" + person.lab), gp).status()).isEqualTo(200);

    // A document of the class filed after the mask is masked too.
    String later = publish(gp, Documents.about(person.nir, People.marie(), "11502-2", false));
    assertThat(person.visibleTo(otherGp)).doesNotContain(later);
    assertThat(api.get(person.path("/documents/" + later), otherGp).status()).isEqualTo(404);
    assertThat(person.visibleTo(gp)).contains(later);

    // The designated GP sees masked classes, as masked documents.
    assertThat(
            api.send(
                    "PUT",
                    person.path("/designated-gp"),
                    person.patient,
                    "application/json",
                    "{\"rpps\":\"" + DESIGNATED_RPPS + "\"}")
                .status())
        .isEqualTo(200);
    assertThat(person.visibleTo(designatedGp)).contains(person.lab, later, person.obstetrics);

    // The patient's preview says which layer hides it, and why.
    Api.Reply preview =
        api.get(
            person.path("/access-preview?rpps=" + OTHER_GP_RPPS + "&profession=10"),
            person.patient);
    assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
    assertThat(preview.json().getJsonArray("documents").getValuesAs(JsonObject.class))
        .anySatisfy(
            d -> {
              assertThat(d.getString("id")).isEqualTo(later);
              assertThat(d.getBoolean("visible")).isFalse();
              assertThat(d.getString("layer")).isEqualTo("MASK");
              assertThat(d.getString("reason")).isEqualTo("CLASS_MASKED_BY_PATIENT");
            });

    // Bad input: a stable code, nothing stored.
    Api.Reply unknown = person.put("/masks/classes/ASTROLOGY", person.patient);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.code()).isEqualTo("DOCUMENT_CLASS_UNKNOWN");
    assertThat(person.put("/masks/classes/lab", person.patient).code())
        .isEqualTo("DOCUMENT_CLASS_UNKNOWN");
    assertThat(person.delete("/masks/classes/ASTROLOGY", person.patient).code())
        .isEqualTo("DOCUMENT_CLASS_UNKNOWN");
    // Nobody else sets one: a professional, a stranger.
    assertThat(person.put("/masks/classes/OBSTETRICS", gp).status()).isEqualTo(403);
    assertThat(
            person
                .put(
                    "/masks/classes/OBSTETRICS",
                    carnet.token("patient", Map.of("ins", People.newNir())))
                .status())
        .isEqualTo(404);
    assertThat(array(api.get(person.path("/masks/classes"), person.patient))).hasSize(1);

    // Lifted by the patient: the class is back for the other GP.
    assertThat(person.delete("/masks/classes/LAB", person.patient).status()).isEqualTo(204);
    assertThat(person.visibleTo(otherGp)).contains(person.lab, later);

    // Every refusal is traced with its true reason.
    assertThat(person.refusals("DOCUMENT_READ")).contains("CLASS_MASKED_BY_PATIENT");
    assertThat(person.refusals("CLASS_MASK_SET")).contains("ROLE_NOT_ALLOWED");
  }

  @Test
  void aBlockedOrganisationIsRefusedEvenInAnEmergency() {
    Person person = new Person();
    assertThat(person.agree(colleague, "{\"mode\":\"NORMAL\"}").status()).isEqualTo(201);
    assertThat(person.visibleTo(colleague)).contains(person.lab);

    Api.Reply bad = person.put("/blocks/organisations/69078181", person.patient);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(person.put("/blocks/organisations/ABCDEFGHI", person.patient).code())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(person.put("/blocks/organisations/6907818100", person.patient).code())
        .isEqualTo("VALIDATION_FAILED");

    Api.Reply blocked = person.put("/blocks/organisations/" + BLOCKED_FINESS, person.patient);
    assertThat(blocked.status()).as(blocked.toString()).isEqualTo(204);
    assertThat(array(api.get(person.path("/blocks/organisations"), person.patient)))
        .extracting(b -> b.asJsonObject().getString("finess"))
        .containsExactly(BLOCKED_FINESS);

    // The emergency physician of the blocked organisation: refused, break-glass included, and
    // the record is absent for them.
    Api.Reply breakGlass =
        person.agree(emergency, "{\"mode\":\"BREAK_GLASS\",\"reason\":\"Patient inconscient\"}");
    assertThat(breakGlass.status()).as(breakGlass.toString()).isEqualTo(404);
    assertThat(breakGlass.code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(breakGlass.body()).doesNotContain("BLOCK");
    // (Without an agreement their search is refused at the agreement layer, as for a blocked
    // professional: nothing there says the organisation is blocked.)
    assertThat(api.get(person.path("/documents"), emergency).status()).isIn(403, 404);
    // A colleague of the same organisation loses the access their agreement gave.
    assertThat(api.get(person.path("/documents"), colleague).code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(api.get(person.path("/documents/" + person.lab), colleague).status()).isEqualTo(404);
    // Another organisation is not concerned.
    assertThat(person.agree(otherGp, "{\"mode\":\"NORMAL\"}").status()).isEqualTo(201);
    assertThat(person.visibleTo(otherGp)).contains(person.lab);

    // The preview names the block when told the organisation.
    JsonObject preview =
        api.get(
                person.path(
                    "/access-preview?rpps="
                        + COLLEAGUE_RPPS
                        + "&profession=10&finess="
                        + BLOCKED_FINESS),
                person.patient)
            .json()
            .getJsonObject("record");
    assertThat(preview.getBoolean("permitted")).isFalse();
    assertThat(preview.getString("layer")).isEqualTo("BLOCK");
    assertThat(preview.getString("reason")).isEqualTo("ORGANISATION_BLOCKED_BY_PATIENT");
    assertThat(
            api.get(
                    person.path(
                        "/access-preview?rpps=" + EMERGENCY_RPPS + "&profession=10&finess=1"),
                    person.patient)
                .code())
        .isEqualTo("VALIDATION_FAILED");

    assertThat(person.refusals("GRANT_CREATE")).contains("ORGANISATION_BLOCKED_BY_PATIENT");
    assertThat(person.refusals("DOCUMENT_SEARCH")).contains("ORGANISATION_BLOCKED_BY_PATIENT");

    // Lifted by the patient: break-glass opens again.
    assertThat(person.delete("/blocks/organisations/" + BLOCKED_FINESS, person.patient).status())
        .isEqualTo(204);
    assertThat(
            person
                .agree(emergency, "{\"mode\":\"BREAK_GLASS\",\"reason\":\"Patient inconscient\"}")
                .status())
        .isEqualTo(201);
    assertThat(person.visibleTo(emergency)).contains(person.lab);
  }

  @Test
  void aStandingAgreementLetsTheGpReadUntilThePatientRevokesIt() {
    Person person = new Person();
    assertThat(api.get(person.path("/documents"), otherGp).code()).isEqualTo("NO_AGREEMENT");

    Api.Reply given =
        person.agree(person.patient, "{\"rpps\":\"" + OTHER_GP_RPPS + "\",\"untilRevoked\":true}");
    assertThat(given.status()).as(given.toString()).isEqualTo(201);
    assertThat(given.header("Location")).isPresent();
    JsonObject grant = given.json();
    assertThat(grant.getString("rpps")).isEqualTo(OTHER_GP_RPPS);
    assertThat(grant.getString("mode")).isEqualTo("NORMAL");
    assertThat(grant.getBoolean("standing")).isTrue();
    assertThat(grant.getBoolean("untilRevoked")).isTrue();
    assertThat(grant.containsKey("expiresAt") && !grant.isNull("expiresAt")).isFalse();

    // The GP reads as with a NORMAL agreement, with no declaration of their own.
    assertThat(person.visibleTo(otherGp)).containsExactlyInAnyOrder(person.lab, person.obstetrics);
    assertThat(array(api.get(person.path("/agreements"), person.patient)))
        .extracting(g -> g.asJsonObject().getString("id"))
        .contains(grant.getString("id"));

    // For a chosen period, bounded by the configured maximum (P1825D).
    Api.Reply ninetyDays =
        person.agree(person.patient, "{\"rpps\":\"" + COLLEAGUE_RPPS + "\",\"duration\":\"P90D\"}");
    assertThat(ninetyDays.status()).as(ninetyDays.toString()).isEqualTo(201);
    assertThat(
            Duration.between(
                Instant.parse(ninetyDays.json().getString("grantedAt")),
                Instant.parse(ninetyDays.json().getString("expiresAt"))))
        .isEqualTo(Duration.ofDays(90));
    assertThat(ninetyDays.json().getBoolean("untilRevoked")).isFalse();
    for (String body :
        List.of(
            "{\"rpps\":\"" + COLLEAGUE_RPPS + "\",\"duration\":\"P1826D\"}",
            "{\"rpps\":\"" + COLLEAGUE_RPPS + "\",\"duration\":\"P6Y\"}",
            "{\"rpps\":\"" + COLLEAGUE_RPPS + "\",\"duration\":\"P-5D\"}",
            "{\"rpps\":\"" + COLLEAGUE_RPPS + "\",\"duration\":\"P0D\"}",
            "{\"rpps\":\"" + COLLEAGUE_RPPS + "\",\"duration\":\"90 days\"}",
            "{\"rpps\":\"" + COLLEAGUE_RPPS + "\",\"duration\":\"P999999999999D\"}",
            "{\"rpps\":\"" + COLLEAGUE_RPPS + "\",\"duration\":\"P90D\",\"untilRevoked\":true}",
            "{\"rpps\":\"" + COLLEAGUE_RPPS + "\"}",
            "{\"rpps\":\"1077\",\"untilRevoked\":true}",
            "{\"rpps\":\"" + COLLEAGUE_RPPS + "\",\"untilRevoked\":true,\"mode\":\"NORMAL\"}",
            "{}")) {
      Api.Reply refused = person.agree(person.patient, body);
      assertThat(refused.status()).as(body + " -> " + refused).isEqualTo(400);
      assertThat(refused.code()).as(body).isEqualTo("VALIDATION_FAILED");
    }
    // Only the patient side gives one: not a professional, not an agent.
    String forThemselves = "{\"rpps\":\"" + COLLEAGUE_RPPS + "\",\"untilRevoked\":true}";
    assertThat(person.agree(colleague, forThemselves).status()).isEqualTo(403);
    assertThat(person.agree(agent, forThemselves).status()).isEqualTo(403);

    // A blocked professional stays refused despite it.
    assertThat(person.put("/blocks/" + OTHER_GP_RPPS, person.patient).status()).isEqualTo(204);
    assertThat(api.get(person.path("/documents"), otherGp).code()).isEqualTo("RECORD_NOT_FOUND");
    assertThat(person.delete("/blocks/" + OTHER_GP_RPPS, person.patient).status()).isEqualTo(204);
    assertThat(person.visibleTo(otherGp)).contains(person.lab);

    // Revoked: refused again.
    Api.Reply revoked = person.delete("/agreements/" + grant.getString("id"), person.patient);
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    Api.Reply after = api.get(person.path("/documents"), otherGp);
    assertThat(after.status()).isEqualTo(403);
    assertThat(after.code()).isEqualTo("NO_AGREEMENT");
    assertThat(array(api.get(person.path("/agreements"), person.patient)))
        .extracting(g -> g.asJsonObject().getString("id"))
        .doesNotContain(grant.getString("id"));

    assertThat(person.refusals("DOCUMENT_SEARCH")).contains("NO_AGREEMENT", "BLOCKED_BY_PATIENT");
    assertThat(person.refusals("GRANT_CREATE")).contains("ROLE_NOT_ALLOWED");
    // The patient's history says who gave it.
    assertThat(api.get(person.path("/access-history"), person.patient).body())
        .contains("a donné un accord durable à un professionnel");
  }

  @Test
  void aRepresentativeSetsAndLiftsAndAnAgentSetsButNeverLifts() throws Exception {
    String childNir = People.newChildNir();
    Person child = new Person(childNir, People.child());
    String secret = publish(gp, Documents.about(childNir, People.child(), "11502-2", true));
    Person parent = new Person();
    String register =
        "{\"ins\":"
            + People.ins(parent.nir)
            + ",\"traits\":"
            + People.marie()
            + ",\"kind\":\"MINOR\",\"relationship\":\"PARENT\"}";
    Api.Reply registered =
        api.post(child.path("/representatives"), carnet.token("agent"), register);
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    assertThat(
            api.post(
                    child.path(
                        "/representatives/" + registered.json().getString("id") + "/approval"),
                    admin(),
                    "")
                .status())
        .isEqualTo(200);

    // The representative sets and lifts both restrictions for the minor.
    assertThat(child.put("/masks/classes/OBSTETRICS", parent.patient).status()).isEqualTo(204);
    assertThat(child.put("/blocks/organisations/" + BLOCKED_FINESS, parent.patient).status())
        .isEqualTo(204);
    assertThat(array(api.get(child.path("/masks/classes"), parent.patient))).hasSize(1);
    assertThat(child.delete("/masks/classes/OBSTETRICS", parent.patient).status()).isEqualTo(204);
    assertThat(child.delete("/blocks/organisations/" + BLOCKED_FINESS, parent.patient).status())
        .isEqualTo(204);
    // A minor's secret rules are unchanged: masking the class shows the parent nothing more.
    assertThat(child.put("/masks/classes/LAB", parent.patient).status()).isEqualTo(204);
    assertThat(child.visibleTo(parent.patient)).doesNotContain(secret).contains(child.lab);
    assertThat(child.visibleTo(child.patient)).contains(secret);
    assertThat(child.delete("/masks/classes/LAB", parent.patient).status()).isEqualTo(204);

    // A parent's standing agreement, even "until revoked", ends when their authority does: at the
    // minor's majority (born 2015-03-10: 2033-03-10, midnight in Paris).
    Api.Reply parentsChoice =
        child.agree(parent.patient, "{\"rpps\":\"" + OTHER_GP_RPPS + "\",\"untilRevoked\":true}");
    assertThat(parentsChoice.status()).as(parentsChoice.toString()).isEqualTo(201);
    assertThat(parentsChoice.json().getBoolean("untilRevoked")).isFalse();
    assertThat(Instant.parse(parentsChoice.json().getString("expiresAt")))
        .isEqualTo(
            java.time.LocalDate.of(2033, 3, 10)
                .atStartOfDay(java.time.ZoneId.of("Europe/Paris"))
                .toInstant());

    // The agent, on the phone for the patient: nothing before the caller is confirmed; then sets,
    // never lifts; traced under the agent's name.
    Api.Reply unconfirmed = child.put("/masks/classes/PSYCHIATRY", agent);
    assertThat(unconfirmed.status()).as(unconfirmed.toString()).isEqualTo(403);
    assertThat(unconfirmed.code()).isEqualTo("CALLER_NOT_CONFIRMED");
    assertThat(child.put("/blocks/organisations/" + BLOCKED_FINESS, agent).code())
        .isEqualTo("CALLER_NOT_CONFIRMED");
    Callers.confirm(api, agent, child.id, People.lookupBody(childNir, People.child()), null);
    assertThat(child.put("/masks/classes/PSYCHIATRY", agent).status()).isEqualTo(204);
    assertThat(child.put("/blocks/organisations/" + BLOCKED_FINESS, agent).status()).isEqualTo(204);
    assertThat(array(api.get(child.path("/blocks/organisations"), agent)))
        .extracting(b -> b.asJsonObject().getString("blockedBy"))
        .containsExactly(AGENT);
    Api.Reply lift = child.delete("/masks/classes/PSYCHIATRY", agent);
    assertThat(lift.status()).isEqualTo(403);
    assertThat(lift.code()).isEqualTo("FORBIDDEN");
    // Lifting a block widens access: never on the INS and traits alone (this record has no contact
    // to send the code to), which a relative also knows.
    Api.Reply unblock = child.delete("/blocks/organisations/" + BLOCKED_FINESS, agent);
    assertThat(unblock.status()).isEqualTo(403);
    assertThat(unblock.code()).isEqualTo("CALLER_CODE_REQUIRED");
    assertThat(array(api.get(child.path("/masks/classes"), child.patient)))
        .extracting(m -> m.asJsonObject().getString("class"))
        .containsExactly("PSYCHIATRY");
    assertThat(array(api.get(child.path("/blocks/organisations"), child.patient))).hasSize(1);
    // Other staff do nothing here.
    assertThat(child.put("/masks/classes/DENTAL", admin()).status()).isEqualTo(403);
    assertThat(api.get(child.path("/masks/classes"), carnet.token("auditor")).status())
        .isEqualTo(403);

    JsonArray byAgent =
        api.get(
                "/api/v1/audit/traces?limit=50&record=" + child.id + "&actor=" + AGENT,
                carnet.token("auditor"))
            .json()
            .getJsonArray("items");
    assertThat(byAgent.getValuesAs(JsonObject.class))
        .extracting(t -> t.getString("action") + " " + t.getString("outcome"))
        .contains(
            "CLASS_MASK_SET PERMIT",
            "ORGANISATION_BLOCK_SET PERMIT",
            "CLASS_MASK_CLEAR DENY",
            "ORGANISATION_BLOCK_CLEAR DENY");
    assertThat(child.refusals("CLASS_MASK_CLEAR")).containsOnly("AGENT_MAY_NOT_LIFT");
    assertThat(child.refusals("ORGANISATION_BLOCK_CLEAR")).containsOnly("CALLER_CODE_REQUIRED");
    assertThat(child.refusals("CLASS_MASK_SET")).contains("ROLE_NOT_ALLOWED");
    // The patient sees in their history that an agent, named, did it.
    assertThat(api.get(child.path("/access-history"), child.patient).body())
        .contains("Un conseiller de l'Assurance Maladie (" + AGENT + ") a masqué une catégorie")
        .contains("(" + AGENT + ") a bloqué un établissement");
    // The patient lifts what the agent set.
    assertThat(child.delete("/masks/classes/PSYCHIATRY", child.patient).status()).isEqualTo(204);
    carnet.assertLogsFreeOf(List.of(childNir, parent.nir));
  }
}
