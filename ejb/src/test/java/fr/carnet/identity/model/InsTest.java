package fr.carnet.identity.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InsTest {

  private static final String NIR_OID = "1.2.250.1.213.1.4.8";
  private static final String NIA_OID = "1.2.250.1.213.1.4.9";

  @ParameterizedTest(name = "{0} is a valid {2}")
  @CsvSource({
    // 97 - (2850575056123 mod 97) = 38
    "285057505612338, " + NIR_OID + ", NIR, 285057505612338",
    // Corsica: 2A counts as 19 and 2B as 18 in the key, and stays as written in the number
    "185052A00412356, " + NIR_OID + ", NIR, 185052A00412356",
    "185052B00412383, " + NIR_OID + ", NIR, 185052B00412383",
    // A NIA has the same form and key, told apart by its OID
    "285057505612338, " + NIA_OID + ", NIA, 285057505612338",
    // Lower case and surrounding spaces are tolerated on the wire
    "' 185052a00412356 ', " + NIR_OID + ", NIR, 185052A00412356",
  })
  void acceptsValidNumbers(String number, String oid, InsKind kind, String stored) {
    Ins ins = Ins.of(number, oid);
    assertThat(ins.kind()).isEqualTo(kind);
    assertThat(ins.number()).isEqualTo(stored);
  }

  @ParameterizedTest(name = "key of {0} is {1}")
  @CsvSource({"2850575056123, 38", "185052A004123, 56", "1850519004123, 56", "185052B004123, 83"})
  void computesTheKeyWithTheCorsicaRule(String thirteen, int key) {
    assertThat(Ins.key(thirteen)).isEqualTo(key);
  }

  @ParameterizedTest(name = "{0} is refused with {2}")
  @CsvSource({
    "285057505612339, " + NIR_OID + ", INS_INVALID_KEY",
    "285057505612300, " + NIR_OID + ", INS_INVALID_KEY",
    "28505750561233, " + NIR_OID + ", INS_INVALID_FORMAT",
    "2850575056123388, " + NIR_OID + ", INS_INVALID_FORMAT",
    "585057505612338, " + NIR_OID + ", INS_INVALID_FORMAT",
    "2850575O5612338, " + NIR_OID + ", INS_INVALID_FORMAT",
    "185052C00412356, " + NIR_OID + ", INS_INVALID_FORMAT",
    // The key of 2A's number is not the key of 19's read as 2A's with a wrong key
    "185052A00412383, " + NIR_OID + ", INS_INVALID_KEY",
    "'', " + NIR_OID + ", INS_INVALID_FORMAT",
    "285057505612338, 1.2.250.1.213.1.4.10, INS_UNKNOWN_OID",
    "285057505612338, '', INS_UNKNOWN_OID",
  })
  void refusesInvalidNumbers(String number, String oid, ErrorCode code) {
    assertThatThrownBy(() -> Ins.of(number, oid))
        .isInstanceOf(CarnetException.class)
        .extracting(e -> ((CarnetException) e).code())
        .isEqualTo(code);
  }

  @org.junit.jupiter.api.Test
  void neverShowsTheNumberWhenPrinted() {
    Ins ins = Ins.of("285057505612338", NIR_OID);
    assertThat(ins.toString()).doesNotContain("2850575056").contains("NIR");
  }
}
