package fr.carnet.staff.infrastructure;

import fr.carnet.staff.model.StaffAccount;
import fr.carnet.staff.model.StaffAccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
  public void store(StaffAccount account) {
    entityManager.persist(account);
  }
}
