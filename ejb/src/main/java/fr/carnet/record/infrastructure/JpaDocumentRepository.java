package fr.carnet.record.infrastructure;

import fr.carnet.access.Visibility;
import fr.carnet.audit.infrastructure.TraceAppend;
import fr.carnet.audit.model.TraceEntry;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.notification.model.NotificationToQueue;
import fr.carnet.record.model.Author;
import fr.carnet.record.model.Document;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.DocumentQuery;
import fr.carnet.record.model.DocumentRepository;
import fr.carnet.record.model.DocumentStatus;
import fr.carnet.record.model.ExternalReference;
import fr.carnet.reference.model.DocumentType;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class JpaDocumentRepository implements DocumentRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Inject private ConfiguredContentStore contents;

  @Override
  public Optional<Document> find(UUID recordId, UUID documentId) {
    return Optional.ofNullable(entityManager.find(Document.class, documentId))
        .filter(document -> document.recordId().equals(recordId));
  }

  @Override
  public Optional<Document> findBySource(String source, String uniqueId) {
    return entityManager
        .createQuery(
            "select d from Document d where d.source = :source and d.uniqueId = :uniqueId",
            Document.class)
        .setParameter("source", source)
        .setParameter("uniqueId", uniqueId)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<DocumentListing> listing(UUID recordId, UUID documentId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select " + LISTING + " from document where id = ? and record_id = ?")) {
      query.setObject(1, documentId);
      query.setObject(2, recordId);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(listing(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read a document", e);
    }
  }

  /** One SQL query on the (record, authored_at, id) index, keyset-paged, read into listings. */
  @Override
  public List<DocumentListing> search(UUID recordId, DocumentQuery query, Visibility visibility) {
    return search(recordId, query, visibility, null);
  }

  /**
   * The page's query as a {@code WITH}, and the trace appended by the same statement with the ids
   * found (one round trip): the trace is called once, from a one-row part the page is joined to, so
   * that an empty page is traced too (and read as one row of nulls).
   */
  @Override
  public List<DocumentListing> search(
      UUID recordId, DocumentQuery query, Visibility visibility, TraceEntry traceOfFound) {
    // A withdrawn document is hidden from everyone, whatever the filters.
    StringBuilder sql =
        new StringBuilder(
            "select " + LISTING + " from document where record_id = ? and status <> 'WITHDRAWN'");
    List<Object> parameters = new ArrayList<>();
    parameters.add(recordId);
    appendVisibility(sql, parameters, visibility);
    if (query.status() != null) {
      sql.append(" and status = ?");
      parameters.add(query.status().name());
    }
    if (query.classCode() != null) {
      sql.append(" and class_code = ?");
      parameters.add(query.classCode());
    }
    if (query.type() != null) {
      sql.append(" and type_system = ? and type_code = ?");
      parameters.add(query.type().system());
      parameters.add(query.type().code());
    }
    if (query.from() != null) {
      sql.append(" and authored_at >= ?");
      parameters.add(query.from().atOffset(ZoneOffset.UTC));
    }
    if (query.to() != null) {
      sql.append(" and authored_at < ?");
      parameters.add(query.to().atOffset(ZoneOffset.UTC));
    }
    if (query.authorRpps() != null) {
      sql.append(" and author_rpps = ?");
      parameters.add(query.authorRpps());
    }
    if (query.updatedFrom() != null) {
      sql.append(" and coalesce(updated_at, submitted_at) >= ?");
      parameters.add(query.updatedFrom().atOffset(ZoneOffset.UTC));
    }
    if (query.updatedTo() != null) {
      sql.append(" and coalesce(updated_at, submitted_at) < ?");
      parameters.add(query.updatedTo().atOffset(ZoneOffset.UTC));
    }
    if (query.unseenBy() != null) {
      // The trail is the source of truth: seen is a permitting trace of reading its metadata,
      // fetching its content, or filing it (trace_seen_by, V26).
      sql.append(
          " and not exists (select 1 from trace t where t.document_id = document.id"
              + " and t.actor_rpps = ? and t.outcome = 'PERMIT' and t.action in"
              + " ('DOCUMENT_READ', 'CONTENT_READ', 'DOCUMENT_PUBLISH', 'DOCUMENT_VERSION'))");
      parameters.add(query.unseenBy());
    }
    if (query.after() != null) {
      sql.append(" and (authored_at, id) < (?, ?)");
      parameters.add(query.after().authoredAt().atOffset(ZoneOffset.UTC));
      parameters.add(query.after().id());
    }
    sql.append(" order by authored_at desc, id desc limit ?");
    parameters.add(query.limit());
    if (traceOfFound != null) {
      sql.insert(0, "with found as (")
          .append("), traced as materialized (select ")
          .append(
              TraceAppend.call(
                  "coalesce((select string_agg(id::text, ',' order by authored_at desc, id desc)"
                      + " from found), '')"))
          .append(") select found.* from traced left join found on true")
          .append(" order by found.authored_at desc, found.id desc");
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      if (traceOfFound != null) {
        TraceAppend.bindAllButDetail(statement, parameters.size() + 1, traceOfFound);
      }
      List<DocumentListing> listings = new ArrayList<>(query.limit());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          if (rows.getObject("id") != null) {
            listings.add(listing(rows));
          }
        }
      }
      return listings;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot search documents", e);
    }
  }

  static final String LISTING =
      "id, record_id, unique_id, class_code, type_system, type_code, title, authored_at,"
          + " submitted_at, author_role, author_rpps, author_profession, author_specialty,"
          + " author_finess, content_type, size_bytes, hash, reference_url, reference_study_uid,"
          + " status, version, withheld_from_patient, hidden_from_representatives, masked_at,"
          + " updated_at";

  private static DocumentListing listing(ResultSet row) throws SQLException {
    Author author =
        Author.Kind.valueOf(row.getString("author_role")) == Author.Kind.PATIENT
            ? Author.patient()
            : Author.professional(
                row.getString("author_rpps"),
                row.getString("author_profession"),
                row.getString("author_specialty"),
                row.getString("author_finess"));
    String referenceUrl = row.getString("reference_url");
    return new DocumentListing(
        row.getObject("id", UUID.class),
        row.getObject("record_id", UUID.class),
        row.getString("unique_id"),
        row.getString("class_code"),
        new DocumentType(row.getString("type_system"), row.getString("type_code")),
        row.getString("title"),
        row.getObject("authored_at", OffsetDateTime.class).toInstant(),
        row.getObject("submitted_at", OffsetDateTime.class).toInstant(),
        author,
        row.getString("content_type"),
        row.getObject("size_bytes", Long.class),
        row.getString("hash"),
        referenceUrl == null
            ? null
            : new ExternalReference(referenceUrl, row.getString("reference_study_uid")),
        DocumentStatus.valueOf(row.getString("status")),
        row.getInt("version"),
        row.getBoolean("withheld_from_patient"),
        row.getBoolean("hidden_from_representatives"),
        row.getObject("masked_at") != null,
        row.getObject("updated_at") == null
            ? null
            : row.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  @Override
  public Optional<DocumentListing> listing(UUID documentId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("select " + LISTING + " from document where id = ?")) {
      query.setObject(1, documentId);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.of(listing(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read a document", e);
    }
  }

  /** A listing read by another repository's query of the same columns ({@link #LISTING}). */
  static DocumentListing listingOf(ResultSet row) throws SQLException {
    return listing(row);
  }

  /** The policy's visibility as SQL over {@code document}'s columns, for another repository. */
  static void visibility(StringBuilder sql, List<Object> parameters, Visibility visibility) {
    appendVisibility(sql, parameters, visibility);
  }

  /**
   * The policy's visibility as SQL: the author's own documents, or readable and unmasked (neither
   * the document nor its class).
   */
  private static void appendVisibility(
      StringBuilder sql, List<Object> parameters, Visibility visibility) {
    List<String> restrictions = new ArrayList<>();
    if (visibility.readableClasses() != null) {
      if (visibility.readableClasses().isEmpty()) {
        restrictions.add("false");
      } else {
        restrictions.add(
            "class_code in ("
                + String.join(",", visibility.readableClasses().stream().map(c -> "?").toList())
                + ")");
      }
    }
    List<Object> restrictionParameters =
        new ArrayList<>(
            visibility.readableClasses() == null ? List.of() : visibility.readableClasses());
    if (visibility.honourMasks()) {
      restrictions.add("masked_at is null");
      // A masked class hides every document of it, those filed after the mask too.
      if (!visibility.maskedClasses().isEmpty()) {
        restrictions.add(
            "class_code not in ("
                + String.join(",", visibility.maskedClasses().stream().map(c -> "?").toList())
                + ")");
        restrictionParameters.addAll(new java.util.TreeSet<>(visibility.maskedClasses()));
      }
    }
    if (!restrictions.isEmpty()) {
      String restricted = String.join(" and ", restrictions);
      if (visibility.authorRpps() != null) {
        sql.append(" and (author_rpps = ? or (").append(restricted).append("))");
        parameters.add(visibility.authorRpps());
      } else {
        sql.append(" and ").append(restricted);
      }
      parameters.addAll(restrictionParameters);
    }
    if (visibility.hideWithheld()) {
      sql.append(" and not withheld_from_patient");
    }
    if (visibility.hideFromRepresentatives()) {
      sql.append(" and not hidden_from_representatives");
    }
  }

  @Override
  public List<Document> masked(UUID recordId) {
    return entityManager
        .createQuery(
            "select d from Document d where d.recordId = :record and d.maskedAt is not null"
                + " order by d.maskedAt desc",
            Document.class)
        .setParameter("record", recordId)
        .getResultList();
  }

  @Override
  public boolean file(
      Document document, InputStream content, TraceEntry trace, NotificationToQueue notification)
      throws IOException {
    ObjectContentStore objects = content == null ? null : contents.objects();
    if (objects != null) {
      // The object first, outside any connection: the statement then records its key.
      UUID objectKey = objects.putAside(document.recordId(), content);
      try (Connection connection = dataSource.getConnection()) {
        return DocumentFiling.file(connection, document, null, objectKey, trace, notification);
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot file a document", e);
      }
    }
    try (Connection connection = dataSource.getConnection()) {
      byte[] first = content == null ? null : content.readNBytes(JdbcContentStore.CHUNK);
      if (!DocumentFiling.file(connection, document, first, null, trace, notification)) {
        return false;
      }
      if (first != null && first.length == JdbcContentStore.CHUNK) {
        // A content of more than one chunk: the rest follows, a chunk at a time.
        JdbcContentStore.insertChunks(connection, document.id(), 1, content);
      }
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot file a document", e);
    }
  }
}
