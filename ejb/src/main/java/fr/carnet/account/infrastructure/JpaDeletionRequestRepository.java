package fr.carnet.account.infrastructure;

import fr.carnet.account.model.DeletionRequest;
import fr.carnet.account.model.DeletionRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaDeletionRequestRepository implements DeletionRequestRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public Optional<DeletionRequest> find(UUID recordId, UUID requestId) {
    return Optional.ofNullable(entityManager.find(DeletionRequest.class, requestId))
        .filter(request -> request.recordId().equals(recordId));
  }

  @Override
  public Optional<DeletionRequest> lock(UUID recordId, UUID requestId) {
    return Optional.ofNullable(
            entityManager.find(
                DeletionRequest.class,
                requestId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE))
        .filter(request -> request.recordId().equals(recordId));
  }

  @Override
  public List<DeletionRequest> pending(Instant now, int limit) {
    return entityManager
        .createQuery(
            "select d from DeletionRequest d where d.status = :pending and d.expiresAt > :now"
                + " order by d.requestedAt",
            DeletionRequest.class)
        .setParameter("pending", DeletionRequest.Status.PENDING)
        .setParameter("now", now.atOffset(ZoneOffset.UTC))
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public List<DeletionRequest> of(UUID recordId) {
    return entityManager
        .createQuery(
            "select d from DeletionRequest d where d.recordId = :record order by d.requestedAt desc",
            DeletionRequest.class)
        .setParameter("record", recordId)
        .getResultList();
  }

  @Override
  public void store(DeletionRequest request) {
    entityManager.persist(request);
  }
}
