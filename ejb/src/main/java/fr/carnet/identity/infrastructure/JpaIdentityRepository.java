package fr.carnet.identity.infrastructure;

import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.identity.model.PatientIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

@ApplicationScoped
public class JpaIdentityRepository implements IdentityRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public Optional<PatientIdentity> findByInsNumber(String insNumber) {
    return entityManager
        .createQuery(
            "select i from PatientIdentity i where i.insNumber = :number", PatientIdentity.class)
        .setParameter("number", insNumber)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<PatientIdentity> findByRecordId(java.util.UUID recordId) {
    return Optional.ofNullable(entityManager.find(PatientIdentity.class, recordId));
  }

  @Override
  public void store(PatientIdentity identity) {
    entityManager.persist(identity);
  }
}
