package fr.carnet.record.infrastructure;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * The bucket of an S3-compatible object store, as the content store needs it: objects put once
 * under a fresh key, read as a stream, deleted by the sweep. Apart from the store so that the SDK
 * is met in one class ({@link S3Bucket}).
 */
interface ObjectBucket {

  /** Puts {@code file} under {@code key}; done when the store acknowledged it durably. */
  void put(String key, Path file);

  /** The object's bytes, read as they come. */
  InputStream get(String key);

  /** Deletes the object; nothing happens if there is none. */
  void delete(String key);

  /** The store could not be reached or refused the request: try again later. */
  final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
