package fr.carnet.record.infrastructure;

import fr.carnet.audit.infrastructure.TraceAppend;
import fr.carnet.audit.model.TraceEntry;
import fr.carnet.notification.infrastructure.NotificationEnqueue;
import fr.carnet.notification.model.NotificationToQueue;
import fr.carnet.record.model.Document;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A push's writes as one statement, so one round trip: the document's row, its first chunk of
 * content, its trace (appended by {@code append_trace}, the only way the application's user can
 * write one) and the patient's notification. The row is inserted unless the source used its unique
 * id already; then nothing at all is written, for the caller to answer the replay.
 *
 * <p>A data-modifying {@code WITH} runs its inserts once whatever the rest reads; the trace and the
 * notification are called once per row the insert returned, so only for a document filed now. Every
 * part commits or rolls back with the caller's transaction, and a failure of any part fails the
 * whole statement: nothing is half stored.
 */
final class DocumentFiling {

  private static final String INSERT =
      "insert into document (id, record_id, source, unique_id, fingerprint, type_system,"
          + " type_code, class_code, title, authored_at, submitted_at, author_role, author_rpps,"
          + " author_profession, author_specialty, author_finess, content_type, size_bytes, hash,"
          + " reference_url, reference_study_uid, status, version, replaces_id,"
          + " withheld_from_patient, hidden_from_representatives)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (source, unique_id) do nothing returning id";

  private DocumentFiling() {}

  /**
   * Files the document with its first chunk of content (null for an external reference or a content
   * in object storage), or the key of its object, its trace and, if not null, the notification;
   * false if the source's unique id was taken.
   *
   * <p>An object's key is taken off the pending ones as the document is filed. If it is no longer
   * pending (the sweep removed an object it judged abandoned), the push fails rather than list a
   * document without its content.
   */
  static boolean file(
      Connection connection,
      Document document,
      byte[] firstChunk,
      UUID objectKey,
      TraceEntry trace,
      NotificationToQueue notification)
      throws SQLException {
    boolean content = firstChunk != null && firstChunk.length > 0;
    String sql =
        "with filed as ("
            + INSERT
            + ")"
            + (content
                ? ", content as (insert into document_content (document_id, seq, bytes)"
                    + " select id, 0, ? from filed)"
                : "")
            + (objectKey != null
                ? ", claimed as (delete from content_object_pending where object_key = ?"
                    + " and exists (select 1 from filed) returning object_key),"
                    + " object as (insert into document_object (document_id, object_key)"
                    + " select f.id, c.object_key from filed f, claimed c)"
                : "")
            + " select "
            + TraceAppend.CALL
            + (notification == null ? "" : ", " + NotificationEnqueue.CALL)
            + (objectKey != null ? ", (select count(*) from claimed) as claimed" : "")
            + " from filed";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int i = bindDocument(statement, document);
      if (content) {
        statement.setBytes(i++, firstChunk);
      }
      if (objectKey != null) {
        statement.setObject(i++, objectKey);
      }
      i = TraceAppend.bind(statement, i, trace);
      if (notification != null) {
        NotificationEnqueue.bind(statement, i, notification);
      }
      try (ResultSet filed = statement.executeQuery()) {
        if (!filed.next()) {
          return false;
        }
        if (objectKey != null && filed.getLong("claimed") != 1) {
          throw new CarnetException(ErrorCode.CONTENT_STORE_UNAVAILABLE);
        }
        return true;
      }
    }
  }

  private static int bindDocument(PreparedStatement statement, Document d) throws SQLException {
    int i = 1;
    statement.setObject(i++, d.id());
    statement.setObject(i++, d.recordId());
    statement.setString(i++, d.source());
    statement.setString(i++, d.uniqueId());
    statement.setString(i++, d.fingerprint());
    statement.setString(i++, d.type().system());
    statement.setString(i++, d.type().code());
    statement.setString(i++, d.classCode());
    statement.setString(i++, d.title());
    statement.setObject(i++, d.authoredAt().atOffset(ZoneOffset.UTC));
    statement.setObject(i++, d.submittedAt().atOffset(ZoneOffset.UTC));
    statement.setString(i++, d.author().kind().name());
    statement.setString(i++, d.author().rpps());
    statement.setString(i++, d.author().profession());
    statement.setString(i++, d.author().specialty());
    statement.setString(i++, d.author().finess());
    statement.setString(i++, d.contentType());
    statement.setObject(i++, d.size());
    statement.setString(i++, d.hash());
    statement.setString(i++, d.reference() == null ? null : d.reference().url());
    statement.setString(i++, d.reference() == null ? null : d.reference().studyUid());
    statement.setString(i++, d.status().name());
    statement.setInt(i++, d.version());
    statement.setObject(i++, d.replacesId());
    statement.setBoolean(i++, d.withheldFromPatient());
    statement.setBoolean(i++, d.hiddenFromRepresentatives());
    return i;
  }
}
