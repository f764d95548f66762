package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference lists (issue 17's cheapest authenticated request): every person's role reads the
 * document classes and the professions, a professional's or a patient's read untraced since they
 * are about no one, a staff member's traced as every staff action; an app, a caller without a token
 * and a professional without an RPPS are refused, each refusal traced, even with the list's tag; a
 * client that kept a list gets a 304 for its entity tag.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceListsE2EIT {

  private CarnetServer carnet;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
  }

  @ParameterizedTest(name = "{0} as {1} -> {2}")
  @CsvSource({
    "classes,     professional, 200",
    "classes,     patient,      200",
    "classes,     agent,        200",
    "classes,     auditor,      200",
    "classes,     admin,        200",
    "classes,     app,          403",
    "classes,     unidentified, 403",
    "classes,     none,         401",
    "professions, professional, 200",
    "professions, patient,      200",
    "professions, agent,        200",
    "professions, auditor,      200",
    "professions, admin,        200",
    "professions, app,          403",
    "professions, unidentified, 403",
    "professions, none,         401",
  })
  void eachCallerGetsExactlyItsRight(String list, String caller, int expected) {
    String subject = "e2e-reference-" + caller + "-" + System.nanoTime();
    String token = token(caller, subject);
    long tracedBefore = traces(subject);

    Api.Reply reply = carnet.api().get("/api/v1/reference/" + list, token);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
    if (expected == 200) {
      JsonObject first = entries(reply).getJsonObject(0);
      assertThat(first.keySet()).containsExactlyInAnyOrder("code", "labelFr", "labelEn");
      assertThat(reply.header("Cache-Control")).hasValue("private, max-age=3600");
      assertThat(reply.header("ETag")).isPresent();
      // About no one: a professional's or a patient's permitted read leaves no trace; a staff
      // member's does, as every staff action.
      boolean staff = List.of("agent", "auditor", "admin").contains(caller);
      assertThat(traces(subject)).isEqualTo(tracedBefore + (staff ? 1 : 0));
      assertThat(permittedReads(subject)).isEqualTo(staff ? 1 : 0);
    } else if (expected == 403) {
      assertThat(reply.code()).isEqualTo("FORBIDDEN");
      assertThat(deniedReads(subject)).isEqualTo(1);
    } else {
      assertThat(reply.code()).isEqualTo("UNAUTHENTICATED");
    }
  }

  @Test
  void theListsAreTheReferenceTables() {
    String token = carnet.token("professional");
    JsonArray classes = entries(carnet.api().get("/api/v1/reference/classes", token));
    JsonArray professions = entries(carnet.api().get("/api/v1/reference/professions", token));

    assertThat(classes.stream().map(c -> c.asJsonObject().getString("code")))
        .contains("SYNTHESIS", "LAB", "PRESCRIPTION")
        .isSorted();
    assertThat(professions)
        .contains(
            Json.createObjectBuilder()
                .add("code", "10")
                .add("labelFr", "Médecin")
                .add("labelEn", "Physician")
                .build());
  }

  @Test
  void aClientThatKeptAListGetsA304ForItsTag() {
    String token = carnet.token("patient", Map.of("ins", People.newNir()));
    Api.Reply first = carnet.api().get("/api/v1/reference/classes", token);
    String tag = first.header("ETag").orElseThrow();

    Api.Reply again = ifNoneMatch("/api/v1/reference/classes", token, tag);
    Api.Reply otherTag = ifNoneMatch("/api/v1/reference/classes", token, "\"0123456789abcdef\"");
    Api.Reply otherList = ifNoneMatch("/api/v1/reference/professions", token, tag);

    Api.Reply amongOthers = ifNoneMatch("/api/v1/reference/classes", token, "\"0123\", W/" + tag);
    Api.Reply star = ifNoneMatch("/api/v1/reference/classes", token, "*");

    assertThat(again.status()).as(again.toString()).isEqualTo(304);
    assertThat(amongOthers.status()).isEqualTo(304);
    assertThat(star.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(otherTag.status()).isEqualTo(200);
    assertThat(otherTag.body()).isEqualTo(first.body());
    assertThat(otherList.status()).isEqualTo(200);
  }

  /** The 304 comes after the gate: a refused caller with the right tag is refused, and traced. */
  @ParameterizedTest(name = "{0} with the list's tag -> 403")
  @CsvSource({"app", "unidentified"})
  void aRefusedCallerWithTheListsTagIsStillRefused(String caller) {
    String tag =
        carnet
            .api()
            .get("/api/v1/reference/classes", carnet.token("professional"))
            .header("ETag")
            .orElseThrow();
    String subject = "e2e-reference-tag-" + caller + "-" + System.nanoTime();

    Api.Reply refused = ifNoneMatch("/api/v1/reference/classes", token(caller, subject), tag);

    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("FORBIDDEN");
    assertThat(deniedReads(subject)).isEqualTo(1);
  }

  private String token(String caller, String subject) {
    return switch (caller) {
      case "none" -> null;
      case "patient" -> carnet.token("patient", Map.of("sub", subject, "ins", People.newNir()));
      // A patient token issued to another client than Carnet's own: an app, which holds no
      // account-level right (its traces name the client: here, the subject).
      case "app" ->
          carnet.token("patient", Map.of("sub", subject, "ins", People.newNir(), "azp", subject));
      case "unidentified" -> carnet.token("professional", Map.of("sub", subject, "rpps", ""));
      default -> carnet.token(caller, Map.of("sub", subject));
    };
  }

  private Api.Reply ifNoneMatch(String path, String token, String tags) {
    return carnet.api().send(carnet.api().request(path, token).header("If-None-Match", tags));
  }

  private static JsonArray entries(Api.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return Json.createReader(new StringReader(reply.body())).readArray();
  }

  private long traces(String subject) {
    return carnet.count("select count(*) from trace where actor_id = ?", subject);
  }

  private long deniedReads(String subject) {
    return carnet.count(
        "select count(*) from trace where actor_id = ? and action = 'REFERENCE_READ'"
            + " and outcome = 'DENY'",
        subject);
  }

  private long permittedReads(String subject) {
    return carnet.count(
        "select count(*) from trace where actor_id = ? and action = 'REFERENCE_READ'"
            + " and outcome = 'PERMIT'",
        subject);
  }
}
