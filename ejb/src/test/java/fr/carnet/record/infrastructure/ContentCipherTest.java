package fr.carnet.record.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentCipherTest {

  private final ContentCipher cipher = new ContentCipher(new byte[32]);
  private final UUID record = UUID.randomUUID();
  private final UUID object = UUID.randomUUID();

  @ParameterizedTest
  @ValueSource(
      ints = {
        0,
        1,
        ContentCipher.SEGMENT - 1,
        ContentCipher.SEGMENT,
        3 * ContentCipher.SEGMENT + 7
      })
  void aContentComesBackAsItWasAndIsNotStoredInClear(int size) throws IOException {
    byte[] content = content(size);
    SecretKey key = cipher.unwrap(record, cipher.newWrappedKey(record));

    byte[] sealed = seal(key, content);

    assertThat(sealed).hasSize((int) ContentCipher.sealedSize(size));
    if (size > 16) {
      assertThat(indexOf(sealed, Arrays.copyOf(content, 16))).isNegative();
    }
    assertThat(open(key, object, sealed)).isEqualTo(content);
  }

  @Test
  void anAlteredSegmentFails() throws IOException {
    SecretKey key = cipher.unwrap(record, cipher.newWrappedKey(record));
    byte[] sealed = seal(key, content(100_000));
    sealed[ContentCipher.SEGMENT + 100] ^= 1;

    assertThatThrownBy(() -> open(key, object, sealed)).isInstanceOf(IOException.class);
  }

  @Test
  void anObjectCutAtASegmentBoundaryFails() throws IOException {
    SecretKey key = cipher.unwrap(record, cipher.newWrappedKey(record));
    byte[] sealed = seal(key, content(3 * ContentCipher.SEGMENT));
    byte[] cut = Arrays.copyOf(sealed, (int) ContentCipher.sealedSize(2 * ContentCipher.SEGMENT));

    assertThatThrownBy(() -> open(key, object, cut)).isInstanceOf(IOException.class);
  }

  @Test
  void anObjectReadUnderAnotherKeyFails() throws IOException {
    SecretKey key = cipher.unwrap(record, cipher.newWrappedKey(record));
    byte[] sealed = seal(key, content(10));

    assertThatThrownBy(() -> open(key, UUID.randomUUID(), sealed)).isInstanceOf(IOException.class);
  }

  @Test
  void aDataKeyUnwrapsForItsRecordOnlyAndUnderItsMasterKeyOnly() {
    byte[] wrapped = cipher.newWrappedKey(record);

    assertThatThrownBy(() -> cipher.unwrap(UUID.randomUUID(), wrapped))
        .isInstanceOf(IOException.class);
    byte[] other = new byte[32];
    other[0] = 1;
    assertThatThrownBy(() -> new ContentCipher(other).unwrap(record, wrapped))
        .isInstanceOf(IOException.class);
  }

  private byte[] seal(SecretKey key, byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContentCipher.encrypt(key, object, new ByteArrayInputStream(content), out);
    return out.toByteArray();
  }

  private static byte[] open(SecretKey key, UUID object, byte[] sealed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContentCipher.decrypt(key, object, new ByteArrayInputStream(sealed), out);
    return out.toByteArray();
  }

  private static byte[] content(int size) {
    byte[] content = new byte[size];
    new Random(size).nextBytes(content);
    return content;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}
