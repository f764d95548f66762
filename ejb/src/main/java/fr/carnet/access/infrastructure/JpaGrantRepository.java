package fr.carnet.access.infrastructure;

import fr.carnet.access.AccessMode;
import fr.carnet.access.model.Grant;
import fr.carnet.access.model.GrantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaGrantRepository implements GrantRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public Optional<Grant> find(UUID recordId, UUID grantId) {
    return Optional.ofNullable(entityManager.find(Grant.class, grantId))
        .filter(grant -> grant.recordId().equals(recordId));
  }

  @Override
  public List<Grant> active(UUID recordId, Instant at) {
    return entityManager
        .createQuery(
            "select g from AccessGrant g where g.recordId = :record and g.revokedAt is null"
                + " and (g.expiresAt is null or g.expiresAt > :at) order by g.grantedAt desc",
            Grant.class)
        .setParameter("record", recordId)
        .setParameter("at", at.atOffset(ZoneOffset.UTC))
        .getResultList();
  }

  @Override
  public Optional<Grant> active(UUID recordId, String rpps, AccessMode mode, Instant at) {
    return entityManager
        .createQuery(
            "select g from AccessGrant g where g.recordId = :record and g.rpps = :rpps"
                + " and g.mode = :mode and g.givenBy is null and g.revokedAt is null"
                + " and g.expiresAt > :at",
            Grant.class)
        .setParameter("record", recordId)
        .setParameter("rpps", rpps)
        .setParameter("mode", mode)
        .setParameter("at", at.atOffset(ZoneOffset.UTC))
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<Grant> standing(UUID recordId, String rpps, Instant at) {
    return entityManager
        .createQuery(
            "select g from AccessGrant g where g.recordId = :record and g.rpps = :rpps"
                + " and g.givenBy is not null and g.revokedAt is null"
                + " and (g.expiresAt is null or g.expiresAt > :at)",
            Grant.class)
        .setParameter("record", recordId)
        .setParameter("rpps", rpps)
        .setParameter("at", at.atOffset(ZoneOffset.UTC))
        .getResultList();
  }

  @Override
  public void store(Grant grant) {
    entityManager.persist(grant);
  }
}
