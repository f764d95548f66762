package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A secret stays whole, over real HTTP with real tokens: what a GP files for a minor as secret from
 * the parents (a document, a profile entry), and everything that happens to it (reads, refusals, a
 * refused secret push), leaves nothing the parent can read: not in the history (not the author's
 * RPPS or FINESS either), the search, the profile or the notifications (a real SMTP server). The
 * minor's own history shows all of it; the auditor's trail shows all of it. A document withheld
 * from the patient is likewise absent from the patient's history until its release.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsE2EIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String PUSH = "/api/v1/documents";

  /** The GP who files the secrets, from an organisation no other author here belongs to. */
  private static final String GP_RPPS = "10181818181";

  private static final String GP_FINESS = "330781196";

  /** A dentist refused twice about the secret: a read without agreement, a push off the matrix. */
  private static final String DENTIST_RPPS = "40191919191";

  /** The author of the ordinary document the parent is told about. */
  private static final String LAB_RPPS = "10222222222";

  /** The author of a document withheld from the minor until explained. */
  private static final String ANNOUNCER_RPPS = "10232323232";

  private CarnetServer carnet;
  private Api api;
  private String gp;
  private String dentist;
  private String labDoctor;
  private String announcer;
  private GreenMail mailServer;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
    this.gp = carnet.token("professional", Map.of("rpps", GP_RPPS, "finess", GP_FINESS));
    this.dentist =
        carnet.token(
            "professional", Map.of("rpps", DENTIST_RPPS, "profession", "40", "specialty", ""));
    this.labDoctor = carnet.token("professional", Map.of("rpps", LAB_RPPS));
    this.announcer = carnet.token("professional", Map.of("rpps", ANNOUNCER_RPPS));
  }

  @AfterEach
  void stopMailServer() {
    if (mailServer != null) {
      mailServer.stop();
      mailServer = null;
    }
  }

  /** A minor whose record's contact is the parent's address, and the parent representing them. */
  private record Family(
      String childNir, String childId, String child, String parent, String parentEmail) {
    String path(String rest) {
      return "/api/v1/records/" + childId + rest;
    }
  }

  private Family family() {
    String childNir = People.newChildNir();
    String email = "parent-" + UUID.randomUUID() + "@example.org";
    Api.Reply created =
        api.post(
            "/api/v1/records",
            carnet.token("admin"),
            "{\"ins\":"
                + People.ins(childNir)
                + ",\"traits\":"
                + People.child()
                + ",\"contact\":{\"email\":\""
                + email
                + "\"},\"open\":true}");
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
    // Four eyes: a second staff member approves before the parent has any right.
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
        carnet.token("patient", Map.of("ins", parentNir)),
        email);
  }

  /** A PDF for the child, of a LOINC type, with the two secrecy flags. */
  private static String document(String nir, String loinc, boolean withheld, boolean secret) {
    return "{\"uniqueId\":\""
        + Documents.uniqueId()
        + "\",\"patient\":{\"ins\":"
        + People.ins(nir)
        + ",\"traits\":"
        + People.child()
        + "},\"type\":{\"system\":\"http://loinc.org\",\"code\":\""
        + loinc
        + "\"},\"title\":\"Compte rendu\",\"authoredAt\":\"2026-11-20T09:30:00Z\","
        + "\"contentType\":\"application/pdf\",\"content\":\""
        + Documents.base64(Documents.pdf(300))
        + "\",\"withheldFromPatient\":"
        + withheld
        + ",\"hiddenFromRepresentatives\":"
        + secret
        + "}";
  }

  /** A corrected version, which says nothing of secrecy. */
  private static String correction() {
    return "{\"uniqueId\":\""
        + Documents.uniqueId()
        + "\",\"title\":\"Compte rendu corrigé\","
        + "\"authoredAt\":\"2026-11-20T11:00:00Z\",\"contentType\":\"application/pdf\","
        + "\"content\":\""
        + Documents.base64(Documents.pdf(400))
        + "\"}";
  }

  private String publish(String token, String body) {
    Api.Reply published = api.post(PUSH, token, body);
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    return published.json().getString("id");
  }

  @Test
  void whatAMinorKeepsFromTheirParentsLeavesNothingTheParentsCanRead() throws Exception {
    startMailServer();
    Family family = family();
    // The record's opening is told at once: the mailbox works, and what follows is grouped.
    awaitMessages(family.parentEmail(), 1);

    // The GP files a secret document and a secret profile entry, and reads the document back.
    String secret = publish(gp, document(family.childNir(), "11502-2", false, true));
    Api.Reply entry =
        api.post(
            family.path("/profile"),
            gp,
            "{\"category\":\"TREATMENT\",\"label\":\"Contraception orale\","
                + "\"hiddenFromRepresentatives\":true}");
    assertThat(entry.status()).as(entry.toString()).isEqualTo(201);
    String entryId = entry.json().getString("id");
    assertThat(api.get(family.path("/documents/" + secret), gp).status()).isEqualTo(200);
    assertThat(api.get(family.path("/documents/" + secret + "/content"), gp).status())
        .isEqualTo(200);
    // A dentist is refused the secret document (no agreement), then a secret push (off the matrix).
    assertThat(api.get(family.path("/documents/" + secret), dentist).status()).isEqualTo(403);
    Api.Reply refusedPush =
        api.post(PUSH, dentist, document(family.childNir(), "57055-6", false, true));
    assertThat(refusedPush.code()).isEqualTo("DENIED_BY_MATRIX");
    // The GP corrects the secret: the version stays secret though the push does not say so again;
    // the dentist may not version it.
    Api.Reply corrected =
        api.post(family.path("/documents/" + secret + "/versions"), gp, correction());
    assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
    assertThat(corrected.json().getBoolean("hiddenFromRepresentatives")).isTrue();
    String secretV2 = corrected.json().getString("id");
    assertThat(
            api.post(family.path("/documents/" + secretV2 + "/versions"), dentist, correction())
                .status())
        .isEqualTo(404);
    // The parent, trying the secret's address, is told it does not exist (and that is traced).
    assertThat(api.get(family.path("/documents/" + secret), family.parent()).status())
        .isEqualTo(404);
    // An ordinary document: the parent is told, and sees it.
    String ordinary = publish(labDoctor, document(family.childNir(), "11502-2", false, false));

    // The GP asks for the record's list (refused: no agreement): a trace about no document, yet
    // naming the GP tells the secret (issue 19's review): the parent is shown none of the GP's.
    assertThat(api.get(family.path("/documents"), gp).status()).isEqualTo(403);

    // The parent's history: the ordinary document's arrival, nothing of the secrets.
    List<JsonObject> parentHistory = history(family, family.parent());
    String parentBody = api.get(family.path("/access-history?limit=100"), family.parent()).body();
    assertThat(parentBody)
        .doesNotContain(GP_RPPS)
        .doesNotContain(GP_FINESS)
        .doesNotContain(DENTIST_RPPS)
        .doesNotContain(secret)
        .doesNotContain(secretV2)
        .doesNotContain(entryId)
        .doesNotContain("profil médical");
    assertThat(parentHistory)
        .extracting(e -> e.getString("summary"))
        .contains("Médecin (RPPS " + LAB_RPPS + ") a ajouté un document");
    assertThat(parentHistory)
        .filteredOn(e -> e.getString("action").equals("DOCUMENT_PUBLISH"))
        .singleElement()
        .satisfies(e -> assertThat(e.getString("documentId")).isEqualTo(ordinary));
    // Paged the same: one at a time, the secrets never surface either.
    assertThat(pageByPage(family, family.parent()))
        .extracting(e -> e.getJsonObject("actor").getString("rpps", ""))
        .doesNotContain(GP_RPPS, DENTIST_RPPS);

    // Nor in the search, nor in the profile.
    assertThat(entry.json().getBoolean("hiddenFromRepresentatives")).isTrue();
    assertThat(
            ids(api.get(family.path("/documents"), family.parent()).json().getJsonArray("items")))
        .containsExactly(ordinary);
    Api.Reply parentProfile = api.get(family.path("/profile"), family.parent());
    assertThat(parentProfile.status()).isEqualTo(200);
    assertThat(parentProfile.body()).doesNotContain("Contraception").doesNotContain(GP_RPPS);
    assertThat(array(parentProfile)).isEmpty();

    // Nor in the notifications: the opening and one new document, no reader, no GP.
    awaitMessages(family.parentEmail(), 2);
    Thread.sleep(CarnetServer.NOTIFICATION_WINDOW.toMillis() + 1000);
    List<String> texts = new ArrayList<>();
    for (MimeMessage message : to(family.parentEmail())) {
      texts.add((String) message.getContent());
    }
    assertThat(String.join("\n", texts))
        .contains("1 nouveau document a été ajouté à votre dossier.")
        .doesNotContain(GP_RPPS)
        .doesNotContain(DENTIST_RPPS)
        .doesNotContain("première fois");
    assertThat(notifications(family))
        .contains("ACCOUNT_STATE -")
        .containsOnlyOnce("DOCUMENT_ARRIVED -")
        .noneMatch(n -> n.startsWith("FIRST_ACCESS"))
        .noneMatch(n -> n.endsWith(GP_RPPS) || n.endsWith(DENTIST_RPPS));

    // The minor's own history shows it all, the author named, the refusals too.
    List<JsonObject> own = history(family, family.child());
    assertThat(own)
        .extracting(e -> e.getString("summary"))
        .contains(
            "Médecin (RPPS " + GP_RPPS + ") a ajouté un document",
            "Médecin (RPPS " + GP_RPPS + ") a complété votre profil médical",
            "Médecin (RPPS " + GP_RPPS + ") a consulté un document",
            "Médecin (RPPS " + GP_RPPS + ") a ouvert un document",
            "Chirurgien-dentiste (RPPS " + DENTIST_RPPS + ") a consulté un document — accès refusé",
            "Chirurgien-dentiste (RPPS " + DENTIST_RPPS + ") a ajouté un document — accès refusé");
    assertThat(own)
        .filteredOn(e -> e.getJsonObject("actor").getString("rpps", "").equals(GP_RPPS))
        .extracting(e -> e.getString("action") + " " + e.getString("documentId", "-"))
        .contains(
            "DOCUMENT_PUBLISH " + secret,
            "PROFILE_WRITE " + entryId,
            "DOCUMENT_READ " + secret,
            "CONTENT_READ " + secret,
            "DOCUMENT_VERSION " + secretV2);
    assertThat(own)
        .filteredOn(e -> e.getJsonObject("actor").getString("rpps", "").equals(GP_RPPS))
        .allSatisfy(
            e -> assertThat(e.getJsonObject("actor").getString("finess")).isEqualTo(GP_FINESS));
    // The child sees the secret entry in their profile.
    assertThat(api.get(family.path("/profile"), family.child()).body()).contains("Contraception");

    // The auditor's trail has everything, the refused secret push with the secrecy it asked for.
    List<JsonObject> trail =
        items(
            api.get(
                "/api/v1/audit/traces?limit=200&record=" + family.childId(),
                carnet.token("auditor")));
    assertThat(trail)
        .extracting(
            t ->
                t.getString("action")
                    + " "
                    + t.getString("outcome")
                    + " "
                    + t.getJsonObject("actor").getString("rpps", "-")
                    + " "
                    + t.getString("documentId", "-"))
        .contains(
            "DOCUMENT_PUBLISH PERMIT " + GP_RPPS + " " + secret,
            "PROFILE_WRITE PERMIT " + GP_RPPS + " " + entryId,
            "DOCUMENT_READ DENY " + DENTIST_RPPS + " " + secret,
            "DOCUMENT_PUBLISH DENY " + DENTIST_RPPS + " -",
            "DOCUMENT_VERSION PERMIT " + GP_RPPS + " " + secretV2,
            "DOCUMENT_VERSION DENY " + DENTIST_RPPS + " " + secretV2,
            "DOCUMENT_READ DENY - " + secret);
    assertThat(trail)
        .filteredOn(
            t ->
                t.getString("action").equals("DOCUMENT_PUBLISH")
                    && t.getString("outcome").equals("DENY"))
        .singleElement()
        .satisfies(t -> assertThat(t.getString("detail")).endsWith(";hiddenFromRepresentatives"));
  }

  @Test
  void aWithheldDocumentIsAbsentFromThePatientsHistoryUntilItsRelease() {
    Family family = family();
    String withheld = publish(announcer, document(family.childNir(), "11502-2", true, false));
    assertThat(api.get(family.path("/documents/" + withheld), announcer).status()).isEqualTo(200);

    for (String reader : List.of(family.child(), family.parent())) {
      String body = api.get(family.path("/access-history?limit=100"), reader).body();
      assertThat(body).doesNotContain(ANNOUNCER_RPPS).doesNotContain(withheld);
    }
    assertThat(
            api.get(
                    "/api/v1/audit/traces?limit=200&record=" + family.childId(),
                    carnet.token("auditor"))
                .body())
        .contains(ANNOUNCER_RPPS)
        .contains(withheld);

    Api.Reply released =
        api.post(family.path("/documents/" + withheld + "/release"), announcer, "");
    assertThat(released.status()).as(released.toString()).isEqualTo(200);

    // Released: everything that happened to it appears, its filing and its reading included.
    for (String reader : List.of(family.child(), family.parent())) {
      assertThat(history(family, reader))
          .filteredOn(e -> e.getJsonObject("actor").getString("rpps", "").equals(ANNOUNCER_RPPS))
          .extracting(e -> e.getString("action") + " " + e.getString("documentId", "-"))
          .containsExactly(
              "DOCUMENT_RELEASE " + withheld,
              "DOCUMENT_READ " + withheld,
              "DOCUMENT_PUBLISH " + withheld);
    }
  }

  // ---- Helpers ---------------------------------------------------------------------------------

  private List<JsonObject> history(Family family, String token) {
    return items(api.get(family.path("/access-history?limit=100"), token));
  }

  /** The whole history, one entry per page, following each page's next link. */
  private List<JsonObject> pageByPage(Family family, String token) {
    List<JsonObject> all = new ArrayList<>();
    String next = family.path("/access-history?limit=1");
    while (next != null && all.size() < 200) {
      Api.Reply page = api.get(next.replaceFirst("^https?://[^/]+", ""), token);
      all.addAll(items(page));
      next =
          page.json().containsKey("next") && !page.json().isNull("next")
              ? page.json().getString("next")
              : null;
    }
    return all;
  }

  private static List<JsonObject> items(Api.Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json().getJsonArray("items").getValuesAs(JsonObject.class);
  }

  private static List<String> ids(JsonArray items) {
    return items.getValuesAs(JsonObject.class).stream().map(d -> d.getString("id")).toList();
  }

  private static JsonArray array(Api.Reply reply) {
    return Json.createReader(new StringReader(reply.body())).readArray();
  }

  private void startMailServer() {
    mailServer = new GreenMail(new ServerSetup(CarnetServer.smtpPort(), "127.0.0.1", "smtp"));
    mailServer.start();
  }

  private List<MimeMessage> awaitMessages(String recipient, int count) throws Exception {
    await(() -> to(recipient).size() >= count, count + " message(s) to " + recipient);
    return to(recipient);
  }

  private List<MimeMessage> to(String recipient) {
    List<MimeMessage> messages = new ArrayList<>();
    for (MimeMessage message : mailServer.getReceivedMessages()) {
      try {
        if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
          messages.add(message);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return messages;
  }

  /** The record's email notifications, in order: kind and the professional they name. */
  private List<String> notifications(Family family) {
    try (Connection connection = carnet.server().database().superuserConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select kind, coalesce(actor_rpps, '-') from notification"
                    + " where record_id = ?::uuid and channel = 'EMAIL' order by id")) {
      query.setString(1, family.childId());
      List<String> rows = new ArrayList<>();
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          rows.add(row.getString(1) + " " + row.getString(2));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Waited " + PATIENCE + " for " + what);
      }
      Thread.sleep(200);
    }
  }
}
