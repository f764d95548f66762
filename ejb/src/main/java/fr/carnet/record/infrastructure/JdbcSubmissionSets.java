package fr.carnet.record.infrastructure;

import fr.carnet.access.Visibility;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.record.model.SubmissionSet;
import fr.carnet.record.model.SubmissionSetQuery;
import fr.carnet.record.model.SubmissionSetRepository;
import fr.carnet.reference.model.DocumentType;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Submission sets in plain SQL on the application's data source, so in the transaction of the
 * documents they were filed with. A read joins each set's entries to their documents and applies
 * the policy's visibility to them in the same query, as a document search does.
 */
@ApplicationScoped
public class JdbcSubmissionSets implements SubmissionSetRepository {

  private static final String COLUMNS =
      "s.id, s.record_id, s.source, s.unique_id, s.source_id, s.designation_system,"
          + " s.designation_code, s.title, s.submitter_rpps, s.submitted_at, s.updated_at";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public boolean save(SubmissionSet set) {
    String sql =
        "with kept as (insert into submission_set (id, record_id, source, unique_id, source_id,"
            + " designation_system, designation_code, title, submitter_rpps, submitted_at,"
            + " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (source, unique_id) do nothing returning id),"
            + " entries as (insert into submission_set_entry (submission_set_id, position,"
            + " document_id) select kept.id, u.position, u.document_id from kept,"
            + " unnest(?::uuid[]) with ordinality as u(document_id, position))"
            + " select id from kept";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      int i = 1;
      statement.setObject(i++, set.id());
      statement.setObject(i++, set.recordId());
      statement.setString(i++, set.source());
      statement.setString(i++, set.uniqueId());
      statement.setString(i++, set.sourceId());
      statement.setString(
          i++, set.designationType() == null ? null : set.designationType().system());
      statement.setString(i++, set.designationType() == null ? null : set.designationType().code());
      statement.setString(i++, set.title());
      statement.setString(i++, set.submitterRpps());
      statement.setObject(i++, set.submittedAt().atOffset(ZoneOffset.UTC));
      statement.setObject(i++, set.updatedAt().atOffset(ZoneOffset.UTC));
      statement.setArray(i, connection.createArrayOf("uuid", set.entries().toArray()));
      try (ResultSet kept = statement.executeQuery()) {
        return kept.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot keep a submission set", e);
    }
  }

  @Override
  public Optional<SubmissionSet> filedBy(String source, String uniqueId) {
    List<SubmissionSet> found =
        query(
            "select "
                + COLUMNS
                + ", array(select e.document_id from submission_set_entry e"
                + " where e.submission_set_id = s.id order by e.position) as entries"
                + " from submission_set s where s.source = ? and s.unique_id = ?",
            List.of(source, uniqueId));
    return found.stream().findFirst();
  }

  @Override
  public Optional<UUID> recordOf(UUID setId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("select record_id from submission_set where id = ?")) {
      statement.setObject(1, setId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read a submission set", e);
    }
  }

  @Override
  public Optional<SubmissionSet> find(UUID setId, Visibility visibility) {
    List<Object> parameters = new ArrayList<>();
    parameters.add(setId);
    StringBuilder sql = visible("s.id = ?", parameters, visibility);
    sql.append(" group by s.id").append(WHOLE);
    return query(sql.toString(), parameters).stream().findFirst();
  }

  @Override
  public List<SubmissionSet> search(
      UUID recordId, SubmissionSetQuery query, Visibility visibility) {
    List<Object> parameters = new ArrayList<>();
    parameters.add(recordId);
    StringBuilder sql = visible("s.record_id = ?", parameters, visibility);
    if (query.id() != null && query.uniqueId() != null) {
      // An identifier that could be either: the set's entryUUID or the submitter's uniqueId.
      sql.append(" and (s.id = ? or s.unique_id = ?)");
      parameters.add(query.id());
      parameters.add(query.uniqueId());
    } else if (query.id() != null) {
      sql.append(" and s.id = ?");
      parameters.add(query.id());
    } else if (query.uniqueId() != null) {
      sql.append(" and s.unique_id = ?");
      parameters.add(query.uniqueId());
    }
    if (query.sourceId() != null) {
      sql.append(" and s.source_id = ?");
      parameters.add(query.sourceId());
    }
    if (query.designationCode() != null) {
      sql.append(" and s.designation_code = ?");
      parameters.add(query.designationCode());
    }
    if (query.designationSystem() != null) {
      sql.append(" and s.designation_system = ?");
      parameters.add(query.designationSystem());
    }
    bound(sql, parameters, "s.submitted_at >= ?", query.submittedFrom());
    bound(sql, parameters, "s.submitted_at < ?", query.submittedTo());
    bound(sql, parameters, "s.updated_at >= ?", query.updatedFrom());
    bound(sql, parameters, "s.updated_at < ?", query.updatedTo());
    if (query.after() != null) {
      sql.append(" and (s.submitted_at, s.id) < (?, ?)");
      parameters.add(query.after().submittedAt().atOffset(ZoneOffset.UTC));
      parameters.add(query.after().id());
    }
    sql.append(" group by s.id").append(WHOLE);
    sql.append(" order by s.submitted_at desc, s.id desc limit ?");
    parameters.add(query.limit());
    return query(sql.toString(), parameters);
  }

  /**
   * A set is shown whole or not at all: only when the caller may see every one of its documents
   * (withdrawn ones aside). Its title, designation, source and dates describe all of them, so a set
   * shown with one entry left out would still tell of the hidden one (a title "CR IVG + bilan" to a
   * dentist who may read the bilan only), and a search on those fields would answer for it. The
   * documents it holds are still found one by one, as the policy allows.
   */
  private static final String WHOLE =
      " having count(*) = (select count(*) from submission_set_entry w"
          + " join document wd on wd.id = w.document_id"
          + " where w.submission_set_id = s.id and wd.status <> 'WITHDRAWN')";

  /**
   * Sets joined to their entries' documents, only the visible ones: a withdrawn document is hidden
   * from everyone, the rest as the policy's visibility says (the same SQL as a document search).
   */
  private static StringBuilder visible(
      String condition, List<Object> parameters, Visibility visibility) {
    StringBuilder sql =
        new StringBuilder("select ")
            .append(COLUMNS)
            .append(", array_agg(e.document_id order by e.position) as entries")
            .append(" from submission_set s")
            .append(" join submission_set_entry e on e.submission_set_id = s.id")
            .append(" join document on document.id = e.document_id")
            .append(" where ")
            .append(condition)
            .append(" and document.status <> 'WITHDRAWN'");
    JpaDocumentRepository.visibility(sql, parameters, visibility);
    return sql;
  }

  private static void bound(
      StringBuilder sql, List<Object> parameters, String condition, java.time.Instant at) {
    if (at != null) {
      sql.append(" and ").append(condition);
      parameters.add(at.atOffset(ZoneOffset.UTC));
    }
  }

  private List<SubmissionSet> query(String sql, List<Object> parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      List<SubmissionSet> sets = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          sets.add(set(rows));
        }
      }
      return sets;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read submission sets", e);
    }
  }

  private static SubmissionSet set(ResultSet row) throws SQLException {
    String designationCode = row.getString("designation_code");
    Array entries = row.getArray("entries");
    List<UUID> documentIds =
        Arrays.stream((Object[]) entries.getArray()).map(UUID.class::cast).toList();
    return new SubmissionSet(
        row.getObject("id", UUID.class),
        row.getObject("record_id", UUID.class),
        row.getString("source"),
        row.getString("unique_id"),
        row.getString("source_id"),
        designationCode == null
            ? null
            : new DocumentType(row.getString("designation_system"), designationCode),
        row.getString("title"),
        row.getString("submitter_rpps"),
        row.getObject("submitted_at", OffsetDateTime.class).toInstant(),
        row.getObject("updated_at", OffsetDateTime.class).toInstant(),
        documentIds);
  }
}
