package fr.carnet.staff.infrastructure;

import fr.carnet.infrastructure.persistence.SqlValues;
import fr.carnet.staff.model.StaffAccount;
import fr.carnet.staff.model.StaffAccountRepository;
import fr.carnet.staff.model.StaffChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaStaffAccountRepository implements StaffAccountRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public long count() {
    return entityManager
        .createQuery("select count(s) from StaffAccount s", Long.class)
        .getSingleResult();
  }

  @Override
  public Optional<StaffAccount> findByUsername(String username) {
    return entityManager
        .createQuery(
            "select s from StaffAccount s where s.username = :username", StaffAccount.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<StaffAccount> all() {
    return entityManager
        .createQuery("select s from StaffAccount s order by s.username", StaffAccount.class)
        .getResultList();
  }

  @Override
  public List<StaffAccount> allLocked() {
    return entityManager
        .createQuery("select s from StaffAccount s order by s.username", StaffAccount.class)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  @Override
  public void store(StaffAccount account) {
    entityManager.persist(account);
  }

  @Override
  public void recordChange(String changedBy, String username, String change, Instant at) {
    entityManager
        .createNativeQuery(
            "insert into staff_account_change (at, changed_by, username, change)"
                + " values (?, ?, ?, ?)")
        .setParameter(1, at.atOffset(ZoneOffset.UTC))
        .setParameter(2, changedBy)
        .setParameter(3, username)
        .setParameter(4, change)
        .executeUpdate();
  }

  @Override
  public boolean shapedBy(String username, String changedBy) {
    return !entityManager
        .createNativeQuery(
            "select 1 from staff_account_change where username = ? and changed_by = ? limit 1")
        .setParameter(1, username)
        .setParameter(2, changedBy)
        .getResultList()
        .isEmpty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<StaffChange> changes(int limit) {
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "select at, changed_by, username, change from staff_account_change"
                    + " order by id desc limit ?")
            .setParameter(1, limit)
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new StaffChange(
                    SqlValues.instant(row[0]),
                    row[1].toString(),
                    row[2].toString(),
                    row[3].toString()))
        .toList();
  }
}
