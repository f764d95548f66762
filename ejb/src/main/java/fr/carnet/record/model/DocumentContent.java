package fr.carnet.record.model;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A document's bytes as they were received: counted, hashed and read for their format on arrival,
 * then read again as a stream to be stored. Small contents stay in memory; a content larger than
 * {@link #IN_MEMORY} goes to a temporary file as it arrives, so that no upload is ever held whole.
 * Closing it deletes that file.
 */
public final class DocumentContent implements AutoCloseable {

  /** Up to this size a received content stays in memory (one chunk of the content store). */
  public static final int IN_MEMORY = 256 * 1024;

  /** How much of the beginning the format checks look at. */
  static final int HEAD = 4096;

  private static final int BUFFER = 64 * 1024;

  private final long size;
  private final String hash;
  private final byte[] head;
  private final byte[] bytes;
  private final Path spool;
  private Boolean text;

  private DocumentContent(
      long size, String hash, byte[] head, byte[] bytes, Path spool, Boolean text) {
    this.size = size;
    this.hash = hash;
    this.head = head;
    this.bytes = bytes;
    this.spool = spool;
    this.text = text;
  }

  /** Bytes already in memory (a FHIR attachment, a decoded base64 text). */
  public static DocumentContent of(byte[] bytes) {
    MessageDigest digest = sha256();
    digest.update(bytes);
    return new DocumentContent(
        bytes.length,
        hash(digest),
        Arrays.copyOf(bytes, Math.min(HEAD, bytes.length)),
        bytes,
        null,
        null);
  }

  /**
   * Reads {@code in} to its end, refusing it with {@code DOCUMENT_TOO_LARGE} as soon as it passes
   * {@code maxBytes}, before the rest is read. Nothing is left behind by a refusal or a failure.
   */
  public static DocumentContent receive(InputStream in, long maxBytes) throws IOException {
    MessageDigest digest = sha256();
    Utf8Text text = new Utf8Text();
    byte[] memory = new byte[BUFFER];
    byte[] buffer = new byte[BUFFER];
    long size = 0;
    Path spool = null;
    OutputStream spooled = null;
    try {
      for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
        if (n == 0) {
          continue;
        }
        size += n;
        if (size > maxBytes) {
          throw new CarnetException(
              ErrorCode.DOCUMENT_TOO_LARGE, "The content exceeds " + maxBytes + " bytes");
        }
        digest.update(buffer, 0, n);
        text.feed(buffer, 0, n);
        if (spooled == null && size <= IN_MEMORY) {
          if (size > memory.length) {
            memory = Arrays.copyOf(memory, Math.min(IN_MEMORY, memory.length * 2));
          }
          System.arraycopy(buffer, 0, memory, (int) (size - n), n);
          continue;
        }
        if (spooled == null) {
          spool = Files.createTempFile("carnet-content-", ".part");
          spooled = Files.newOutputStream(spool);
          spooled.write(memory, 0, (int) (size - n));
        }
        spooled.write(buffer, 0, n);
      }
      byte[] head;
      byte[] bytes = null;
      if (spooled == null) {
        bytes = Arrays.copyOf(memory, (int) size);
        head = Arrays.copyOf(bytes, Math.min(HEAD, bytes.length));
      } else {
        spooled.close();
        head = Arrays.copyOf(memory, HEAD);
      }
      return new DocumentContent(size, hash(digest), head, bytes, spool, text.valid());
    } catch (IOException | RuntimeException e) {
      if (spooled != null) {
        spooled.close();
      }
      if (spool != null) {
        Files.deleteIfExists(spool);
      }
      throw e;
    }
  }

  public long size() {
    return size;
  }

  /** {@code sha256:} and the hex digest of the bytes. */
  public String hash() {
    return hash;
  }

  /** The first bytes (up to 4 KiB), which the format checks look at. */
  byte[] head() {
    return head;
  }

  /** Whether the whole content is UTF-8 text without NUL. */
  boolean text() {
    if (text == null) {
      text = Utf8Text.isText(bytes);
    }
    return text;
  }

  /** The bytes from the start; each call reads them anew. */
  public InputStream open() throws IOException {
    return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(spool);
  }

  /** The whole content in memory, for the callers that need it so (tests, small contents). */
  public byte[] bytes() {
    if (bytes != null) {
      return bytes;
    }
    try (InputStream in = open()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (spool != null) {
      try {
        Files.deleteIfExists(spool);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hash(MessageDigest digest) {
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }
}
