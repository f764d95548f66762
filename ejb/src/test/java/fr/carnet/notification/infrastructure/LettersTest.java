package fr.carnet.notification.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.carnet.notification.model.CodeIssuer;
import fr.carnet.notification.model.Letter;
import fr.carnet.notification.model.LetterComposer;
import fr.carnet.notification.model.NotificationKind;
import fr.carnet.notification.model.PendingNotification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Letters by post, read back from their PDF as the print shop would print them. */
class LettersTest {

  private static final Instant WINTER_EVENING = Instant.parse("2026-11-23T20:05:00Z");
  private static final String ADDRESS = "Mme Marie DUPONT\n12 rue des Lilas\n75011 PARIS";
  private final LetterComposer composer = new LetterComposer("https://carnet.test/espace");

  @Test
  void theInformationLetterSaysTheCodeOnceTheAddressAndTheDateAndNothingClinical()
      throws IOException {
    CodeIssuer.Code code =
        new CodeIssuer.Code("K7P-2QX-9TM", Instant.parse("2027-01-22T23:00:00Z"));
    Letter letter =
        compose(
            List.of(
                new PendingNotification(
                    1,
                    NotificationKind.ENROLMENT,
                    WINTER_EVENING,
                    null,
                    null,
                    "2027-01-22T23:00:00Z"),
                new PendingNotification(
                    2,
                    NotificationKind.BREAK_GLASS,
                    WINTER_EVENING,
                    "10303030303",
                    "Infirmier",
                    "BREAK_GLASS")),
            Optional.of(code),
            List.of());

    PdfLetters.Rendered pdf = PdfLetters.render(letter);
    String text = text(pdf.pdf());

    assertThat(pdf.pages()).isEqualTo(1);
    assertThat(text)
        .contains("Mme Marie DUPONT", "12 rue des Lilas", "75011 PARIS")
        .contains("Paris, le 23/11/2026")
        .contains("création de votre dossier Carnet et votre code provisoire")
        .contains("valable jusqu'au 23/01/2027")
        .contains("Accès en urgence (bris de glace)")
        .contains("aucune donnée de santé");
    assertThat(occurrences(text.replaceAll("\\s+", " "), "K7P-2QX-9TM")).isEqualTo(1);
    // No NIR nor INS (13 or 15 digits), no document, no class, no reason.
    assertThat(text).doesNotContainPattern("\\d{13}").doesNotContain("document intitulé");
  }

  @Test
  void aHistoryByPostListsTheAccessesOverAsManyPagesAsItTakesAndAnExportIsNeverPrinted()
      throws IOException {
    List<String> history = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      history.add(
          "Le 23/11/2026 à 21:05 : Médecin (RPPS 10101010101) a consulté un document n° " + i);
    }
    Letter letter =
        compose(
            List.of(
                new PendingNotification(
                    1, NotificationKind.HISTORY_BY_POST, WINTER_EVENING, null, null, null),
                new PendingNotification(
                    2, NotificationKind.EXPORT_BY_POST, WINTER_EVENING, null, null, null)),
            Optional.empty(),
            history);

    PdfLetters.Rendered pdf = PdfLetters.render(letter);
    String text = text(pdf.pdf());

    assertThat(pdf.pages()).isGreaterThan(1);
    assertThat(text)
        .contains("Historique des accès à votre dossier")
        .contains("a consulté un document n° 0")
        .contains("a consulté un document n° 119")
        .contains("n'est donc jamais imprimé")
        .doesNotContain("code provisoire est");
  }

  @Test
  void anEnrolmentWhoseCodeIsNoLongerIssuedMakesNoLetter() {
    assertThat(
            composer.compose(
                UUID.randomUUID(),
                UUID.randomUUID(),
                ADDRESS,
                List.of(
                    new PendingNotification(
                        1,
                        NotificationKind.ENROLMENT,
                        WINTER_EVENING,
                        null,
                        null,
                        "2027-01-22T23:00:00Z")),
                Optional.empty(),
                List.of(),
                WINTER_EVENING))
        .isEmpty();
  }

  @Test
  void aCharacterHelveticaCannotPrintIsReplacedRatherThanFailingTheBatch() throws IOException {
    Letter letter =
        new Letter(
            UUID.randomUUID(),
            UUID.randomUUID(),
            List.of("M. Ђорђе ПЕТРОВИЋ", "1 place de l'Église", "69001 LYON"),
            "le 23/11/2026",
            "Objet : essai",
            List.of("Madame, Monsieur, « guillemets » — tiret, œuvre, ça."),
            List.of());

    String text = text(PdfLetters.render(letter).pdf());

    assertThat(text).contains("1 place de l'Église", "« guillemets » — tiret, œuvre, ça.");
    assertThat(text).contains("M. ?");
  }

  @Test
  void aBatchIsPublishedWholeWithItsIndexAndNothingButTheLetterIdInIt(@TempDir Path root)
      throws IOException {
    PrintShopFolder folder = new PrintShopFolder();
    folder.configured = Optional.of(root.toString());
    Letter letter =
        compose(
            List.of(
                new PendingNotification(
                    1,
                    NotificationKind.ENROLMENT,
                    WINTER_EVENING,
                    null,
                    null,
                    "2027-01-22T23:00:00Z")),
            Optional.of(new CodeIssuer.Code("K7P-2QX-9TM", WINTER_EVENING)),
            List.of());
    PdfLetters.Rendered pdf = PdfLetters.render(letter);

    PrintShopFolder.Entry entry;
    Path published;
    try (PrintShopFolder.Batch batch = folder.open(WINTER_EVENING)) {
      entry = batch.add(letter.id(), pdf);
      // Nothing visible to the print shop before the batch is published.
      assertThat(visible(root)).isEmpty();
      batch.publish();
      published = batch.target();
    }

    assertThat(visible(root)).containsExactly(published.getFileName().toString());
    assertThat(published.getFileName().toString()).startsWith("batch-20261123T200500Z-");
    List<String> index = Files.readAllLines(published.resolve("index.csv"));
    assertThat(index)
        .containsExactly(
            "letter_id,file,sha256,pages",
            letter.id() + "," + letter.id() + ".pdf," + entry.sha256() + ",1");
    assertThat(entry.sha256())
        .isEqualTo(PrintShopFolder.sha256(Files.readAllBytes(published.resolve(entry.file()))));
    assertThat(String.join("\n", index)).doesNotContain("K7P", "DUPONT", "PARIS");
    try (Stream<Path> hidden = Files.list(root)) {
      assertThat(hidden.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aFolderOthersCanReadOrALinkIsRefusedAndNothingIsWritten(@TempDir Path temp)
      throws IOException {
    Path open = Files.createDirectory(temp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    PrintShopFolder folder = new PrintShopFolder();
    folder.configured = Optional.of(open.toString());
    assertThatThrownBy(() -> folder.open(WINTER_EVENING))
        .isInstanceOf(java.io.UncheckedIOException.class);
    assertThat(visible(open)).isEmpty();

    Path target = Files.createDirectory(temp.resolve("target"));
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
    Path link = Files.createSymbolicLink(temp.resolve("link"), target);
    folder.configured = Optional.of(link.toString());
    assertThatThrownBy(() -> folder.open(WINTER_EVENING))
        .isInstanceOf(java.io.UncheckedIOException.class);
  }

  @Test
  void aBatchOlderThanTheRetentionIsRemovedWhenTheNextOpens(@TempDir Path root) throws IOException {
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
    PrintShopFolder folder = new PrintShopFolder();
    folder.configured = Optional.of(root.toString());
    Path old = Files.createDirectory(root.resolve("batch-20261001T000000Z-0000abcd"));
    Files.writeString(old.resolve("index.csv"), "letter_id,file,sha256,pages\n");
    Files.setLastModifiedTime(
        old, java.nio.file.attribute.FileTime.from(WINTER_EVENING.minus(Duration.ofDays(15))));
    Path recent = Files.createDirectory(root.resolve("batch-20261120T000000Z-0000abce"));
    Files.setLastModifiedTime(
        recent, java.nio.file.attribute.FileTime.from(WINTER_EVENING.minus(Duration.ofDays(3))));
    try (PrintShopFolder.Batch batch = folder.open(WINTER_EVENING)) {
      assertThat(visible(root)).containsExactly(recent.getFileName().toString());
    }
  }

  @Test
  void aBatchThatIsNotPublishedLeavesNothing(@TempDir Path root) {
    PrintShopFolder folder = new PrintShopFolder();
    folder.configured = Optional.of(root.toString());
    try (PrintShopFolder.Batch batch = folder.open(WINTER_EVENING)) {
      batch.add(
          UUID.randomUUID(),
          PdfLetters.render(
              compose(
                  List.of(
                      new PendingNotification(
                          1, NotificationKind.EXPORT_BY_POST, WINTER_EVENING, null, null, null)),
                  Optional.empty(),
                  List.of())));
    }
    assertThat(root.toFile().list()).isEmpty();
  }

  private Letter compose(
      List<PendingNotification> pending, Optional<CodeIssuer.Code> code, List<String> history) {
    return composer
        .compose(
            UUID.randomUUID(), UUID.randomUUID(), ADDRESS, pending, code, history, WINTER_EVENING)
        .orElseThrow();
  }

  static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  private static List<String> visible(Path root) throws IOException {
    try (Stream<Path> files = Files.list(root)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
    }
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
