package fr.carnet.portability.application;

import fr.carnet.access.Visibility;
import fr.carnet.audit.application.HistoryExport;
import fr.carnet.portability.model.ExportLocks;
import fr.carnet.record.model.ContentStore;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.DocumentQuery;
import fr.carnet.record.model.DocumentRepository;
import fr.carnet.record.model.ProfileEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A portability export the caller was allowed, its one trace written: the record's small parts
 * (state, profile, consents) read with the decision, the large ones read piece by piece as the
 * archive is written — documents a page of metadata at a time, each content a chunk at a time, the
 * history a batch at a time — so that a record of thousands of documents never sits in memory.
 * Documents are read under the {@link Visibility} the policy gave, so that what a read refuses
 * (withheld, a minor's secret, withdrawn) is not there. Holds the record's export lock until
 * closed.
 */
public final class RecordExport implements AutoCloseable {

  /** Documents' metadata read per query. */
  static final int PAGE = 200;

  private final UUID recordId;
  private final Instant exportedAt;
  private final String exportedBy;
  private final RecordFacts record;
  private final List<ProfileEntry> profile;
  private final Map<String, List<?>> consents;
  private final Visibility visibility;
  private final DocumentRepository documents;
  private final ContentStore contents;
  private final HistoryExport history;
  private final ExportSigner signer;
  private final ExportLocks.Held lock;
  // The documents listed so far: only their contents are handed out.
  private final Set<UUID> listed = ConcurrentHashMap.newKeySet();

  /** The record's state and dates. */
  public record RecordFacts(
      UUID id,
      String state,
      Instant createdAt,
      Instant openedAt,
      Instant oppositionDeadline,
      Instant opposedAt,
      Instant closedAt,
      String closureReason,
      Instant purgeAfter) {}

  /** What is done with each document, in order: written out, usually. */
  @FunctionalInterface
  public interface DocumentWriter {
    void write(DocumentListing document) throws IOException;
  }

  RecordExport(
      UUID recordId,
      Instant exportedAt,
      String exportedBy,
      RecordFacts record,
      List<ProfileEntry> profile,
      Map<String, List<?>> consents,
      Visibility visibility,
      DocumentRepository documents,
      ContentStore contents,
      HistoryExport history,
      ExportSigner signer,
      ExportLocks.Held lock) {
    this.recordId = recordId;
    this.exportedAt = exportedAt;
    this.exportedBy = exportedBy;
    this.record = record;
    this.profile = profile;
    this.consents = consents;
    this.visibility = visibility;
    this.documents = documents;
    this.contents = contents;
    this.history = history;
    this.signer = signer;
    this.lock = lock;
  }

  public UUID recordId() {
    return recordId;
  }

  public Instant exportedAt() {
    return exportedAt;
  }

  /** {@code PATIENT} or {@code REPRESENTATIVE}: whose view of the record this is. */
  public String exportedBy() {
    return exportedBy;
  }

  public RecordFacts record() {
    return record;
  }

  /** The profile entries the caller is shown, each with its provenance. */
  public List<ProfileEntry> profile() {
    return profile;
  }

  /**
   * The patient's controls, by kind ({@code masks}, {@code blocks}, {@code agreements}, {@code
   * representatives}, {@code research}, {@code settings}): a new kind of control is one more entry.
   */
  public Map<String, List<?>> consents() {
    return consents;
  }

  /** The history, as the history endpoint shows it to this caller, read batch by batch. */
  public HistoryExport history() {
    return history;
  }

  /** Every document the caller may see, newest first, a page of metadata per query. */
  public void forEachDocument(DocumentWriter writer) throws IOException {
    DocumentQuery.Position after = null;
    while (true) {
      List<DocumentListing> page =
          documents.search(
              recordId,
              new DocumentQuery(null, null, null, null, null, null, after, PAGE),
              visibility);
      for (DocumentListing document : page) {
        listed.add(document.id());
        writer.write(document);
      }
      if (page.size() < PAGE) {
        return;
      }
      DocumentListing last = page.get(page.size() - 1);
      after = new DocumentQuery.Position(last.authoredAt(), last.id());
    }
  }

  /**
   * A listed document's content, a chunk at a time; nothing for an external reference. Only
   * documents this export listed are asked for.
   */
  public void copyContent(DocumentListing document, OutputStream out) throws IOException {
    if (!listed.contains(document.id()) || document.size() == null) {
      return;
    }
    contents.copyTo(document.id(), document.size(), out);
  }

  /** The manifest's detached JWS (RFC 7515 appendix F), with the service's key. */
  public String sign(byte[] manifest) {
    return signer.sign(manifest);
  }

  /** Lets the next export of the record start. */
  @Override
  public void close() {
    lock.close();
  }
}
