package fr.carnet.record.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of contents kept in object storage. Each record has its own data key
 * (AES-256), kept only wrapped by the master key (AES-256-GCM, bound to the record's id):
 * destroying the wrapped key makes every copy of the record's objects unreadable, the bucket's
 * backups included, and an operator with access to the bucket alone reads nothing.
 *
 * <p>An object is a version byte, then segments of at most 64 KiB of content, each sealed apart
 * with AES-256-GCM under a fresh random nonce ({@code nonce | ciphertext | tag}), so that a read
 * streams one segment at a time and never holds a whole document. Each segment's associated data is
 * the object's key, its index and whether it is the last: segments cannot be swapped between
 * objects, reordered, or cut off at a boundary without the read failing.
 */
final class ContentCipher {

  static final int SEGMENT = 64 * 1024;
  private static final int NONCE = 12;
  private static final int TAG = 16;
  private static final int SEALED = NONCE + SEGMENT + TAG;
  private static final byte VERSION = 1;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey master;

  /** {@code masterKey}: 32 bytes (AES-256). */
  ContentCipher(byte[] masterKey) {
    if (masterKey.length != 32) {
      throw new IllegalArgumentException(
          "The content master key has 32 bytes (base64 of 256 bits)");
    }
    this.master = new SecretKeySpec(masterKey, "AES");
  }

  /** A new data key for {@code recordId}, wrapped: the only form in which it is stored. */
  byte[] newWrappedKey(UUID recordId) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    try {
      return seal(master, key, uuid(recordId));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The record's data key, unwrapped; fails if the wrapped key is not the record's. */
  SecretKey unwrap(UUID recordId, byte[] wrapped) throws IOException {
    return new SecretKeySpec(open(master, wrapped, 0, wrapped.length, uuid(recordId)), "AES");
  }

  /** Encrypts {@code in} to its end into {@code out}, a segment at a time. */
  static void encrypt(SecretKey key, UUID objectKey, InputStream in, OutputStream out)
      throws IOException {
    out.write(VERSION);
    byte[] current = in.readNBytes(SEGMENT);
    for (long index = 0; ; index++) {
      byte[] next = current.length == SEGMENT ? in.readNBytes(SEGMENT) : new byte[0];
      boolean last = next.length == 0;
      out.write(seal(key, current, associated(objectKey, index, last)));
      if (last) {
        return;
      }
      current = next;
    }
  }

  /**
   * Decrypts an object read from {@code in} into {@code out}, a segment at a time; fails before
   * writing a segment that was altered, and at the end if segments are missing.
   */
  static void decrypt(SecretKey key, UUID objectKey, InputStream in, OutputStream out)
      throws IOException {
    if (in.read() != VERSION) {
      throw new IOException("Not a Carnet content object");
    }
    byte[] current = in.readNBytes(SEALED);
    for (long index = 0; ; index++) {
      byte[] next = current.length == SEALED ? in.readNBytes(SEALED) : new byte[0];
      boolean last = next.length == 0;
      out.write(open(key, current, 0, current.length, associated(objectKey, index, last)));
      if (last) {
        return;
      }
      current = next;
    }
  }

  /** The size of the object that holds {@code size} bytes of content. */
  static long sealedSize(long size) {
    long segments = Math.max(1, (size + SEGMENT - 1) / SEGMENT);
    return 1 + segments * (NONCE + TAG) + size;
  }

  private static byte[] seal(SecretKey key, byte[] plain, byte[] associated) {
    try {
      byte[] nonce = new byte[NONCE];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce));
      cipher.updateAAD(associated);
      byte[] sealed = new byte[NONCE + plain.length + TAG];
      System.arraycopy(nonce, 0, sealed, 0, NONCE);
      cipher.doFinal(plain, 0, plain.length, sealed, NONCE);
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  private static byte[] open(
      SecretKey key, byte[] sealed, int offset, int length, byte[] associated) throws IOException {
    if (length < NONCE + TAG) {
      throw new IOException("A content segment is cut short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, sealed, offset, NONCE));
      cipher.updateAAD(associated);
      return cipher.doFinal(sealed, offset + NONCE, length - NONCE);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IOException("A content segment fails its authentication", e);
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot decrypt a content segment", e);
    }
  }

  private static byte[] associated(UUID objectKey, long index, boolean last) {
    return ByteBuffer.allocate(16 + 8 + 1)
        .putLong(objectKey.getMostSignificantBits())
        .putLong(objectKey.getLeastSignificantBits())
        .putLong(index)
        .put((byte) (last ? 1 : 0))
        .array();
  }

  private static byte[] uuid(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }
}
