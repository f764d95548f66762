package fr.carnet.audit.infrastructure;

import fr.carnet.audit.model.Anomalies;
import fr.carnet.audit.model.HistoryRule;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Traces read with plain SQL, newest first, keyset-paged on the trace id. */
@ApplicationScoped
public class JdbcTraceRepository implements TraceRepository {

  /** An actor named by 11 digits is a professional's RPPS; anything else is an account id. */
  private static final Pattern RPPS = Pattern.compile("\\d{11}");

  private static final String COLUMNS =
      "select t.id, t.at, t.actor_role, t.actor_id, t.actor_rpps, t.actor_profession,"
          // A connected app's name from the catalogue (issue 21), where a profession's label goes.
          + " coalesce(p.label_fr, (select ca.name from catalogue_app ca where t.actor_role = 'APP'"
          + "   and ca.client_id = t.actor_id)) as label_fr, t.actor_finess, t.record_id, t.document_id, t.action, t.access_mode,"
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
      // One column, so that its index yields the newest first and stops at the page's end (an OR
      // of two columns would gather and sort all of an actor's traces in the period).
      sql.append(
          RPPS.matcher(query.actor()).matches() ? " and t.actor_rpps = ?" : " and t.actor_id = ?");
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
    return read(sql.toString(), parameters);
  }

  @Override
  public List<HistoryRow> history(UUID recordId, Long before, int limit) {
    // One subject per trace in document_id: a document, or for the profile's actions an entry.
    StringBuilder sql =
        new StringBuilder(
            // The professionals who touched a minor's secret: every entry of theirs is part of it
            // (the lookup, the agreement, the list before the document), since naming them, a
            // family-planning doctor say, tells the secret to whoever reads the history for the
            // minor. Found from the secret documents and entries (trace_seen_by).
            "with secret_rpps as (select s.actor_rpps from document sd"
                + " join trace s on s.document_id = sd.id and s.actor_rpps is not null"
                + " where sd.record_id = ? and sd.hidden_from_representatives"
                + " union select s.actor_rpps from profile_entry se"
                + " join trace s on s.document_id = se.id and s.actor_rpps is not null"
                + " where se.record_id = ? and se.hidden_from_representatives) "
                + COLUMNS
                + ", coalesce(d.id, e.id) is not null as filed,"
                + " coalesce(d.withheld_from_patient, false) as subject_withheld,"
                // A new version's trace names it; a secret of the version it replaced counts too.
                + " coalesce(d.hidden_from_representatives, e.hidden_from_representatives, false)"
                + " or coalesce(r.hidden_from_representatives, false) as subject_hidden,"
                + " t.actor_rpps in (select actor_rpps from secret_rpps) as actor_in_secret"
                + " from trace t left join profession p on p.code = t.actor_profession"
                + " left join document d on d.id = t.document_id and t.action not like 'PROFILE%'"
                + " left join document r on r.id = d.replaces_id and t.action = 'DOCUMENT_VERSION'"
                + " left join profile_entry e on e.id = t.document_id and t.action like 'PROFILE%'"
                + " where t.record_id = ?");
    List<Object> parameters = new ArrayList<>(List.of(recordId, recordId, recordId));
    if (before != null) {
      sql.append(" and t.id < ?");
      parameters.add(before);
    }
    sql.append(" order by t.id desc limit ?");
    parameters.add(limit);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      List<HistoryRow> rows = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          Trace trace = trace(row);
          rows.add(
              new HistoryRow(
                  trace,
                  HistoryRule.subjectOf(
                          trace.action(),
                          trace.documentId(),
                          row.getBoolean("filed"),
                          row.getBoolean("subject_withheld"),
                          row.getBoolean("subject_hidden"),
                          trace.detail())
                      .orHiddenFromRepresentatives(row.getBoolean("actor_in_secret"))));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read traces", e);
    }
  }

  /** Reads of clinical data by professionals: what the heavy-reader and night reports count. */
  private static final String PROFESSIONAL_READS =
      "t.actor_role = 'PROFESSIONAL' and t.outcome = 'PERMIT'"
          + " and t.action in ('DOCUMENT_SEARCH', 'DOCUMENT_READ', 'CONTENT_READ', 'PROFILE_READ',"
          + " 'SUMMARY_READ')";

  private static final String FROM_TRACES =
      " from trace t left join profession p on p.code = t.actor_profession";

  @Override
  public List<Trace> emergencyAccesses(Instant from, Instant to, int limit) {
    return read(
        COLUMNS
            + FROM_TRACES
            + " where t.at >= ? and t.at < ? and t.access_mode in ('BREAK_GLASS', 'REGULATION')"
            + " and t.outcome = 'PERMIT' order by t.id desc limit ?",
        List.<Object>of(utc(from), utc(to), limit));
  }

  @Override
  public List<Trace> outsideCareRelationship(Instant from, Instant to, int limit) {
    return read(
        COLUMNS
            + FROM_TRACES
            + " where t.at >= ? and t.at < ? and t.outcome = 'DENY'"
            + " and t.reason in ('NO_AGREEMENT', 'EMERGENCY_ACCESS_DISABLED', 'BLOCKED_BY_PATIENT')"
            + " order by t.id desc limit ?",
        List.<Object>of(utc(from), utc(to), limit));
  }

  @Override
  public List<Trace> nightTime(Instant from, Instant to, int startHour, int endHour, int limit) {
    // Hours on French civil time; a night runs over midnight when it starts after it ends.
    String hour = "extract(hour from t.at at time zone 'Europe/Paris')";
    String night =
        startHour > endHour
            ? "(" + hour + " >= ? or " + hour + " < ?)"
            : "(" + hour + " >= ? and " + hour + " < ?)";
    return read(
        COLUMNS
            + FROM_TRACES
            + " where t.at >= ? and t.at < ? and "
            + PROFESSIONAL_READS
            + " and "
            + night
            + " order by t.id desc limit ?",
        List.<Object>of(utc(from), utc(to), startHour, endHour, limit));
  }

  @Override
  public List<Anomalies.HeavyReader> heavyReaders(
      Instant from, Instant to, double factor, long minimum) {
    String sql =
        "with reads as (select t.actor_rpps as rpps, t.actor_profession as profession,"
            + " count(distinct t.record_id) as records from trace t"
            + " where t.at >= ? and t.at < ? and "
            + PROFESSIONAL_READS
            + " group by t.actor_rpps, t.actor_profession),"
            + " peers as (select profession,"
            + " percentile_cont(0.5) within group (order by records) as median"
            + " from reads group by profession)"
            + " select r.rpps, r.profession, r.records, p.median from reads r"
            + " join peers p on p.profession = r.profession"
            + " where r.records >= ? and r.records >= ? * p.median order by r.records desc limit 100";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setObject(1, utc(from));
      query.setObject(2, utc(to));
      query.setLong(3, minimum);
      query.setDouble(4, factor);
      List<Anomalies.HeavyReader> readers = new ArrayList<>();
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          readers.add(
              new Anomalies.HeavyReader(
                  row.getString(1), row.getString(2), row.getLong(3), row.getDouble(4)));
        }
      }
      return readers;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot compute heavy readers", e);
    }
  }

  @Override
  public List<Anomalies.RefusalBurst> refusalBursts(
      Instant from, Instant to, long threshold, int windowMinutes) {
    // For each refusal, how many refusals of the same actor fall in the window it opens; then each
    // actor's densest window, and only then the 100 densest actors: one actor's thousands of
    // refusals must not fill the report and push every other actor's burst out of it.
    String sql =
        "select actor_id, actor_rpps, at, refusals from (select distinct on (who)"
            + " actor_id, actor_rpps, at, refusals from (select t.actor_id, t.actor_rpps, t.at,"
            // A professional is their RPPS, whatever account their software signs in with.
            + " coalesce(t.actor_rpps, t.actor_id) as who,"
            + " count(*) over (partition by coalesce(t.actor_rpps, t.actor_id) order by t.at"
            + " range between current row and (? * interval '1 minute') following) as refusals"
            + " from trace t where t.at >= ? and t.at < ? and t.outcome = 'DENY') w"
            + " where refusals >= ? order by who, refusals desc, at) densest"
            + " order by refusals desc, at limit 100";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setInt(1, windowMinutes);
      query.setObject(2, utc(from));
      query.setObject(3, utc(to));
      query.setLong(4, threshold);
      List<Anomalies.RefusalBurst> bursts = new ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          // One burst per actor: the densest window.
          String who = row.getString(2) != null ? row.getString(2) : row.getString(1);
          if (seen.add(who)) {
            bursts.add(
                new Anomalies.RefusalBurst(
                    row.getString(1),
                    row.getString(2),
                    row.getObject(3, OffsetDateTime.class).toInstant(),
                    row.getLong(4)));
          }
        }
      }
      return bursts;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot compute refusal bursts", e);
    }
  }

  @Override
  public List<Anomalies.RepresentationThenRead> representationThenRead(
      Instant from, Instant to, java.time.Duration within, int limit) {
    // Reads by a representative are the patient side's permitted reads of a record that is not
    // their own: the policy's reason is REPRESENTATIVE.
    String sql =
        "select a.id, a.at, a.actor_id, a.record_id, a.detail, min(r.at),"
            + " (array_agg(r.actor_id order by r.at))[1], count(r.id)"
            + " from trace a join trace r on r.record_id = a.record_id and r.at >= a.at"
            + " and r.at < a.at + (? * interval '1 millisecond')"
            + " and r.actor_role = 'PATIENT' and r.outcome = 'PERMIT' and r.reason = 'REPRESENTATIVE'"
            + " and r.action in ('DOCUMENT_SEARCH', 'DOCUMENT_READ', 'CONTENT_READ', 'PROFILE_READ',"
            + " 'SUMMARY_READ')"
            + " where a.at >= ? and a.at < ? and a.action = 'REPRESENTATIVE_APPROVE'"
            + " and a.outcome = 'PERMIT' and a.actor_role in ('AGENT', 'ADMIN')"
            + " group by a.id, a.at, a.actor_id, a.record_id, a.detail order by a.id desc limit ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setLong(1, within.toMillis());
      query.setObject(2, utc(from));
      query.setObject(3, utc(to));
      query.setInt(4, limit);
      List<Anomalies.RepresentationThenRead> found = new ArrayList<>();
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          found.add(
              new Anomalies.RepresentationThenRead(
                  row.getLong(1),
                  row.getObject(2, OffsetDateTime.class).toInstant(),
                  row.getString(3),
                  row.getObject(4, UUID.class),
                  row.getString(5),
                  row.getObject(6, OffsetDateTime.class).toInstant(),
                  row.getString(7),
                  row.getLong(8)));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot compute representations read at once", e);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  @Override
  public List<Trace> accountEvents(UUID recordId, java.util.Set<String> actions, int limit) {
    return read(
        COLUMNS
            + " from trace t left join profession p on p.code = t.actor_profession"
            + " where t.record_id = ? and t.outcome = 'PERMIT' and t.action = any (?)"
            + " order by t.id desc limit ?",
        List.of(recordId, actions.toArray(new String[0]), limit));
  }

  private List<Trace> read(String sql, List<Object> parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      List<Trace> traces = new ArrayList<>();
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          traces.add(trace(row));
        }
      }
      return traces;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read traces", e);
    }
  }

  private static Trace trace(ResultSet row) throws SQLException {
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
        row.getObject("document_id", UUID.class),
        row.getString("action"),
        row.getString("access_mode"),
        row.getString("outcome"),
        row.getString("reason"),
        row.getString("detail"),
        row.getString("request_id"));
  }
}
