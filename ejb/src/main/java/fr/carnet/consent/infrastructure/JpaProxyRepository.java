package fr.carnet.consent.infrastructure;

import fr.carnet.consent.model.Proxy;
import fr.carnet.consent.model.ProxyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaProxyRepository implements ProxyRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public Optional<Proxy> find(UUID recordId, UUID proxyId) {
    return Optional.ofNullable(entityManager.find(Proxy.class, proxyId))
        .filter(proxy -> proxy.recordId().equals(recordId));
  }

  @Override
  public void lockRecord(UUID recordId) {
    entityManager
        .createNativeQuery("select id from record where id = ? for update")
        .setParameter(1, recordId)
        .getResultList();
  }

  @Override
  public List<Proxy> of(UUID recordId, int limit) {
    return entityManager
        .createQuery(
            "select p from Proxy p where p.recordId = :record order by p.createdAt desc",
            Proxy.class)
        .setParameter("record", recordId)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public List<Proxy> current(UUID recordId, LocalDate today) {
    return entityManager
        .createQuery(
            "select p from Proxy p where p.recordId = :record and p.revokedAt is null"
                + " and p.endsOn >= :today",
            Proxy.class)
        .setParameter("record", recordId)
        .setParameter("today", today)
        .getResultList();
  }

  @Override
  public List<Proxy> heldBy(UUID proxyRecordId, LocalDate today, int limit) {
    return entityManager
        .createQuery(
            "select p from Proxy p where p.proxyRecordId = :person and p.revokedAt is null"
                + " and p.endsOn >= :today order by p.createdAt desc",
            Proxy.class)
        .setParameter("person", proxyRecordId)
        .setParameter("today", today)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public boolean firstAct(UUID recordId, String proxyIns, Instant at) {
    // Flushed first: a designation made in this very transaction is seen.
    return entityManager
            .createNativeQuery(
                "update record_proxy p set first_acted_at = ? from identity i"
                    + " where p.record_id = ? and p.proxy_record_id = i.record_id"
                    + " and i.ins_number = ? and p.revoked_at is null"
                    + " and p.first_acted_at is null")
            .setParameter(1, at.atOffset(ZoneOffset.UTC))
            .setParameter(2, recordId)
            .setParameter(3, proxyIns)
            .executeUpdate()
        > 0;
  }

  @Override
  public void store(Proxy proxy) {
    entityManager.persist(proxy);
  }
}
