package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Letters by post (issue 19): a person enrolled with neither email nor phone but a postal address
 * gets the information letter, its PDF in a published batch of the print-shop folder, read back
 * here; its code activates the record; the index names no one; the letter is traced. A person with
 * no contact at all is listed to agents as an impossible letter.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LettersE2EIT {

  private static final Duration PATIENCE = Duration.ofSeconds(40);
  private static final Pattern CODE =
      Pattern.compile("code provisoire est ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})");
  private static final String ADDRESS = "Mme Marie DUPONT\\n12 rue des Lilas\\n75011 PARIS";

  private CarnetServer carnet;
  private Api api;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
  }

  private record Person(String nir, String id) {}

  private Person enrol(String contact) {
    String nir = People.newNir();
    Api.Reply created =
        api.post(
            "/api/v1/records",
            carnet.token("admin"),
            "{\"ins\":"
                + People.ins(nir)
                + ",\"traits\":"
                + People.marie()
                + (contact == null ? "" : ",\"contact\":" + contact)
                + ",\"open\":false}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return new Person(nir, created.json().getString("id"));
  }

  @Test
  void aPersonWithOnlyAPostalAddressGetsTheInformationLetterWithAWorkingCodePrintedOnce()
      throws Exception {
    Person person = enrol("{\"address\":\"" + ADDRESS + "\"}");

    Letter letter = awaitLetter(person);
    String text = letter.text();

    assertThat(text)
        .contains("Mme Marie DUPONT", "12 rue des Lilas", "75011 PARIS")
        .contains("Votre dossier Carnet a été créé")
        .contains("aucune donnée de santé");
    // Neither the NIR nor the INS's number, nor the birth date: only the address's name.
    assertThat(text).doesNotContain(person.nir()).doesNotContain(person.nir().substring(0, 13));
    Matcher code = CODE.matcher(text.replaceAll("\\s+", " "));
    assertThat(code.find()).as(text).isTrue();
    String printed = code.group(1);
    assertThat(code.find()).as("the code is printed once").isFalse();

    // The index: letter id, file, SHA-256 of the file, pages; nobody named, no code.
    assertThat(letter.index()).hasSize(2);
    assertThat(letter.index().get(0)).isEqualTo("letter_id,file,sha256,pages");
    String index = String.join("\n", letter.index());
    assertThat(index).doesNotContain(printed, person.nir(), "DUPONT", "PARIS", person.id());
    assertThat(letter.indexLine()[2]).isEqualTo(sha256(letter.pdf()));
    assertThat(letter.indexLine()[3]).isEqualTo("1");
    try (Stream<Path> names = Files.list(carnet.lettersFolder())) {
      assertThat(names.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }

    // The letter is traced, by Carnet, with its id; the mailbox is delivered.
    assertThat(
            single(
                "select actor_id || ' ' || detail from trace where record_id = ?::uuid"
                    + " and action = 'LETTER_PRODUCED'",
                person.id()))
        .hasValueSatisfying(
            trace -> assertThat(trace).startsWith("system:letters " + letter.letterId() + " "));
    assertThat(
            single(
                "select delivery from notification where record_id = ?::uuid"
                    + " and channel = 'POST' and kind = 'ENROLMENT'",
                person.id()))
        .contains("SENT");

    // The printed code is the record's: the person activates with it.
    String patient = carnet.token("patient", Map.of("ins", person.nir()));
    Api.Reply activated =
        api.post(
            "/api/v1/records/" + person.id() + "/activation",
            patient,
            "{\"code\":\"" + printed + "\"}");
    assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
    Api.Reply history =
        api.get("/api/v1/records/" + person.id() + "/access-history?limit=50", patient);
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.body()).contains("Carnet a imprimé un courrier à votre adresse postale");
  }

  @Test
  void aPersonWithNoContactAtAllIsListedToAgentsAsAnImpossibleLetter() throws Exception {
    Person person = enrol(null);

    String agent = carnet.token("agent");
    await(
        () -> api.get("/api/v1/letters/impossible", agent).body().contains(person.id()),
        "the impossible letter listed to agents");
    Api.Reply listed = api.get("/api/v1/letters/impossible", agent);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body())
        .contains("\"kind\":\"ENROLMENT\"")
        .contains("Message d'information et code provisoire")
        .doesNotContain(person.nir());
    assertThat(
            single(
                "select delivery from notification where record_id = ?::uuid"
                    + " and channel = 'POST'",
                person.id()))
        .contains("NO_ADDRESS");
    // No letter was produced for them.
    assertThat(
            single(
                "select id from trace where record_id = ?::uuid and action = 'LETTER_PRODUCED'",
                person.id()))
        .isEmpty();

    // Only agents see the list; a refusal is traced.
    assertThat(
            api.get(
                    "/api/v1/letters/impossible",
                    carnet.token("professional", Map.of("rpps", "10181818181")))
                .status())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/letters/impossible", carnet.token("admin")).status())
        .isEqualTo(403);
  }

  /**
   * On the phone (issue 19): an agent, once the caller is confirmed, has the history sent by post.
   * The letter lists who accessed the record and when, never a document's title; the agent never
   * reads it. The export by post is a letter that says how to get it, never the export.
   */
  @Test
  void anAgentHasTheHistorySentByPostAndTheLetterNamesNoDocument() throws Exception {
    String nir = People.newNir();
    Api.Reply created =
        api.post(
            "/api/v1/records",
            carnet.token("admin"),
            "{\"ins\":"
                + People.ins(nir)
                + ",\"traits\":"
                + People.marie()
                + ",\"contact\":{\"address\":\""
                + ADDRESS
                + "\"},\"open\":true}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Person person = new Person(nir, created.json().getString("id"));
    String gp = carnet.token("professional", Map.of("rpps", "10181818181"));
    String pushed =
        Documents.about(nir, People.marie(), "11502-2", false)
            .replace("\"title\":\"Compte rendu", "\"title\":\"Sérologie confidentielle");
    Api.Reply published = api.post("/api/v1/documents", gp, pushed);
    assertThat(published.status()).as(published.toString()).isEqualTo(201);

    String agent = carnet.token("agent", Map.of("sub", "agent-letters"));
    String sending = "/api/v1/records/" + person.id() + "/history/sending?by=post";
    Api.Reply unconfirmed = api.post(sending, agent, "");
    assertThat(unconfirmed.status()).isEqualTo(403);
    assertThat(unconfirmed.code()).isEqualTo("CALLER_NOT_CONFIRMED");
    // No email nor phone: the INS and traits alone confirm the caller.
    Callers.confirm(api, agent, person.id(), People.lookupBody(nir, People.marie()), null);
    assertThat(api.post(sending, agent, "").status()).isEqualTo(202);
    assertThat(
            api.post("/api/v1/records/" + person.id() + "/export/sending?by=post", agent, "")
                .status())
        .isEqualTo(202);
    // The agent still reads nothing of it.
    assertThat(api.get("/api/v1/records/" + person.id() + "/access-history", agent).status())
        .isEqualTo(403);

    String history = awaitLetterSaying(person, "l'historique des accès à votre dossier").text();
    assertThat(history)
        .contains("Mme Marie DUPONT", "12 rue des Lilas")
        .contains("10181818181")
        .contains("Vous recevez ce courrier à votre demande")
        .doesNotContain("Sérologie")
        .doesNotContain(nir);
    String export = awaitLetterSaying(person, "l'export de votre dossier").text();
    assertThat(export).contains("jamais imprimé").doesNotContain("Sérologie").doesNotContain(nir);
    // The person sees who asked, by name.
    String patient = carnet.token("patient", Map.of("ins", nir));
    assertThat(
            api.get("/api/v1/records/" + person.id() + "/access-history?limit=50", patient).body())
        .contains("(agent-letters) a confirmé votre identité au téléphone")
        .contains("(agent-letters) a demandé l'envoi de l'historique des accès");
  }

  /** The letter to the person that says these words, once it is published. */
  private Letter awaitLetterSaying(Person person, String words) throws Exception {
    Letter[] found = new Letter[1];
    await(
        () -> {
          List<String> ids = new ArrayList<>();
          try (Connection connection = carnet.server().database().superuserConnection();
              PreparedStatement query =
                  connection.prepareStatement(
                      "select split_part(detail, ' ', 1) from trace where record_id = ?::uuid"
                          + " and action = 'LETTER_PRODUCED'")) {
            query.setString(1, person.id());
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                ids.add(rows.getString(1));
              }
            }
          }
          found[0] =
              letters().stream()
                  .filter(l -> ids.contains(l.letterId()))
                  .filter(l -> l.text().replaceAll("\\s+", " ").contains(words))
                  .findFirst()
                  .orElse(null);
          return found[0] != null;
        },
        "a letter to " + person.id() + " saying " + words);
    return found[0];
  }

  @Test
  void anAddressThatIsNotOneIsRefusedAndNothingIsStored() {
    String nir = People.newNir();
    Api.Reply refused =
        api.post(
            "/api/v1/records",
            carnet.token("admin"),
            "{\"ins\":"
                + People.ins(nir)
                + ",\"traits\":"
                + People.marie()
                + ",\"contact\":{\"address\":\"une seule ligne\"},\"open\":false}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("VALIDATION_FAILED");
  }

  // ---- The print-shop folder -------------------------------------------------------------------

  private record Letter(
      String letterId, byte[] pdf, String text, List<String> index, String[] indexLine) {}

  private Letter awaitLetter(Person person) throws Exception {
    String[] letterId = new String[1];
    await(
        () -> {
          Optional<String> traced =
              single(
                  "select split_part(detail, ' ', 1) from trace where record_id = ?::uuid"
                      + " and action = 'LETTER_PRODUCED'",
                  person.id());
          traced.ifPresent(id -> letterId[0] = id);
          return traced.isPresent();
        },
        "the letter to " + person.id());
    return letters().stream()
        .filter(l -> l.letterId().equals(letterId[0]))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No published letter " + letterId[0]));
  }

  /** Every letter of every published batch. */
  private List<Letter> letters() throws IOException {
    List<Letter> letters = new ArrayList<>();
    Path root = carnet.lettersFolder();
    if (!Files.isDirectory(root)) {
      return letters;
    }
    try (Stream<Path> batches = Files.list(root)) {
      for (Path batch :
          batches.filter(p -> p.getFileName().toString().startsWith("batch-")).toList()) {
        List<String> index = Files.readAllLines(batch.resolve("index.csv"));
        for (String line : index.subList(1, index.size())) {
          String[] fields = line.split(",");
          byte[] pdf = Files.readAllBytes(batch.resolve(fields[1]));
          letters.add(new Letter(fields[0], pdf, text(pdf), index, fields));
        }
      }
    }
    return letters;
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private Optional<String> single(String sql, String recordId) {
    try (Connection connection = carnet.server().database().superuserConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, recordId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(Condition condition, String what) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.holds()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Waited " + PATIENCE + " for " + what);
      }
      Thread.sleep(250);
    }
  }
}
