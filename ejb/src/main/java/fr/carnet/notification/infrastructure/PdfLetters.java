package fr.carnet.notification.infrastructure;

import fr.carnet.notification.model.Letter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A letter as a PDF (Apache PDFBox), A4: the address where a window envelope shows it, the date,
 * the subject, the paragraphs, then the history's lines if any, on as many pages as it takes. The
 * standard Helvetica font (nothing embedded, no font file to ship) covers French in WinAnsi; a
 * character outside it is printed as "?" rather than failing the batch.
 */
public final class PdfLetters {

  /** The PDF and how many pages it has (for the print shop's index). */
  public record Rendered(byte[] pdf, int pages) {}

  private static final float MARGIN = 56;
  private static final float SIZE = 10.5f;
  private static final float LEADING = 14;
  // A DL window envelope shows the address about 100 mm from the left, 45 mm from the top.
  private static final float ADDRESS_X = 312;
  private static final float ADDRESS_TOP = 842 - 128;

  private PdfLetters() {}

  public static Rendered render(Letter letter) {
    PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    try (PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = new PDDocumentInformation();
      // Nothing about the person in the metadata: the print shop's tools may show it.
      info.setTitle("Courrier Carnet " + letter.id());
      info.setProducer("Carnet");
      document.setDocumentInformation(info);
      Writer writer = new Writer(document, regular);
      writer.page();
      float y = ADDRESS_TOP;
      for (String line : letter.address()) {
        writer.text(regular, ADDRESS_X, y, line);
        y -= LEADING;
      }
      writer.y = Math.min(y, ADDRESS_TOP - 5 * LEADING) - 2 * LEADING;
      writer.line(regular, "Paris, " + letter.dated());
      writer.skip();
      writer.line(bold, letter.subject());
      writer.skip();
      for (String paragraph : letter.paragraphs()) {
        writer.paragraph(regular, paragraph);
        writer.skip();
      }
      if (!letter.history().isEmpty()) {
        writer.line(bold, "Historique des accès à votre dossier (les plus récents d'abord)");
        writer.skip();
        for (String entry : letter.history()) {
          writer.paragraph(regular, "- " + entry);
        }
      }
      writer.close();
      document.save(out);
      return new Rendered(out.toByteArray(), document.getNumberOfPages());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render a letter", e);
    }
  }

  /** Lays lines down the pages, a new page when one is full. */
  private static final class Writer {
    private final PDDocument document;
    private final PDType1Font measure;
    private PDPageContentStream stream;
    private float y;

    Writer(PDDocument document, PDType1Font measure) {
      this.document = document;
      this.measure = measure;
    }

    void page() throws IOException {
      close();
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      stream = new PDPageContentStream(document, page);
      y = page.getMediaBox().getHeight() - MARGIN;
    }

    void text(PDType1Font font, float x, float at, String text) throws IOException {
      stream.beginText();
      stream.setFont(font, SIZE);
      stream.newLineAtOffset(x, at);
      stream.showText(printable(font, text));
      stream.endText();
    }

    void line(PDType1Font font, String text) throws IOException {
      if (y < MARGIN + LEADING) {
        page();
      }
      text(font, MARGIN, y, text);
      y -= LEADING;
    }

    void skip() {
      y -= LEADING / 2;
    }

    void paragraph(PDType1Font font, String text) throws IOException {
      for (String line : wrap(printable(font, text), PDRectangle.A4.getWidth() - 2 * MARGIN)) {
        line(font, line);
      }
    }

    private List<String> wrap(String text, float width) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String word : text.split(" ")) {
        String candidate = current.length() == 0 ? word : current + " " + word;
        if (current.length() > 0 && measure.getStringWidth(candidate) / 1000 * SIZE > width) {
          lines.add(current.toString());
          current = new StringBuilder(word);
        } else {
          current = new StringBuilder(candidate);
        }
      }
      if (current.length() > 0) {
        lines.add(current.toString());
      }
      return lines;
    }

    void close() throws IOException {
      if (stream != null) {
        stream.close();
        stream = null;
      }
    }
  }

  // Helvetica's WinAnsi covers French; anything else (a name in another script) is replaced.
  private static String printable(PDType1Font font, String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              String s = new String(Character.toChars(c));
              out.append(c >= 0x20 && encodable(font, s) ? s : "?");
            });
    return out.toString();
  }

  private static boolean encodable(PDType1Font font, String character) {
    try {
      font.encode(character);
      return true;
    } catch (IllegalArgumentException | IOException e) {
      return false;
    }
  }
}
