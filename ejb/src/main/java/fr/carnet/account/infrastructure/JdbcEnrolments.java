package fr.carnet.account.infrastructure;

import fr.carnet.account.model.Enrolments;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.infrastructure.persistence.SqlValues;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Enrolments in plain SQL. A chunk is written in a few statements whatever its size (arrays
 * unnested by PostgreSQL), since 65 million persons must go in within the hour.
 */
@ApplicationScoped
public class JdbcEnrolments implements Enrolments {

  // The persons whose INS is new become identities and records, in one statement that answers
  // the ids it created. The identities first, on conflict with an INS already enrolled (by an
  // earlier file, a single enrolment, another lane's chunk, or this chunk sent again after a
  // crash) doing nothing: the unique index decides, even under a race, and no line is enrolled
  // twice. They are inserted in the INS's order: two lanes' chunks holding the same persons then
  // wait for each other in one order only, never in a cycle (a deadlock would fail the chunk).
  // (The identity's foreign key to its record is checked at the statement's end, when the record
  // is there.)
  private static final String ENROL =
      "with input as (select * from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[],"
          + " ?::varchar[], ?::date[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])"
          + " with ordinality as t(id, ins_number, ins_kind, birth_name, first_names, birth_date,"
          + " sex, birth_place, email, phone, n)),"
          + " identities as (insert into identity (record_id, ins_number, ins_kind, birth_name,"
          + " first_names, birth_date, sex, birth_place) select id, ins_number, ins_kind,"
          + " birth_name, first_names, birth_date, sex, birth_place from input order by ins_number"
          + " on conflict (ins_number) do nothing returning record_id),"
          + " records as (insert into record (id, state, contact_email, contact_phone, created_at,"
          + " opposition_deadline, version) select i.id, 'PENDING', i.email, i.phone, ?, ?, 0"
          + " from input i where i.id in (select record_id from identities) order by i.n"
          + " returning id)"
          + " select id from records";
  // The new records traced, each by its own trace, all in one call (V23: one chain head, each
  // hash linked to the one before, as one call per record would). The chunk's last write but
  // one: its trace ids are drawn as late as they can be, so that they commit soon after, however
  // many lanes and enrolments run at once (the tree's reorder window covers late commits).
  private static final String TRACE =
      "select append_traces(?, 'ADMIN', ?, null, null, null, ?::uuid[], null, 'RECORD_CREATE',"
          + " 'PERMIT', 'BULK_ENROLMENT', ?, null, ?)";
  // Their information messages queued, by enqueue_notification's rules (V23, set-based).
  private static final String TELL =
      "select enqueue_notifications(?::uuid[], 'ENROLMENT', ?, null, null, ?,"
          + " ? * interval '1 millisecond')";
  private static final String REJECT =
      "insert into enrolment_rejection (enrolment_id, line, code, reason) values (?, ?, ?, ?)"
          + " on conflict do nothing";
  private static final String PROGRESS =
      "update enrolment_lane set next_line = ?, done = done + ?, created = created + ?,"
          + " rejected = rejected + ? where enrolment_id = ? and lane = ?";
  // The chunk's first statement: the enrolment's row share-locked with its writer still the
  // owner and its launch still the current one (a second launch on the same instance supersedes
  // the first, whose chunks then stop here), and the lane's row locked at the line it read from,
  // its lease renewed. A takeover's update of the owner either commits first (then this finds no
  // row and the chunk rolls back) or waits for every chunk under way to commit (then it reads
  // their lanes' restart points). Share locks: two lanes' chunks never wait for each other.
  private static final String FENCE =
      "update enrolment_lane l set lease_until = now() + ? * interval '1 millisecond'"
          + " from (select id from enrolment where id = ? and owner_instance = ?"
          + " and owner_life = ? and owner_run = ? and finished_at is null for share) e"
          + " where l.enrolment_id = e.id and l.lane = ? and l.next_line = ?";
  // The owner changed, unless another instance's lease still runs in any lane; every lane's
  // lease renewed with it. (A lease renewed by a chunk that commits while this waits is not seen:
  // that owner had let its lease lapse first, and its next chunk is refused by the fence.)
  private static final String CLAIM =
      "with claimed as (update enrolment e set owner_instance = ?, owner_life = ?,"
          + " owner_run = ?, execution = null where e.id = ? and e.finished_at is null"
          + " and (e.owner_instance is null or e.owner_instance = ? or not exists"
          + " (select 1 from enrolment_lane l where l.enrolment_id = e.id"
          + " and l.lease_until > now())) returning e.id)"
          + " update enrolment_lane set lease_until = now() + ? * interval '1 millisecond'"
          + " where enrolment_id in (select id from claimed)";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  /**
   * How long a claim waits for the chunks under way (each share-locks the enrolment's row, and new
   * ones keep coming while an owner runs): a request thread is not held longer, and the claim is
   * then refused as the enrolment still running.
   */
  private static final String CLAIM_WAIT = "5s";

  private static final String LOCK_NOT_AVAILABLE = "55P03";

  @Override
  public void create(
      UUID id,
      Path file,
      long total,
      List<Lane> lanes,
      String startedBy,
      Instant at,
      String instance,
      UUID life,
      UUID run,
      Duration lease) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement enrolment =
            connection.prepareStatement(
                "insert into enrolment (id, file, total, started_by, started_at, owner_instance,"
                    + " owner_life, owner_run) values (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement lane =
            connection.prepareStatement(
                "insert into enrolment_lane (enrolment_id, lane, first_line, last_line,"
                    + " next_line, lease_until) values (?, ?, ?, ?, ?,"
                    + " now() + ? * interval '1 millisecond')")) {
      enrolment.setObject(1, id);
      enrolment.setString(2, file.toString());
      enrolment.setLong(3, total);
      enrolment.setString(4, startedBy);
      enrolment.setObject(5, at.atOffset(ZoneOffset.UTC));
      enrolment.setString(6, instance);
      enrolment.setObject(7, life);
      enrolment.setObject(8, run);
      enrolment.executeUpdate();
      for (Lane each : lanes) {
        lane.setObject(1, id);
        lane.setInt(2, each.lane());
        lane.setLong(3, each.firstLine());
        lane.setLong(4, each.lastLine());
        lane.setLong(5, each.nextLine());
        lane.setLong(6, lease.toMillis());
        lane.addBatch();
      }
      lane.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot register an enrolment", e);
    }
  }

  @Override
  public boolean claim(UUID id, String instance, UUID life, UUID run, Duration lease) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement wait = connection.createStatement();
          PreparedStatement claim = connection.prepareStatement(CLAIM)) {
        wait.execute("set local lock_timeout = '" + CLAIM_WAIT + "'");
        claim.setString(1, instance);
        claim.setObject(2, life);
        claim.setObject(3, run);
        claim.setObject(4, id);
        claim.setString(5, instance);
        claim.setLong(6, lease.toMillis());
        boolean claimed = claim.executeUpdate() > 0;
        connection.commit();
        return claimed;
      } catch (SQLException e) {
        connection.rollback();
        if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
          return false;
        }
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot claim an enrolment", e);
    }
  }

  @Override
  public void release(UUID id, UUID run) {
    // The owner share-locked and read again, as the fence does: a claim committing meanwhile
    // (a new run) keeps its fresh leases.
    update(
        "update enrolment_lane l set lease_until = now() from (select id from enrolment"
            + " where id = ? and owner_run = ? for share) e"
            + " where l.enrolment_id = e.id and l.lease_until > now()",
        id,
        run);
  }

  @Override
  public void finish(UUID id, Instant at) {
    update(
        "with finished as (update enrolment set finished_at = ? where id = ? returning id)"
            + " update enrolment_lane set lease_until = now()"
            + " where enrolment_id in (select id from finished)",
        at.atOffset(ZoneOffset.UTC),
        id);
  }

  @Override
  public long lanesRunning() {
    try (Connection connection = dataSource.getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("select pg_advisory_xact_lock(hashtext('carnet.enrolment.register'))");
      try (ResultSet count =
          sql.executeQuery(
              "select count(*) from enrolment_lane l join enrolment e on e.id = l.enrolment_id"
                  + " where e.finished_at is null and exists (select 1 from enrolment_lane o"
                  + " where o.enrolment_id = e.id and o.lease_until > now())")) {
        count.next();
        return count.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count the enrolments running", e);
    }
  }

  @Override
  public Optional<Progress> find(UUID id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select e.id, e.file, e.total, sum(l.done), sum(l.created), sum(l.rejected),"
                    + " e.started_by, e.started_at, e.finished_at, e.execution, e.owner_instance,"
                    + " e.owner_life, max(l.lease_until), coalesce(max(l.lease_until) > now(),"
                    + " false) from enrolment e join enrolment_lane l on l.enrolment_id = e.id"
                    + " where e.id = ? group by e.id")) {
      query.setObject(1, id);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        Object execution = row.getObject(10);
        return Optional.of(
            new Progress(
                row.getObject(1, UUID.class),
                Path.of(row.getString(2)),
                row.getLong(3),
                row.getLong(4),
                row.getLong(5),
                row.getLong(6),
                row.getString(7),
                SqlValues.instant(row.getObject(8)),
                SqlValues.instant(row.getObject(9)),
                execution == null ? null : ((Number) execution).longValue(),
                row.getString(11),
                row.getObject(12, UUID.class),
                SqlValues.instant(row.getObject(13)),
                row.getBoolean(14)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read an enrolment", e);
    }
  }

  @Override
  public List<Lane> lanes(UUID id) {
    List<Lane> lanes = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select lane, first_line, last_line, next_line from enrolment_lane"
                    + " where enrolment_id = ? order by lane")) {
      query.setObject(1, id);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          lanes.add(new Lane(rows.getInt(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read an enrolment's lanes", e);
    }
    return lanes;
  }

  @Override
  public void execution(UUID id, UUID run, long execution) {
    update("update enrolment set execution = ? where id = ? and owner_run = ?", execution, id, run);
  }

  @Override
  public int writeChunk(
      Writer writer,
      UUID enrolment,
      List<Person> persons,
      List<Rejection> rejections,
      long nextLine,
      long lines,
      Instant at,
      Instant oppositionDeadline,
      String actorId,
      Duration notificationWindow) {
    List<Rejection> refused = new ArrayList<>(rejections);
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement fence = connection.prepareStatement(FENCE)) {
        fence.setLong(1, writer.lease().toMillis());
        fence.setObject(2, enrolment);
        fence.setString(3, writer.instance());
        fence.setObject(4, writer.life());
        fence.setObject(5, writer.run());
        fence.setInt(6, writer.lane());
        fence.setLong(7, writer.fromLine());
        if (fence.executeUpdate() != 1) {
          throw new TakenOver(enrolment);
        }
      }
      // The same INS twice in a chunk: the first line wins, the next ones are duplicates.
      Set<String> seen = new HashSet<>();
      List<Person> unique = new ArrayList<>();
      for (Person person : persons) {
        if (seen.add(person.insNumber())) {
          unique.add(person);
        } else {
          refused.add(duplicate(person));
        }
      }
      Set<UUID> created = new HashSet<>();
      if (!unique.isEmpty()) {
        try (PreparedStatement enrol = connection.prepareStatement(ENROL)) {
          enrol.setArray(1, connection.createArrayOf("uuid", column(unique, Person::recordId)));
          enrol.setArray(2, connection.createArrayOf("varchar", column(unique, Person::insNumber)));
          enrol.setArray(3, connection.createArrayOf("varchar", column(unique, Person::insKind)));
          enrol.setArray(4, connection.createArrayOf("varchar", column(unique, Person::birthName)));
          enrol.setArray(
              5, connection.createArrayOf("varchar", column(unique, Person::firstNames)));
          enrol.setArray(
              6,
              connection.createArrayOf(
                  "date", column(unique, p -> java.sql.Date.valueOf(p.birthDate()))));
          enrol.setArray(7, connection.createArrayOf("varchar", column(unique, Person::sex)));
          enrol.setArray(
              8, connection.createArrayOf("varchar", column(unique, Person::birthPlace)));
          enrol.setArray(9, connection.createArrayOf("varchar", column(unique, Person::email)));
          enrol.setArray(10, connection.createArrayOf("varchar", column(unique, Person::phone)));
          enrol.setObject(11, at.atOffset(ZoneOffset.UTC));
          enrol.setObject(12, oppositionDeadline.atOffset(ZoneOffset.UTC));
          try (ResultSet rows = enrol.executeQuery()) {
            while (rows.next()) {
              created.add((UUID) rows.getObject(1));
            }
          }
        }
      }
      List<UUID> traced = new ArrayList<>(created.size());
      List<UUID> reachable = new ArrayList<>();
      for (Person person : unique) {
        if (!created.contains(person.recordId())) {
          refused.add(duplicate(person));
        } else {
          traced.add(person.recordId());
          // Without an address nothing can be queued: the set-based rule is asked about fewer.
          if (person.email() != null || person.phone() != null) {
            reachable.add(person.recordId());
          }
        }
      }
      if (!reachable.isEmpty()) {
        try (PreparedStatement tell = connection.prepareStatement(TELL)) {
          tell.setArray(1, connection.createArrayOf("uuid", reachable.toArray()));
          tell.setObject(2, at.atOffset(ZoneOffset.UTC));
          tell.setString(3, oppositionDeadline.toString());
          tell.setLong(4, notificationWindow.toMillis());
          tell.executeQuery().close();
        }
      }
      if (!refused.isEmpty()) {
        try (PreparedStatement reject = connection.prepareStatement(REJECT)) {
          for (Rejection rejection : refused) {
            reject.setObject(1, enrolment);
            reject.setLong(2, rejection.line());
            reject.setString(3, rejection.code());
            reject.setString(4, truncated(rejection.reason()));
            reject.addBatch();
          }
          reject.executeBatch();
        }
      }
      if (!traced.isEmpty()) {
        try (PreparedStatement trace = connection.prepareStatement(TRACE)) {
          trace.setObject(1, at.atOffset(ZoneOffset.UTC));
          trace.setString(2, actorId);
          trace.setArray(3, connection.createArrayOf("uuid", traced.toArray()));
          trace.setString(4, "enrolment " + enrolment);
          trace.setString(5, "enrolment-" + enrolment);
          trace.executeQuery().close();
        }
      }
      try (PreparedStatement progress = connection.prepareStatement(PROGRESS)) {
        progress.setLong(1, nextLine);
        progress.setLong(2, lines);
        progress.setLong(3, created.size());
        progress.setLong(4, refused.size());
        progress.setObject(5, enrolment);
        progress.setInt(6, writer.lane());
        progress.executeUpdate();
      }
      return created.size();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot write an enrolment chunk", e);
    }
  }

  @Override
  public List<Rejection> rejections(UUID id, int limit) {
    List<Rejection> rejections = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select line, code, reason from enrolment_rejection where enrolment_id = ?"
                    + " order by line limit ?")) {
      query.setObject(1, id);
      query.setInt(2, limit);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          rejections.add(new Rejection(rows.getLong(1), rows.getString(2), rows.getString(3)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read rejections", e);
    }
    return rejections;
  }

  private static Rejection duplicate(Person person) {
    return new Rejection(
        person.line(), "RECORD_ALREADY_EXISTS", "A record already exists for this INS");
  }

  /** Thirteen digits or more may be a NIR: a reason never keeps one (migration V14 checks). */
  private static final java.util.regex.Pattern NIR_LIKE =
      java.util.regex.Pattern.compile("[0-9AB]{13,}");

  private static String truncated(String reason) {
    String kept = reason == null ? "" : NIR_LIKE.matcher(reason).replaceAll("***");
    return kept.length() > 256 ? kept.substring(0, 256) : kept;
  }

  private static <T> Object[] column(
      List<Person> persons, java.util.function.Function<Person, T> f) {
    return persons.stream().map(f).toArray();
  }

  private int update(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update an enrolment", e);
    }
  }
}
