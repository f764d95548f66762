package fr.carnet.record.infrastructure;

import fr.carnet.infrastructure.persistence.CarnetDataSource;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What the database knows of the objects in the bucket: the records' wrapped data keys and the
 * objects put but not yet carried by a committed document ({@code content_object_pending}).
 *
 * <p>An object's key is registered as pending in a transaction of its own, committed before the
 * object is put: a crash at any point after leaves a row for the sweep, never an object nobody
 * knows of. The push's own statement deletes the row as it files the document; while its
 * transaction runs, that row is locked, and the sweep, which claims rows with {@code SKIP LOCKED},
 * passes it by. An EJB, as the other jobs' services: the sweep runs on the scheduler's threads.
 */
@Stateless
public class ContentObjects {

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  /** A fresh object key, registered as pending, and the record's wrapped data key. */
  public record Reserved(UUID objectKey, byte[] wrappedKey) {}

  /**
   * Registers a fresh random object key (nothing of the patient in it) and gives the record's
   * wrapped data key, made now with {@code newWrappedKey} if the record has none yet; committed
   * before the object is put.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Reserved reserve(UUID recordId, Supplier<byte[]> newWrappedKey) {
    UUID objectKey = UUID.randomUUID();
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement create =
          connection.prepareStatement(
              "with pending as (insert into content_object_pending (object_key, record_id,"
                  + " created_at) values (?, ?, now()))"
                  + " insert into record_content_key (record_id, wrapped_key, created_at)"
                  + " values (?, ?, now()) on conflict (record_id) do nothing")) {
        create.setObject(1, objectKey);
        create.setObject(2, recordId);
        create.setObject(3, recordId);
        create.setBytes(4, newWrappedKey.get());
        create.executeUpdate();
      }
      // A statement of its own, to see the key another push may have just committed.
      try (PreparedStatement read =
          connection.prepareStatement(
              "select wrapped_key from record_content_key where record_id = ?")) {
        read.setObject(1, recordId);
        try (ResultSet key = read.executeQuery()) {
          key.next();
          return new Reserved(objectKey, key.getBytes(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reserve a content object", e);
    }
  }

  /**
   * Claims up to {@code limit} pending objects older than {@code grace} that no running push holds,
   * has {@code delete} remove each from the bucket, and forgets them: one transaction, so that a
   * failure of the bucket leaves the rows for the next run.
   */
  public int sweep(Duration grace, int limit, java.util.function.Consumer<UUID> delete) {
    try (Connection connection = dataSource.getConnection()) {
      List<UUID> claimed = new ArrayList<>();
      try (PreparedStatement claim =
          connection.prepareStatement(
              "select object_key from content_object_pending"
                  + " where created_at < now() - make_interval(secs => ?)"
                  + " order by created_at limit ? for update skip locked")) {
        claim.setDouble(1, grace.toMillis() / 1000.0);
        claim.setInt(2, limit);
        try (ResultSet rows = claim.executeQuery()) {
          while (rows.next()) {
            claimed.add(rows.getObject(1, UUID.class));
          }
        }
      }
      claimed.forEach(delete);
      if (!claimed.isEmpty()) {
        try (PreparedStatement forget =
            connection.prepareStatement(
                "delete from content_object_pending where object_key = any(?)")) {
          Array keys = connection.createArrayOf("uuid", claimed.toArray());
          forget.setArray(1, keys);
          forget.executeUpdate();
        }
      }
      return claimed.size();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot sweep content objects", e);
    }
  }

  /** Where a document's content is: its object and the record's wrapped key, if it has one. */
  public record Located(UUID recordId, UUID objectKey, byte[] wrappedKey) {}

  /**
   * The object of a document, null for a content kept in the database; its wrapped key is null once
   * the record was purged.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Located locate(UUID documentId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select d.record_id, o.object_key, k.wrapped_key from document_object o"
                    + " join document d on d.id = o.document_id"
                    + " left join record_content_key k on k.record_id = d.record_id"
                    + " where o.document_id = ?")) {
      query.setObject(1, documentId);
      try (ResultSet row = query.executeQuery()) {
        return row.next()
            ? new Located(
                row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getBytes(3))
            : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot locate a content object", e);
    }
  }
}
