package fr.carnet.record.infrastructure;

import fr.carnet.record.model.ProfileEntry;
import fr.carnet.record.model.ProfileRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class JpaProfileRepository implements ProfileRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public List<ProfileEntry> entries(UUID recordId, String onlyAuthorRpps) {
    String jpql =
        "select e from ProfileEntry e where e.recordId = :record"
            + (onlyAuthorRpps == null ? "" : " and e.authorRpps = :author")
            + " order by e.recordedAt desc";
    var query =
        entityManager.createQuery(jpql, ProfileEntry.class).setParameter("record", recordId);
    if (onlyAuthorRpps != null) {
      query.setParameter("author", onlyAuthorRpps);
    }
    return query.getResultList();
  }

  @Override
  public void store(ProfileEntry entry) {
    entityManager.persist(entry);
  }
}
