package fr.carnet.record.infrastructure;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Contents in an S3-compatible object store, encrypted with their record's data key ({@link
 * ContentCipher}). A push puts its object before the document's statement, under a fresh random key
 * registered as pending ({@link ContentObjects#reserve}); the statement records the key with the
 * document. So a 201 means the object is stored, no document is listed without its object, and a
 * crash in between leaves a pending key, whose object the sweep removes.
 */
@ApplicationScoped
@Typed(ObjectContentStore.class)
public class ObjectContentStore {

  private static final Logger LOG = Logger.getLogger(ObjectContentStore.class.getName());

  @EJB private ContentObjects objects;
  @Inject private JdbcContentStore database;

  @Inject
  @ConfigProperty(name = "carnet.content.master-key")
  Optional<String> masterKey;

  private ContentCipher cipher;
  private ObjectBucket bucket;

  @PostConstruct
  void configure() {
    cipher =
        new ContentCipher(
            Base64.getDecoder()
                .decode(
                    masterKey.orElseThrow(
                        () ->
                            new IllegalStateException(
                                "carnet.content.store=s3 needs carnet.content.master-key"))));
    bucket = new S3Bucket(ConfigProvider.getConfig());
  }

  /**
   * Nothing but making the store now, on the application's start (its master key checked, the
   * client built): its references resolve only on the application's threads, not the scheduler's.
   */
  void prepare() {
    LOG.fine(() -> "Object store ready: " + bucket.getClass().getSimpleName());
  }

  @PreDestroy
  void close() {
    if (bucket instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.FINE, "Closing the S3 client", e);
      }
    }
  }

  /**
   * Encrypts the content and puts it in the bucket under a fresh key, which it returns for the
   * document's statement; a store that does not take it fails the push with a 503, nothing filed.
   */
  UUID putAside(UUID recordId, InputStream content) throws IOException {
    ContentObjects.Reserved reserved =
        objects.reserve(recordId, () -> cipher.newWrappedKey(recordId));
    SecretKey key = cipher.unwrap(recordId, reserved.wrappedKey());
    // Sealed in a temporary file, so that the SDK knows the length and can retry: only
    // ciphertext ever reaches the disk.
    Path sealed = Files.createTempFile("carnet-object-", ".bin");
    try {
      try (OutputStream out = Files.newOutputStream(sealed)) {
        ContentCipher.encrypt(key, reserved.objectKey(), content, out);
      }
      bucket.put(reserved.objectKey().toString(), sealed);
    } catch (ObjectBucket.Unavailable e) {
      LOG.log(Level.WARNING, "Content store unavailable: a push is refused with a 503", e);
      throw new CarnetException(ErrorCode.CONTENT_STORE_UNAVAILABLE);
    } finally {
      Files.deleteIfExists(sealed);
    }
    return reserved.objectKey();
  }

  /** A document's content: from its object, or from the database if it was filed there. */
  void copyTo(UUID documentId, long size, OutputStream out) throws IOException {
    ContentObjects.Located located = objects.locate(documentId);
    if (located == null) {
      database.copyTo(documentId, size, out);
      return;
    }
    if (located.wrappedKey() == null) {
      throw new IOException("The record's content key was destroyed (purged record)");
    }
    SecretKey key = cipher.unwrap(located.recordId(), located.wrappedKey());
    try (InputStream in = bucket.get(located.objectKey().toString())) {
      ContentCipher.decrypt(key, located.objectKey(), in, out);
    } catch (ObjectBucket.Unavailable e) {
      throw new IOException("The content store is unavailable", e);
    }
  }

  /** Removes orphan objects: see {@link ContentObjects#sweep}. */
  int sweep(java.time.Duration grace, int limit) {
    return objects.sweep(grace, limit, key -> bucket.delete(key.toString()));
  }
}
