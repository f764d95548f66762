package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The medical profile: entries from the patient, professionals and certified feeds. */
@ExtendWith(CarnetServerExtension.class)
class ProfileE2EIT {

  private static String entry(String category, String label, String value) {
    return "{\"category\":\""
        + category
        + "\",\"label\":\""
        + label
        + "\",\"value\":\""
        + value
        + "\"}";
  }

  @Test
  void entriesKeepAndShowWhereTheyCameFrom(CarnetServer carnet) {
    Api api = carnet.api();
    String nir = People.newNir();
    assertThat(
            api.post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true))
                .status())
        .isEqualTo(201);
    String patient = carnet.token("patient", Map.of("ins", nir));
    String profile =
        "/api/v1/records/"
            + api.get("/api/v1/records/mine", patient).json().getString("id")
            + "/profile";
    String gp = carnet.token("professional");
    String bloodService =
        carnet.token(
            "professional", Map.of("rpps", "10303030303", "finess", CarnetServer.CERTIFIED_FINESS));
    String dentist =
        carnet.token(
            "professional", Map.of("rpps", "40404040404", "profession", "40", "specialty", ""));

    Api.Reply selfDeclared =
        api.post(profile, patient, entry("ALLERGY", "Allergie à la pénicilline", ""));
    Api.Reply byTheGp = api.post(profile, gp, entry("VACCINATION", "Tétanos", "rappel 2026"));
    Api.Reply certified =
        api.post(profile, bloodService, entry("BLOOD_GROUP", "Groupe sanguin", "A+"));
    Api.Reply byTheDentist =
        api.post(profile, dentist, entry("BLOOD_GROUP", "Groupe sanguin", "O-"));
    Api.Reply unknown = api.post(profile, gp, entry("HOROSCOPE", "Signe", "Lion"));
    Api.Reply byAnAgent = api.post(profile, carnet.token("agent"), entry("ALLERGY", "x", ""));

    assertThat(selfDeclared.status()).as(selfDeclared.toString()).isEqualTo(201);
    assertThat(selfDeclared.json().getString("source")).isEqualTo("PATIENT");
    assertThat(byTheGp.json().getString("source")).isEqualTo("PROFESSIONAL");
    assertThat(byTheGp.json().getJsonObject("author").getString("rpps")).isEqualTo("10101010101");
    assertThat(certified.json().getString("source")).isEqualTo("CERTIFIED");
    assertThat(byTheDentist.status()).isEqualTo(403);
    assertThat(byTheDentist.code()).isEqualTo("DENIED_BY_MATRIX");
    assertThat(unknown.code()).isEqualTo("PROFILE_CATEGORY_UNKNOWN");
    assertThat(byAnAgent.status()).isEqualTo(403);

    JsonArray forThePatient = array(api.get(profile, patient));
    assertThat(forThePatient.getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("category") + "/" + e.getString("source"))
        .containsExactlyInAnyOrder(
            "ALLERGY/PATIENT", "VACCINATION/PROFESSIONAL", "BLOOD_GROUP/CERTIFIED");
    // A professional reads the profile once an agreement is declared, per the matrix.
    assertThat(api.get(profile, gp).code()).isEqualTo("NO_AGREEMENT");
    String agreements = profile.replace("/profile", "/agreements");
    assertThat(api.post(agreements, gp, "{\"mode\":\"NORMAL\"}").status()).isEqualTo(201);
    assertThat(array(api.get(profile, gp)).getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("category"))
        .containsExactlyInAnyOrder("ALLERGY", "VACCINATION", "BLOOD_GROUP");
    // A radiographer reads imaging only: with an agreement, the profile shows them nothing.
    String radiographer =
        carnet.token(
            "professional", Map.of("rpps", "98989898989", "profession", "98", "specialty", ""));
    assertThat(api.post(agreements, radiographer, "{\"mode\":\"NORMAL\"}").status()).isEqualTo(201);
    assertThat(array(api.get(profile, radiographer))).isEmpty();
    assertThat(api.get(profile, carnet.token("agent")).status()).isEqualTo(403);
    assertThat(api.get(profile, carnet.token("patient", Map.of("ins", People.newNir()))).code())
        .isEqualTo("RECORD_NOT_FOUND");
  }

  private static JsonArray array(Api.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return jakarta.json.Json.createReader(new java.io.StringReader(reply.body())).readArray();
  }
}
