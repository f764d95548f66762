package fr.carnet.agenda.infrastructure;

import fr.carnet.agenda.model.Appointment;
import fr.carnet.agenda.model.AppointmentStatus;
import fr.carnet.agenda.model.Appointments;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.shared.ClinicalRead;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Appointments in plain SQL (migration V34), on the caller's transaction. */
@ApplicationScoped
public class JdbcAppointments implements Appointments {

  private static final String COLUMNS =
      "id, record_id, source, external_id, owner, patient_own, professional_rpps,"
          + " professional_name, who_text, finess, location_label, starts_at, ends_at, status,"
          + " created_at, updated_at";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public boolean addIfAbsent(Appointment a) {
    // The platform's id is unique per owner: a concurrent push of the same id waits here.
    return Sql.update(
            dataSource,
            "insert into appointment ("
                + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (owner, source, external_id) do nothing",
            a.id(),
            a.recordId(),
            a.source(),
            a.externalId(),
            a.owner(),
            a.patientOwn(),
            a.professionalRpps(),
            a.professionalName(),
            a.whoText(),
            a.finess(),
            a.locationLabel(),
            a.startsAt(),
            a.endsAt(),
            a.status().name(),
            a.createdAt(),
            a.updatedAt())
        == 1;
  }

  @Override
  public Optional<Appointment> bySourceId(String owner, String source, String externalId) {
    return Sql.query(
            dataSource,
            "select "
                + COLUMNS
                + " from appointment where owner = ? and source = ? and external_id = ?",
            JdbcAppointments::appointment,
            owner,
            source,
            externalId)
        .stream()
        .findFirst();
  }

  @Override
  public Optional<Appointment> find(UUID recordId, UUID id) {
    return Sql.query(
            dataSource,
            "select " + COLUMNS + " from appointment where id = ? and record_id = ?",
            JdbcAppointments::appointment,
            id,
            recordId)
        .stream()
        .findFirst();
  }

  @Override
  public int upcomingOfPusher(UUID recordId, String owner, String source, Instant now) {
    // A transaction-scoped advisory lock keyed on (record, pusher): two pushes of one pusher to
    // one record count one after the other; other pushers and records never wait.
    Sql.query(
        dataSource,
        "select pg_advisory_xact_lock(hashtextextended(?::text || '|' || ? || '|' || ?, 34))",
        rows -> null,
        recordId.toString(),
        owner,
        source == null ? "" : source);
    return Sql.query(
            dataSource,
            "select count(*) from appointment where record_id = ? and owner = ?"
                + " and (?::text is null or source = ?) and starts_at >= ?",
            rows -> rows.getInt(1),
            recordId,
            owner,
            source,
            source,
            now)
        .get(0);
  }

  @Override
  public void update(Appointment a) {
    Sql.update(
        dataSource,
        "update appointment set professional_rpps = ?, professional_name = ?, who_text = ?,"
            + " finess = ?, location_label = ?, starts_at = ?, ends_at = ?, status = ?,"
            + " updated_at = ? where id = ?",
        a.professionalRpps(),
        a.professionalName(),
        a.whoText(),
        a.finess(),
        a.locationLabel(),
        a.startsAt(),
        a.endsAt(),
        a.status().name(),
        a.updatedAt(),
        a.id());
  }

  @Override
  public boolean deleteOwn(UUID recordId, UUID id) {
    return Sql.query(
                dataSource,
                "select delete_own_appointment(?, ?)",
                rows -> rows.getInt(1),
                recordId,
                id)
            .get(0)
        == 1;
  }

  @Override
  @ClinicalRead
  public List<Appointment> ofRecord(UUID recordId, Instant now, int limit) {
    return listed(recordId, now, limit, "");
  }

  @Override
  public List<Appointment> ownOfRecord(UUID recordId, Instant now, int limit) {
    return listed(recordId, now, limit, " and patient_own");
  }

  private List<Appointment> listed(UUID recordId, Instant now, int limit, String only) {
    return Sql.query(
        dataSource,
        "select "
            + COLUMNS
            + " from appointment where record_id = ?"
            + only
            + " order by starts_at < ?, case when starts_at >= ? then starts_at end,"
            + " starts_at desc limit ?",
        JdbcAppointments::appointment,
        recordId,
        now,
        now,
        limit);
  }

  private static Appointment appointment(ResultSet rows) throws SQLException {
    return new Appointment(
        rows.getObject("id", UUID.class),
        rows.getObject("record_id", UUID.class),
        rows.getString("source"),
        rows.getString("external_id"),
        rows.getString("owner"),
        rows.getBoolean("patient_own"),
        rows.getString("professional_rpps"),
        rows.getString("professional_name"),
        rows.getString("who_text"),
        rows.getString("finess"),
        rows.getString("location_label"),
        Sql.instant(rows, "starts_at"),
        Sql.instant(rows, "ends_at"),
        AppointmentStatus.valueOf(rows.getString("status")),
        Sql.instant(rows, "created_at"),
        Sql.instant(rows, "updated_at"));
  }
}
