package fr.carnet.record.model;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.util.Arrays;
import java.util.Base64;

/**
 * A document's content sent as base64 text, decoded in one pass that checks the alphabet and the
 * padding (strict, as the JDK's basic decoder; line breaks and spaces tolerated) and stops at the
 * size bound, so that no regular expression runs over the text. A lenient decoder would turn
 * garbage into bytes: anything outside the alphabet is refused.
 */
public final class Base64Content {

  private static final int[] VALUE = new int[128];

  static {
    Arrays.fill(VALUE, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUE[alphabet.charAt(i)] = i;
    }
  }

  private Base64Content() {}

  /**
   * The decoded content; {@code VALIDATION_FAILED} for text that is not base64 or decodes to
   * nothing, {@code DOCUMENT_TOO_LARGE} once the decoded bytes pass {@code maxBytes}.
   */
  public static DocumentContent decode(CharSequence text, long maxBytes) {
    // The usual text, unbroken and within the bound: the JDK's decoder checks the alphabet and the
    // padding as it decodes (its loop is faster than any of ours), after a bound known from the
    // length alone. Anything it refuses (a line break, a stray character) is decoded below, which
    // tells the two apart.
    if ((long) text.length() / 4 * 3 <= maxBytes + 2) {
      try {
        byte[] bytes = Base64.getDecoder().decode(text.toString());
        if (bytes.length > maxBytes) {
          throw tooLarge(maxBytes);
        }
        if (bytes.length > 0) {
          return DocumentContent.of(bytes);
        }
      } catch (IllegalArgumentException e) {
        // Decoded again below, where whitespace is tolerated and the refusal is ours.
      }
    }
    return decodeTolerant(text, maxBytes);
  }

  /** One pass over text that may be broken in lines, stopping at the size bound. */
  private static DocumentContent decodeTolerant(CharSequence text, long maxBytes) {
    int length = text.length();
    long bound = Math.min((long) length / 4 * 3 + 3, maxBytes + 3);
    byte[] out = new byte[(int) Math.min(bound, Integer.MAX_VALUE - 8)];
    int size = 0;
    int bits = 0;
    int quantum = 0;
    int padding = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (isWhitespace(c)) {
        continue;
      }
      if (c == '=') {
        // Padding ends the data: "xx==" or "xxx=", then only whitespace.
        if (quantum < 2 || quantum + padding >= 4) {
          throw notBase64();
        }
        padding++;
        continue;
      }
      int value = c < 128 ? VALUE[c] : -1;
      if (value < 0 || padding > 0) {
        throw notBase64();
      }
      bits = bits << 6 | value;
      if (++quantum == 4) {
        if (size + 3 > maxBytes) {
          throw tooLarge(maxBytes);
        }
        out[size++] = (byte) (bits >> 16);
        out[size++] = (byte) (bits >> 8);
        out[size++] = (byte) bits;
        bits = 0;
        quantum = 0;
      }
    }
    if (quantum == 1 || padding > 0 && quantum + padding != 4) {
      throw notBase64();
    }
    if (quantum > 1 && size + quantum - 1 > maxBytes) {
      throw tooLarge(maxBytes);
    }
    if (quantum == 2) {
      out[size++] = (byte) (bits >> 4);
    } else if (quantum == 3) {
      out[size++] = (byte) (bits >> 10);
      out[size++] = (byte) (bits >> 2);
    }
    if (size == 0) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "content is empty");
    }
    return DocumentContent.of(size == out.length ? out : Arrays.copyOf(out, size));
  }

  private static CarnetException tooLarge(long maxBytes) {
    return new CarnetException(
        ErrorCode.DOCUMENT_TOO_LARGE, "The content exceeds " + maxBytes + " bytes");
  }

  /** The whitespace the former {@code \s} stripping tolerated. */
  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0x0B;
  }

  private static CarnetException notBase64() {
    return new CarnetException(ErrorCode.VALIDATION_FAILED, "content must be base64");
  }
}
