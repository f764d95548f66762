package fr.carnet.reference.infrastructure;

import fr.carnet.infrastructure.persistence.SqlValues;
import fr.carnet.reference.model.DurationChange;
import fr.carnet.reference.model.DurationSetting;
import fr.carnet.reference.model.PolicyDuration;
import fr.carnet.reference.model.PolicyRepository;
import fr.carnet.reference.model.TypeMapping;
import fr.carnet.reference.model.TypeMappingChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The type mapping and the durations, in plain SQL: data that administrators edit. */
@ApplicationScoped
public class JpaPolicyRepository implements PolicyRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  @SuppressWarnings("unchecked")
  public List<TypeMapping> types() {
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "select system, code, class_code from document_type order by class_code, code")
            .getResultList();
    return rows.stream()
        .map(row -> new TypeMapping(row[0].toString(), row[1].toString(), row[2].toString()))
        .toList();
  }

  @Override
  public String mapType(TypeMapping mapping, String changedBy, Instant at) {
    // The version first: its row lock orders concurrent policy changes.
    entityManager
        .createNativeQuery("update reference_version set version = version + 1 where id = 1")
        .executeUpdate();
    List<?> old =
        entityManager
            .createNativeQuery(
                "select class_code from document_type where system = ? and code = ? for update")
            .setParameter(1, mapping.system())
            .setParameter(2, mapping.code())
            .getResultList();
    entityManager
        .createNativeQuery(
            "insert into document_type (system, code, class_code) values (?, ?, ?)"
                + " on conflict (system, code) do update set class_code = excluded.class_code")
        .setParameter(1, mapping.system())
        .setParameter(2, mapping.code())
        .setParameter(3, mapping.classCode())
        .executeUpdate();
    String was = old.isEmpty() ? null : old.get(0).toString();
    entityManager
        .createNativeQuery(
            "insert into document_type_change (at, changed_by, system, code, old_class,"
                + " new_class) values (?, ?, ?, ?, ?, ?)")
        .setParameter(1, at.atOffset(ZoneOffset.UTC))
        .setParameter(2, changedBy)
        .setParameter(3, mapping.system())
        .setParameter(4, mapping.code())
        .setParameter(5, was)
        .setParameter(6, mapping.classCode())
        .executeUpdate();
    return was;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<TypeMappingChange> typeChanges(int limit) {
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "select at, changed_by, system, code, old_class, new_class"
                    + " from document_type_change order by id desc limit ?")
            .setParameter(1, limit)
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new TypeMappingChange(
                    SqlValues.instant(row[0]),
                    row[1].toString(),
                    row[2].toString(),
                    row[3].toString(),
                    row[4] == null ? null : row[4].toString(),
                    row[5].toString()))
        .toList();
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<PolicyDuration, DurationSetting> durationOverrides() {
    List<Object[]> rows =
        entityManager
            .createNativeQuery("select name, value, changed_by, changed_at from policy_duration")
            .getResultList();
    Map<PolicyDuration, DurationSetting> overrides = new EnumMap<>(PolicyDuration.class);
    for (Object[] row : rows) {
      known(row[0].toString())
          .ifPresent(
              duration ->
                  overrides.put(
                      duration,
                      new DurationSetting(
                          duration,
                          row[1].toString(),
                          null,
                          row[2].toString(),
                          SqlValues.instant(row[3]))));
    }
    return overrides;
  }

  @Override
  public String setDuration(PolicyDuration duration, String value, String changedBy, Instant at) {
    List<?> old =
        entityManager
            .createNativeQuery("select value from policy_duration where name = ? for update")
            .setParameter(1, duration.name())
            .getResultList();
    entityManager
        .createNativeQuery(
            "insert into policy_duration (name, value, changed_by, changed_at) values (?, ?, ?, ?)"
                + " on conflict (name) do update set value = excluded.value,"
                + " changed_by = excluded.changed_by, changed_at = excluded.changed_at")
        .setParameter(1, duration.name())
        .setParameter(2, value)
        .setParameter(3, changedBy)
        .setParameter(4, at.atOffset(ZoneOffset.UTC))
        .executeUpdate();
    String was = old.isEmpty() ? null : old.get(0).toString();
    entityManager
        .createNativeQuery(
            "insert into policy_duration_change (at, changed_by, name, old_value, new_value)"
                + " values (?, ?, ?, ?, ?)")
        .setParameter(1, at.atOffset(ZoneOffset.UTC))
        .setParameter(2, changedBy)
        .setParameter(3, duration.name())
        .setParameter(4, was)
        .setParameter(5, value)
        .executeUpdate();
    return was;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<DurationChange> durationChanges(int limit) {
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "select at, changed_by, name, old_value, new_value from policy_duration_change"
                    + " order by id desc limit ?")
            .setParameter(1, limit)
            .getResultList();
    return rows.stream()
        .flatMap(
            row ->
                known(row[2].toString()).stream()
                    .map(
                        duration ->
                            new DurationChange(
                                SqlValues.instant(row[0]),
                                row[1].toString(),
                                duration,
                                row[3] == null ? null : row[3].toString(),
                                row[4].toString())))
        .toList();
  }

  // A name a later version no longer knows is ignored rather than fatal.
  private static java.util.Optional<PolicyDuration> known(String name) {
    try {
      return java.util.Optional.of(PolicyDuration.valueOf(name));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
