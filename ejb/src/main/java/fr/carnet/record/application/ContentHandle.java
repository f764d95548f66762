package fr.carnet.record.application;

import fr.carnet.record.model.ContentStore;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * A content the caller was allowed to read, its access already traced: the bytes are streamed after
 * the transaction, since a committed content never changes.
 */
public final class ContentHandle {

  private final UUID documentId;
  private final String contentType;
  private final long size;
  private final String hash;
  private final ContentStore store;

  ContentHandle(UUID documentId, String contentType, long size, String hash, ContentStore store) {
    this.documentId = documentId;
    this.contentType = contentType;
    this.size = size;
    this.hash = hash;
    this.store = store;
  }

  public String contentType() {
    return contentType;
  }

  public long size() {
    return size;
  }

  public String hash() {
    return hash;
  }

  public void writeTo(OutputStream out) throws IOException {
    store.copyTo(documentId, out);
  }
}
