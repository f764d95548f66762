package fr.carnet.staff.infrastructure;

import fr.carnet.infrastructure.persistence.SqlValues;
import fr.carnet.staff.model.LoginFailures;
import fr.carnet.staff.model.LoginThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The table {@code console_login_throttle} (migration V16), in the caller's transaction. */
@ApplicationScoped
public class JpaLoginFailures implements LoginFailures {

  private static final String COLUMNS =
      "select failures, window_start, next_allowed, locked_until, last_failure"
          + " from console_login_throttle where key_hash = ?";

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public LoginThrottle.Failures lock(String keyHash, String kind, Instant now) {
    // Two nodes counting the same key at once: the row is made first, then both lock it in turn.
    entityManager
        .createNativeQuery(
            "insert into console_login_throttle"
                + " (key_hash, kind, failures, window_start, next_allowed, last_failure)"
                + " values (?, ?, 0, ?, ?, ?) on conflict (key_hash) do nothing")
        .setParameter(1, keyHash)
        .setParameter(2, kind)
        .setParameter(3, now.atOffset(ZoneOffset.UTC))
        .setParameter(4, now.atOffset(ZoneOffset.UTC))
        .setParameter(5, now.atOffset(ZoneOffset.UTC))
        .executeUpdate();
    return read(COLUMNS + " for update", keyHash).orElseThrow();
  }

  @Override
  public Optional<LoginThrottle.Failures> find(String keyHash) {
    return read(COLUMNS, keyHash);
  }

  @SuppressWarnings("unchecked")
  private Optional<LoginThrottle.Failures> read(String sql, String keyHash) {
    List<Object[]> rows =
        entityManager.createNativeQuery(sql).setParameter(1, keyHash).getResultList();
    return rows.stream()
        .findFirst()
        .map(
            row ->
                new LoginThrottle.Failures(
                    ((Number) row[0]).intValue(),
                    SqlValues.instant(row[1]),
                    SqlValues.instant(row[2]),
                    row[3] == null ? null : SqlValues.instant(row[3]),
                    SqlValues.instant(row[4])));
  }

  @Override
  public void save(String keyHash, String kind, LoginThrottle.Failures failures) {
    entityManager
        .createNativeQuery(
            "insert into console_login_throttle (key_hash, kind, failures, window_start,"
                + " next_allowed, locked_until, last_failure) values (?, ?, ?, ?, ?, cast(? as timestamptz), ?)"
                + " on conflict (key_hash) do update set failures = excluded.failures,"
                + " window_start = excluded.window_start, next_allowed = excluded.next_allowed,"
                + " locked_until = excluded.locked_until, last_failure = excluded.last_failure")
        .setParameter(1, keyHash)
        .setParameter(2, kind)
        .setParameter(3, failures.count())
        .setParameter(4, failures.windowStart().atOffset(ZoneOffset.UTC))
        .setParameter(5, failures.nextAllowed().atOffset(ZoneOffset.UTC))
        .setParameter(
            6,
            failures.lockedUntil() == null ? null : failures.lockedUntil().atOffset(ZoneOffset.UTC))
        .setParameter(7, failures.last().atOffset(ZoneOffset.UTC))
        .executeUpdate();
  }

  @Override
  public void forget(String keyHash) {
    entityManager
        .createNativeQuery("delete from console_login_throttle where key_hash = ?")
        .setParameter(1, keyHash)
        .executeUpdate();
  }

  @Override
  public int forgetOlderThan(Instant before, Instant now) {
    return entityManager
        .createNativeQuery(
            "delete from console_login_throttle where last_failure < ? and next_allowed <= ?"
                + " and (locked_until is null or locked_until <= ?)")
        .setParameter(1, before.atOffset(ZoneOffset.UTC))
        .setParameter(2, now.atOffset(ZoneOffset.UTC))
        .setParameter(3, now.atOffset(ZoneOffset.UTC))
        .executeUpdate();
  }
}
