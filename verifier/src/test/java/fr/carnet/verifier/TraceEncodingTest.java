package fr.carnet.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers computed once with Carnet's {@code TraceCanonicalForm}, forms 1 and 2. */
class TraceEncodingTest {

  private static final HexFormat HEX = HexFormat.of();

  private static TraceEncoding.Trace trace(int form, String salt) {
    return new TraceEncoding.Trace(
        form,
        4567,
        Fixture.micros(Instant.parse("2025-12-01T13:44:51.123456Z")),
        "PROFESSIONAL",
        "prof-1",
        "10001234567",
        "10",
        null,
        "3F2A6B1C-0D4E-4F5A-8B6C-7D8E9F0A1B2C", // upper case: UUIDs are encoded lower-case
        "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
        "DOCUMENT_READ",
        "PERMIT",
        null,
        "détail é",
        "NORMAL",
        "req-1",
        salt);
  }

  @Test
  void formOne() {
    TraceEncoding.Trace t = trace(1, null);
    assertThat(HEX.formatHex(t.entry()))
        .isEqualTo(
            "0100000000000011d7000644e42ef23d00000000000c50524f46455353494f4e414c000000000670726f"
                + "662d31000000000b313030303132333435363700000000023130ff0000000024336632613662316"
                + "32d306434652d346635612d386236632d376438653966306131623263000000002461316232633364"
                + "342d653566362d346137622d386339642d306531663261336234633564000000000d444f43554d454e"
                + "545f5245414400000000065045524d4954ff000000000a64c3a97461696c20c3a900000000064e4f52"
                + "4d414c00000000057265712d31");
    assertThat(HEX.formatHex(Rfc9162.leafHash(t.entry())))
        .isEqualTo("b6dbb61b68b317d13e4877dd6f23d189ba1d698dc135740822b9ee2dc8415cde");
  }

  @Test
  void formTwoSealsTheHiddenFields() {
    TraceEncoding.Trace t = trace(2, "7c9e6679-7425-40de-944b-e07fc1f90ae7");
    assertThat(HEX.formatHex(t.shown().sealed()))
        .isEqualTo("1ba9be00c7206ead380bec447aa11fbc4b3807caf896db5cbfbd7696f31b17b9");
    assertThat(HEX.formatHex(Rfc9162.leafHash(t.entry())))
        .isEqualTo("7f7308f65bddd8c61f7bf7d4a28970d1d6495454e1b59cbafbf8e4e7960cdbae");
    // The shown entry alone gives the same leaf: what a patient recomputes.
    assertThat(t.shown().entry()).isEqualTo(t.entry());
    // Another hidden value changes the leaf although nothing shown changed.
    TraceEncoding.Trace other =
        new TraceEncoding.Trace(
            2,
            t.id(),
            t.atMicros(),
            t.actorRole(),
            "prof-2",
            t.actorRpps(),
            t.actorProfession(),
            t.actorFiness(),
            t.recordId(),
            t.documentId(),
            t.action(),
            t.outcome(),
            t.reason(),
            t.detail(),
            t.accessMode(),
            t.requestId(),
            t.salt());
    assertThat(other.entry()).isNotEqualTo(t.entry());
  }
}
