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
  public Optional<Representative> lock(UUID recordId, UUID representativeId) {
    return Optional.ofNullable(
            entityManager.find(
                Representative.class,
                representativeId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE))
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
                + " and r.endedAt is null and r.status = :approved order by r.registeredAt desc",
            Representative.class)
        .setParameter("person", representativeRecordId)
        .setParameter("approved", Representative.Status.APPROVED)
        .getResultList();
  }

  @Override
  public List<Representative> pending(java.time.Instant now, int limit) {
    return entityManager
        .createQuery(
            "select r from Representative r where r.status = :pending and r.endedAt is null"
                + " and r.expiresAt > :now order by r.registeredAt",
            Representative.class)
        .setParameter("pending", Representative.Status.PENDING)
        .setParameter("now", now.atOffset(java.time.ZoneOffset.UTC))
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public void store(Representative representative) {
    entityManager.persist(representative);
  }
}
