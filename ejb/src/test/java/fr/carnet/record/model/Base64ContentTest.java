package fr.carnet.record.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64ContentTest {

  private static final long MAX = 1_000;

  private static ErrorCode refusal(String text, long max) {
    try {
      Base64Content.decode(text, max);
    } catch (CarnetException e) {
      return e.code();
    }
    return null;
  }

  @Test
  void decodesWhatTheJdkEncodesWhateverTheLengthAndPadding() throws Exception {
    Random random = new Random(17);
    for (int length = 1; length < 300; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      String text = Base64.getEncoder().encodeToString(bytes);

      DocumentContent decoded = Base64Content.decode(text, MAX);

      assertThat(decoded.bytes()).as("length " + length).isEqualTo(bytes);
      assertThat(decoded.size()).isEqualTo(length);
      assertThat(decoded.hash())
          .isEqualTo(
              "sha256:"
                  + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
      // Unpadded, as the JDK's decoder accepts it too.
      assertThat(Base64Content.decode(text.replace("=", ""), MAX).bytes()).isEqualTo(bytes);
    }
  }

  @Test
  void lineBreaksAndSpacesAreTolerated() {
    byte[] bytes = "%PDF-1.7 a longer line of content".getBytes(StandardCharsets.US_ASCII);
    String mime = Base64.getMimeEncoder(8, "\r\n".getBytes()).encodeToString(bytes);

    assertThat(Base64Content.decode(" " + mime + "\n\t", MAX).bytes()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "***",
        "JVBE*Ri0x",
        "JVBERi0x-_",
        "JVBERi0xé",
        "A",
        "JVBERi0xL",
        "=",
        "JV=BE",
        "JVBERi0x=",
        "JV=",
        "JVB==",
        "JV===",
        "JV==JV==",
        "JVBERi0x\u0000"
      })
  void anythingOutsideTheAlphabetOrItsPaddingIsNotBase64(String text) {
    assertThat(refusal(text, MAX)).isEqualTo(ErrorCode.VALIDATION_FAILED);
    // The JDK's strict decoder, the former reference, refuses the same texts.
    assertThatThrownBy(() -> Base64.getDecoder().decode(text.replaceAll("\\s", "")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void paddingIsAcceptedWhereItBelongs() {
    assertThat(Base64Content.decode("JV==", MAX).bytes()).isEqualTo(new byte[] {0x25});
    assertThat(Base64Content.decode("JVA=", MAX).bytes()).isEqualTo(new byte[] {0x25, 0x50});
    assertThat(Base64Content.decode("JVA= \n", MAX).bytes()).isEqualTo(new byte[] {0x25, 0x50});
  }

  @Test
  void nothingToDecodeIsRefused() {
    assertThat(refusal("", MAX)).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(refusal(" \n ", MAX)).isEqualTo(ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void theSizeBoundIsOnTheDecodedBytesExactly() {
    for (int max = 1; max < 20; max++) {
      byte[] exactly = new byte[max];
      byte[] oneOver = new byte[max + 1];
      String atBound = Base64.getEncoder().encodeToString(exactly);
      String over = Base64.getEncoder().encodeToString(oneOver);

      assertThat(Base64Content.decode(atBound, max).size()).isEqualTo(max);
      assertThat(refusal(over, max)).as("max " + max).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
      assertThat(refusal(over.replace("=", ""), max)).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
    }
  }

  @Test
  void aHugeTextIsRefusedWithoutDecodingItWhole() {
    String huge = "A".repeat(40_000_000);

    assertThat(refusal(huge, MAX)).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
  }

  @Test
  void theDecodedContentIsCheckedForItsFormat() {
    String pdf = Base64.getEncoder().encodeToString("%PDF-1.7\n".getBytes());
    String text = Base64.getEncoder().encodeToString("just text".getBytes());
    String binary = Base64.getEncoder().encodeToString(new byte[] {'a', 0, 'b'});

    assertThat(ContentFormat.PDF.accepts(Base64Content.decode(pdf, MAX))).isTrue();
    assertThat(ContentFormat.PDF.accepts(Base64Content.decode(text, MAX))).isFalse();
    assertThat(ContentFormat.TEXT.accepts(Base64Content.decode(text, MAX))).isTrue();
    assertThat(ContentFormat.TEXT.accepts(Base64Content.decode(binary, MAX))).isFalse();
  }
}
