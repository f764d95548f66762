package fr.carnet.record.model;

import fr.carnet.shared.ClinicalRead;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/** Where document bytes live, apart from metadata; read as a stream. */
public interface ContentStore {

  /** Stores the content, in the caller's transaction. */
  void store(UUID documentId, byte[] content);

  /** Writes the content to {@code out} piece by piece, never holding all of it in memory. */
  @ClinicalRead
  void copyTo(UUID documentId, OutputStream out) throws IOException;
}
