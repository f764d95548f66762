package fr.carnet.identity.model;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The national health identity matricule: a NIR or a NIA (13 characters and a 2-digit key) with the
 * OID that says which. Only valid values exist: the constructor checks the form and the key.
 *
 * <p>{@link #toString()} never shows the number, so that an INS logged by mistake leaks nothing.
 */
public record Ins(String number, InsKind kind) {

  // Sex digit, birth year and month, department (two digits, or 2A/2B for Corsica), commune,
  // order number, then the key.
  private static final Pattern FORM = Pattern.compile("[1-478][0-9]{4}(?:[0-9]{2}|2[AB])[0-9]{8}");
  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  public Ins {
    Objects.requireNonNull(kind, "kind");
    if (number == null || !FORM.matcher(number).matches()) {
      throw new CarnetException(
          ErrorCode.INS_INVALID_FORMAT,
          "The INS number must be 15 characters: 13 of NIR or NIA and a 2-digit key");
    }
    if (key(number.substring(0, 13)) != Integer.parseInt(number.substring(13))) {
      throw new CarnetException(ErrorCode.INS_INVALID_KEY);
    }
  }

  /** Builds an INS from the wire form, where the OID names the kind. */
  public static Ins of(String number, String oid) {
    InsKind kind =
        InsKind.ofOid(oid)
            .orElseThrow(
                () ->
                    new CarnetException(
                        ErrorCode.INS_UNKNOWN_OID,
                        "The INS OID must be "
                            + InsKind.NIR.oid()
                            + " (NIR) or "
                            + InsKind.NIA.oid()
                            + " (NIA)"));
    return new Ins(number == null ? null : number.trim().toUpperCase(), kind);
  }

  /**
   * The key is 97 minus the number modulo 97; Corsica's departments 2A and 2B count as 19 and 18.
   */
  static int key(String thirteen) {
    String digits = thirteen.replace("2A", "19").replace("2B", "18");
    return 97 - new BigInteger(digits).mod(NINETY_SEVEN).intValue();
  }

  @Override
  public String toString() {
    return "Ins[" + kind + " ***]";
  }
}
