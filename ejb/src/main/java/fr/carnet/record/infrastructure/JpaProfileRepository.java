package fr.carnet.record.infrastructure;

import fr.carnet.access.Visibility;
import fr.carnet.record.model.ProfileEntry;
import fr.carnet.record.model.ProfileRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class JpaProfileRepository implements ProfileRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  @SuppressWarnings("unchecked")
  public List<ProfileEntry> entries(UUID recordId, Visibility visibility) {
    StringBuilder sql =
        new StringBuilder(
            "select e.* from profile_entry e join profile_category c on c.code = e.category"
                + " where e.record_id = ?");
    List<Object> parameters = new ArrayList<>(List.of(recordId));
    if (visibility.readableClasses() != null) {
      sql.append(" and (e.author_rpps = ? or c.class_code in (");
      parameters.add(visibility.authorRpps());
      sql.append(String.join(",", visibility.readableClasses().stream().map(c -> "?").toList()));
      sql.append("))");
      parameters.addAll(visibility.readableClasses());
    }
    if (visibility.hideFromRepresentatives()) {
      sql.append(" and not e.hidden_from_representatives");
    }
    sql.append(" order by e.recorded_at desc");
    Query query = entityManager.createNativeQuery(sql.toString(), ProfileEntry.class);
    for (int i = 0; i < parameters.size(); i++) {
      query.setParameter(i + 1, parameters.get(i));
    }
    return query.getResultList();
  }

  @Override
  public void store(ProfileEntry entry) {
    entityManager.persist(entry);
  }
}
