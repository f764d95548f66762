package fr.carnet.record.model;

import fr.carnet.shared.ClinicalRead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/** Where document bytes live, apart from metadata; read as a stream. */
public interface ContentStore {

  /**
   * Stores the content read from {@code content} to its end, in the caller's transaction, holding
   * no more than a chunk of it at a time.
   */
  void store(UUID documentId, InputStream content) throws IOException;

  /** Writes the content to {@code out} piece by piece, never holding all of it in memory. */
  @ClinicalRead
  void copyTo(UUID documentId, OutputStream out) throws IOException;
}
