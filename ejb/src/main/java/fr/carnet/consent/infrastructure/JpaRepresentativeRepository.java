package fr.carnet.consent.infrastructure;

import fr.carnet.consent.model.Representative;
import fr.carnet.consent.model.RepresentativeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaRepresentativeRepository implements RepresentativeRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public Optional<Representative> find(UUID recordId, UUID representativeId) {
    return Optional.ofNullable(entityManager.find(Representative.class, representativeId))
        .filter(representative -> representative.recordId().equals(recordId));
  }

  @Override
  public List<Representative> of(UUID recordId) {
    return entityManager
        .createQuery(
            "select r from Representative r where r.recordId = :record"
                + " order by r.registeredAt desc",
            Representative.class)
        .setParameter("record", recordId)
        .getResultList();
  }

  @Override
  public List<Representative> heldBy(UUID representativeRecordId) {
    return entityManager
        .createQuery(
            "select r from Representative r where r.representativeRecordId = :person"
                + " and r.endedAt is null order by r.registeredAt desc",
            Representative.class)
        .setParameter("person", representativeRecordId)
        .getResultList();
  }

  @Override
  public void store(Representative representative) {
    entityManager.persist(representative);
  }
}
