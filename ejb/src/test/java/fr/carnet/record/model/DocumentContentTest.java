package fr.carnet.record.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DocumentContentTest {

  /** A stream that gives at most {@code step} bytes a read, as a network does. */
  private static InputStream trickle(byte[] bytes, int step) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  private static long spooledFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("carnet-content-")).count();
    }
  }

  @Test
  void aReceivedContentIsCountedHashedAndReadBackIdentical() throws Exception {
    Random random = new Random(3);
    for (int size : new int[] {1, 4095, 4096, 10_000, DocumentContent.IN_MEMORY, 700_001}) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      bytes[0] = '%';

      try (DocumentContent content = DocumentContent.receive(trickle(bytes, 7_001), 1 << 20)) {
        assertThat(content.size()).isEqualTo(size);
        assertThat(content.hash()).isEqualTo(DocumentContent.of(bytes).hash());
        assertThat(content.open().readAllBytes()).as("size " + size).isEqualTo(bytes);
        assertThat(content.open().readAllBytes()).isEqualTo(bytes);
        assertThat(content.head()).hasSize(Math.min(size, 4096));
      }
    }
  }

  @Test
  void theBoundIsExactAndARefusalLeavesNoFileBehind() throws Exception {
    long before = spooledFiles();
    int max = DocumentContent.IN_MEMORY + 100_000;

    try (DocumentContent atBound =
        DocumentContent.receive(new ByteArrayInputStream(new byte[max]), max)) {
      assertThat(atBound.size()).isEqualTo(max);
    }
    assertThatThrownBy(
            () -> DocumentContent.receive(new ByteArrayInputStream(new byte[max + 1]), max))
        .isInstanceOfSatisfying(
            CarnetException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE));
    assertThat(spooledFiles()).isEqualTo(before);
  }

  @Test
  void aStreamTooLargeIsRefusedBeforeItsEndIsRead() {
    InputStream endless =
        new InputStream() {
          long given;

          @Override
          public int read() {
            given++;
            return 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (given > 10_000_000) {
              throw new AssertionError("read on past the bound");
            }
            given += len;
            return len;
          }
        };

    assertThatThrownBy(() -> DocumentContent.receive(endless, 1_000_000))
        .isInstanceOf(CarnetException.class);
  }

  @Test
  void textIsJudgedOnAllOfItEvenCutBetweenReads() throws Exception {
    byte[] text =
        "Tension 12/8, RAS. Évolution favorable, cœur ✓ 𝄞.".getBytes(StandardCharsets.UTF_8);
    byte[] withNul = "a\u0000b".getBytes(StandardCharsets.UTF_8);
    for (int step = 1; step < 5; step++) {
      assertThat(ContentFormat.TEXT.accepts(DocumentContent.receive(trickle(text, step), 1000)))
          .isTrue();
      assertThat(ContentFormat.TEXT.accepts(DocumentContent.receive(trickle(withNul, step), 10)))
          .isFalse();
    }
    byte[] cut = java.util.Arrays.copyOf(text, text.length - 2);
    assertThat(ContentFormat.TEXT.accepts(DocumentContent.receive(trickle(cut, 3), 1000)))
        .isFalse();
  }

  @Test
  void utf8IsJudgedAsTheJdksStrictDecoderJudgesIt() {
    Random random = new Random(11);
    byte[] interesting = {
      0x41,
      (byte) 0x80,
      (byte) 0xBF,
      (byte) 0xC0,
      (byte) 0xC2,
      (byte) 0xDF,
      (byte) 0xE0,
      (byte) 0xA0,
      (byte) 0xED,
      (byte) 0x9F,
      (byte) 0xEF,
      (byte) 0xF0,
      (byte) 0x90,
      (byte) 0xF4,
      (byte) 0x8F,
      (byte) 0xF5,
      (byte) 0xFF
    };
    for (int i = 0; i < 200_000; i++) {
      byte[] bytes = new byte[1 + random.nextInt(6)];
      for (int j = 0; j < bytes.length; j++) {
        bytes[j] = interesting[random.nextInt(interesting.length)];
      }
      assertThat(Utf8Text.isText(bytes))
          .as(java.util.HexFormat.of().formatHex(bytes))
          .isEqualTo(jdkSaysText(bytes));
    }
  }

  private static boolean jdkSaysText(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void aFormatIsCheckedOnTheFirstBytesOfASpooledContent() throws Exception {
    byte[] pdf = new byte[DocumentContent.IN_MEMORY * 2];
    System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 8);

    try (DocumentContent content = DocumentContent.receive(trickle(pdf, 65_536), pdf.length)) {
      assertThat(ContentFormat.PDF.accepts(content)).isTrue();
      assertThat(ContentFormat.PNG.accepts(content)).isFalse();
      assertThat(ContentFormat.TEXT.accepts(content)).isFalse();
    }
  }
}
