package fr.carnet.audit.infrastructure;

import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceQuery;
import fr.carnet.audit.model.TraceRepository;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Traces read with plain SQL, newest first, keyset-paged on the trace id. */
@ApplicationScoped
public class JdbcTraceRepository implements TraceRepository {

  private static final String COLUMNS =
      "select t.id, t.at, t.actor_role, t.actor_id, t.actor_rpps, t.actor_profession,"
          + " p.label_fr, t.actor_finess, t.record_id, t.document_id, t.action, t.access_mode,"
          + " t.outcome, t.reason, t.detail, t.request_id";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public List<Trace> search(TraceQuery query) {
    StringBuilder sql =
        new StringBuilder(
            COLUMNS
                + " from trace t left join profession p on p.code = t.actor_profession"
                + " where true");
    List<Object> parameters = new ArrayList<>();
    if (query.record() != null) {
      sql.append(" and t.record_id = ?");
      parameters.add(query.record());
    }
    if (query.actor() != null) {
      sql.append(" and (t.actor_rpps = ? or t.actor_id = ?)");
      parameters.add(query.actor());
      parameters.add(query.actor());
    }
    if (query.from() != null) {
      sql.append(" and t.at >= ?");
      parameters.add(query.from().atOffset(ZoneOffset.UTC));
    }
    if (query.to() != null) {
      sql.append(" and t.at < ?");
      parameters.add(query.to().atOffset(ZoneOffset.UTC));
    }
    if (query.mode() != null) {
      sql.append(" and t.access_mode = ?");
      parameters.add(query.mode());
    }
    if (query.outcome() != null) {
      sql.append(" and t.outcome = ?");
      parameters.add(query.outcome());
    }
    if (query.action() != null) {
      sql.append(" and t.action = ?");
      parameters.add(query.action());
    }
    if (query.before() != null) {
      sql.append(" and t.id < ?");
      parameters.add(query.before());
    }
    sql.append(" order by t.id desc limit ?");
    parameters.add(query.limit());
    return read(sql.toString(), parameters, false);
  }

  @Override
  public List<Trace> history(UUID recordId, boolean forRepresentative, Long before, int limit) {
    StringBuilder sql =
        new StringBuilder(
            COLUMNS
                + ", d.withheld_from_patient, d.hidden_from_representatives"
                + " from trace t left join profession p on p.code = t.actor_profession"
                + " left join document d on d.id = t.document_id"
                + " where t.record_id = ?");
    List<Object> parameters = new ArrayList<>(List.of(recordId));
    if (forRepresentative) {
      // A minor's secret stays one: not even the trace of its reading is shown to the parents.
      sql.append(" and (d.id is null or not d.hidden_from_representatives)");
    }
    if (before != null) {
      sql.append(" and t.id < ?");
      parameters.add(before);
    }
    sql.append(" order by t.id desc limit ?");
    parameters.add(limit);
    return read(sql.toString(), parameters, true);
  }

  private List<Trace> read(String sql, List<Object> parameters, boolean forPatient) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      List<Trace> traces = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          traces.add(trace(row, forPatient));
        }
      }
      return traces;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read traces", e);
    }
  }

  private static Trace trace(ResultSet row, boolean forPatient) throws SQLException {
    UUID documentId = row.getObject("document_id", UUID.class);
    String action = row.getString("action");
    String detail = row.getString("detail");
    if (forPatient) {
      // A document still withheld from the patient is not named; the detail of a search lists
      // documents, and only an emergency access's stated reason is for the patient to read.
      if (row.getBoolean("withheld_from_patient")) {
        documentId = null;
      }
      detail = "GRANT_CREATE".equals(action) ? detail : null;
    }
    return new Trace(
        row.getLong("id"),
        row.getObject("at", OffsetDateTime.class).toInstant(),
        row.getString("actor_role"),
        row.getString("actor_id"),
        row.getString("actor_rpps"),
        row.getString("actor_profession"),
        row.getString("label_fr"),
        row.getString("actor_finess"),
        row.getObject("record_id", UUID.class),
        documentId,
        action,
        row.getString("access_mode"),
        row.getString("outcome"),
        row.getString("reason"),
        detail,
        row.getString("request_id"));
  }
}
