package fr.carnet.record.model;

import fr.carnet.shared.ClinicalRead;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Where document bytes live, apart from metadata; read as a stream. They are written with the
 * document itself ({@link DocumentRepository#file}), in the same statement.
 */
public interface ContentStore {

  /**
   * Writes the content to {@code out} piece by piece, never holding all of it in memory; done once
   * its {@code size} bytes are written (no query to learn that nothing follows).
   */
  @ClinicalRead
  void copyTo(UUID documentId, long size, OutputStream out) throws IOException;
}
