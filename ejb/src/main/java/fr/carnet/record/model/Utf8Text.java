package fr.carnet.record.model;

/**
 * Whether bytes fed piece by piece are UTF-8 text without NUL, as the JDK's strict decoder would
 * judge them (no overlong forms, no surrogates, nothing past U+10FFFF), without holding them: a
 * sequence cut between two pieces is carried over.
 */
final class Utf8Text {

  private int needed;
  private int low = 0x80;
  private int high = 0xBF;
  private boolean valid = true;

  void feed(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length && valid; i++) {
      int b = bytes[i] & 0xFF;
      if (needed > 0) {
        if (b < low || b > high) {
          valid = false;
        }
        needed--;
        low = 0x80;
        high = 0xBF;
      } else if (b == 0) {
        valid = false;
      } else if (b >= 0x80) {
        lead(b);
      }
    }
  }

  /** Which continuation bytes a lead byte calls for (Unicode, table 3-7). */
  private void lead(int b) {
    if (b >= 0xC2 && b <= 0xDF) {
      needed = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      needed = 2;
      low = b == 0xE0 ? 0xA0 : 0x80;
      high = b == 0xED ? 0x9F : 0xBF;
    } else if (b >= 0xF0 && b <= 0xF4) {
      needed = 3;
      low = b == 0xF0 ? 0x90 : 0x80;
      high = b == 0xF4 ? 0x8F : 0xBF;
    } else {
      valid = false;
    }
  }

  /** Whether all that was fed is text, no sequence left unfinished. */
  boolean valid() {
    return valid && needed == 0;
  }

  static boolean isText(byte[] bytes) {
    Utf8Text text = new Utf8Text();
    text.feed(bytes, 0, bytes.length);
    return text.valid();
  }
}
