package fr.carnet.agenda.infrastructure;

import fr.carnet.agenda.model.PreventionRule;
import fr.carnet.agenda.model.PreventionRuleChange;
import fr.carnet.agenda.model.PreventionRuleChanges;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The prevention calendar's history in plain SQL (migration V39): the rule before and after each
 * change as JSON ({@code label, sex, minAge, maxAge, every, retiredAt}), appended only.
 */
@ApplicationScoped
public class JdbcPreventionRuleChanges implements PreventionRuleChanges {

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public Optional<PreventionRule> lockedRule(String code) {
    return Sql.query(
            dataSource,
            "select code, label, sex, min_age, max_age, every, retired_at from prevention_rule"
                + " where code = ? for update",
            rows ->
                new PreventionRule(
                    rows.getString("code"),
                    rows.getString("label"),
                    rows.getString("sex"),
                    rows.getInt("min_age"),
                    rows.getInt("max_age"),
                    Period.parse(rows.getString("every")),
                    Sql.instant(rows, "retired_at")),
            code)
        .stream()
        .findFirst();
  }

  @Override
  public void append(PreventionRuleChange change) {
    Sql.update(
        dataSource,
        "insert into prevention_rule_change (id, rule_code, kind, before, after, changed_by,"
            + " changed_at) values (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)",
        change.id(),
        change.code(),
        change.kind().name(),
        change.before() == null ? null : json(change.before()),
        json(change.after()),
        change.changedBy(),
        change.changedAt());
  }

  @Override
  public List<PreventionRuleChange> of(String code, int limit) {
    return Sql.query(
        dataSource,
        "select id, rule_code, kind, before::text, after::text, changed_by, changed_at"
            + " from prevention_rule_change where rule_code = ?"
            + " order by changed_at desc, id limit ?",
        JdbcPreventionRuleChanges::change,
        code,
        limit);
  }

  private static PreventionRuleChange change(ResultSet rows) throws SQLException {
    String code = rows.getString("rule_code");
    String before = rows.getString("before");
    return new PreventionRuleChange(
        rows.getObject("id", UUID.class),
        code,
        PreventionRuleChange.Kind.valueOf(rows.getString("kind")),
        before == null ? null : rule(code, before),
        rule(code, rows.getString("after")),
        rows.getString("changed_by"),
        Sql.instant(rows, "changed_at"));
  }

  static String json(PreventionRule rule) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("label", rule.label())
            .add("sex", rule.sex())
            .add("minAge", rule.minAge())
            .add("maxAge", rule.maxAge())
            .add("every", rule.every().toString());
    if (rule.retiredAt() != null) {
      json.add("retiredAt", rule.retiredAt().toString());
    } else {
      json.addNull("retiredAt");
    }
    return json.build().toString();
  }

  static PreventionRule rule(String code, String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      JsonObject json = reader.readObject();
      return new PreventionRule(
          code,
          json.getString("label"),
          json.getString("sex"),
          json.getInt("minAge"),
          json.getInt("maxAge"),
          Period.parse(json.getString("every")),
          json.isNull("retiredAt") ? null : Instant.parse(json.getString("retiredAt")));
    }
  }
}
