package fr.carnet.record.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentFormatTest {

  private static final byte[] PDF = "%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0};
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
  private static final byte[] CDA =
      "\uFEFF<?xml version=\"1.0\"?>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] TEXT = "Tension 12/8, RAS.".getBytes(StandardCharsets.UTF_8);

  @Test
  void eachFormatAcceptsItsOwnSignatureOnly() {
    byte[][] samples = {PDF, CDA, JPEG, PNG, TEXT};
    ContentFormat[] formats = ContentFormat.values();
    for (int f = 0; f < formats.length; f++) {
      for (int s = 0; s < samples.length; s++) {
        boolean expected = f == s || (formats[f] == ContentFormat.TEXT && (s == 0 || s == 1));
        assertThat(formats[f].accepts(samples[s]))
            .as(formats[f] + " on sample " + s)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void emptyOrBinaryTextIsRefused() {
    assertThat(ContentFormat.PDF.accepts(new byte[0])).isFalse();
    assertThat(ContentFormat.TEXT.accepts(new byte[] {'a', 0, 'b'})).isFalse();
    assertThat(ContentFormat.TEXT.accepts(new byte[] {(byte) 0xC3, (byte) 0x28})).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "application/pdf, PDF",
    "APPLICATION/PDF; charset=binary, PDF",
    "application/hl7-cda+xml, CDA",
    "application/xml, CDA",
    "text/xml, CDA",
    "image/jpeg, JPEG",
    "image/png, PNG",
    "text/plain; charset=UTF-8, TEXT",
  })
  void mediaTypesNameFormats(String mediaType, ContentFormat format) {
    assertThat(ContentFormat.ofMediaType(mediaType)).contains(format);
  }

  @Test
  void otherMediaTypesAreNotAccepted() {
    assertThat(ContentFormat.ofMediaType("application/zip")).isEqualTo(Optional.empty());
    assertThat(ContentFormat.ofMediaType(null)).isEqualTo(Optional.empty());
  }
}
