package fr.carnet.account.infrastructure;

import fr.carnet.account.model.ProvisionalCode;
import fr.carnet.account.model.ProvisionalCodeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaProvisionalCodeRepository implements ProvisionalCodeRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public Optional<ProvisionalCode> find(UUID recordId) {
    return Optional.ofNullable(entityManager.find(ProvisionalCode.class, recordId));
  }

  @Override
  public void store(ProvisionalCode code) {
    entityManager.persist(code);
  }

  @Override
  public void remove(UUID recordId) {
    find(recordId).ifPresent(entityManager::remove);
  }
}
