package fr.carnet.agenda.infrastructure;

import fr.carnet.agenda.model.PreventionCalendar;
import fr.carnet.agenda.model.PreventionRule;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.shared.IdentityRead;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The prevention calendar and its reminders in plain SQL (migration V34). */
@ApplicationScoped
public class JdbcPreventionCalendar implements PreventionCalendar {

  private static final String RULE_COLUMNS =
      "code, label, sex, min_age, max_age, every, retired_at";

  // Open records nobody looked at since the threshold, their rows locked so that another
  // instance skips them (SKIP LOCKED), marked looked at in the same statement.
  private static final String CLAIM =
      "with due as (select r.id, i.birth_date, i.sex from record r"
          + " join identity i on i.record_id = r.id"
          + " left join prevention_check c on c.record_id = r.id"
          + " where r.state = 'OPEN' and (c.checked_at is null or c.checked_at < ?)"
          + " limit ? for update of r skip locked),"
          + " looked as (insert into prevention_check (record_id, checked_at)"
          + " select id, ? from due on conflict (record_id)"
          + " do update set checked_at = excluded.checked_at)"
          + " select id, birth_date, sex from due";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public List<PreventionRule> rules() {
    return Sql.query(
        dataSource,
        "select " + RULE_COLUMNS + " from prevention_rule order by code",
        JdbcPreventionCalendar::rule);
  }

  @Override
  public Optional<PreventionRule> rule(String code) {
    return Sql.query(
            dataSource,
            "select " + RULE_COLUMNS + " from prevention_rule where code = ?",
            JdbcPreventionCalendar::rule,
            code)
        .stream()
        .findFirst();
  }

  @Override
  public boolean add(PreventionRule r, String by, Instant at) {
    return Sql.update(
            dataSource,
            "insert into prevention_rule (code, label, sex, min_age, max_age, every, changed_by,"
                + " changed_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (code) do nothing",
            r.code(),
            r.label(),
            r.sex(),
            r.minAge(),
            r.maxAge(),
            r.every().toString(),
            by,
            at)
        == 1;
  }

  @Override
  public boolean change(PreventionRule r, String by, Instant at) {
    return Sql.update(
            dataSource,
            "update prevention_rule set label = ?, sex = ?, min_age = ?, max_age = ?, every = ?,"
                + " changed_by = ?, changed_at = ? where code = ?",
            r.label(),
            r.sex(),
            r.minAge(),
            r.maxAge(),
            r.every().toString(),
            by,
            at,
            r.code())
        == 1;
  }

  @Override
  public boolean retire(String code, Instant retiredAt, String by, Instant at) {
    return Sql.update(
            dataSource,
            "update prevention_rule set retired_at = ?, changed_by = ?, changed_at = ?"
                + " where code = ?",
            retiredAt,
            by,
            at,
            code)
        == 1;
  }

  @Override
  public Set<String> switchedOff(UUID recordId) {
    return new HashSet<>(
        Sql.query(
            dataSource,
            "select rule_code from prevention_opt_out where record_id = ?",
            rows -> rows.getString(1),
            recordId));
  }

  @Override
  public Map<UUID, Set<String>> switchedOff(Collection<UUID> recordIds) {
    Map<UUID, Set<String>> off = new HashMap<>();
    if (recordIds.isEmpty()) {
      return off;
    }
    Sql.query(
        dataSource,
        "select record_id, rule_code from prevention_opt_out where record_id = any(?)",
        rows ->
            off.computeIfAbsent(rows.getObject(1, UUID.class), id -> new HashSet<>())
                .add(rows.getString(2)),
        (Object) recordIds.toArray(UUID[]::new));
    return off;
  }

  @Override
  public void switchOff(UUID recordId, String code, Instant at) {
    Sql.update(
        dataSource,
        "insert into prevention_opt_out (record_id, rule_code, switched_at) values (?, ?, ?)"
            + " on conflict do nothing",
        recordId,
        code,
        at);
  }

  @Override
  public void switchOn(UUID recordId, String code) {
    Sql.update(
        dataSource,
        "delete from prevention_opt_out where record_id = ? and rule_code = ?",
        recordId,
        code);
  }

  @Override
  public List<SentReminder> sent(UUID recordId, int limit) {
    return Sql.query(
        dataSource,
        "select rule_code, due_on, sent_at from prevention_reminder where record_id = ?"
            + " order by sent_at desc limit ?",
        rows ->
            new SentReminder(
                rows.getString(1),
                rows.getObject(2, LocalDate.class),
                Sql.instant(rows, "sent_at")),
        recordId,
        limit);
  }

  @Override
  public Map<String, LocalDate> lastSent(UUID recordId) {
    Map<String, LocalDate> last = new HashMap<>();
    Sql.query(
        dataSource,
        "select rule_code, (max(sent_at) at time zone 'Europe/Paris')::date"
            + " from prevention_reminder where record_id = ? group by rule_code",
        rows -> last.put(rows.getString(1), rows.getObject(2, LocalDate.class)),
        recordId);
    return last;
  }

  @Override
  public boolean markSent(UUID recordId, String code, LocalDate dueOn, Instant at) {
    // The key (record, rule, period) is the guarantee: whoever inserts first sends.
    return Sql.update(
            dataSource,
            "insert into prevention_reminder (record_id, rule_code, due_on, sent_at)"
                + " values (?, ?, ?, ?) on conflict do nothing",
            recordId,
            code,
            dueOn,
            at)
        == 1;
  }

  @Override
  @IdentityRead
  public List<Person> claim(Instant lookedBefore, Instant now, int limit) {
    return Sql.query(
        dataSource,
        CLAIM,
        rows ->
            new Person(
                rows.getObject(1, UUID.class),
                rows.getObject(2, LocalDate.class),
                rows.getString(3)),
        lookedBefore,
        limit,
        now);
  }

  private static PreventionRule rule(ResultSet rows) throws SQLException {
    return new PreventionRule(
        rows.getString("code"),
        rows.getString("label"),
        rows.getString("sex"),
        rows.getInt("min_age"),
        rows.getInt("max_age"),
        Period.parse(rows.getString("every")),
        Sql.instant(rows, "retired_at"));
  }
}
