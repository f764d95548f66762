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
  private final Long size;
  private final String hash;
  private final ContentStore store;
  private final String referenceUrl;

  ContentHandle(
      UUID documentId,
      String contentType,
      Long size,
      String hash,
      String referenceUrl,
      ContentStore store) {
    this.documentId = documentId;
    this.contentType = contentType;
    this.size = size;
    this.hash = hash;
    this.referenceUrl = referenceUrl;
    this.store = store;
  }

  /** For an external reference, where the data is held; null for a stored content. */
  public String referenceUrl() {
    return referenceUrl;
  }

  public String contentType() {
    return contentType;
  }

  public Long size() {
    return size;
  }

  public String hash() {
    return hash;
  }

  public void writeTo(OutputStream out) throws IOException {
    store.copyTo(documentId, size == null ? Long.MAX_VALUE : size, out);
  }
}
