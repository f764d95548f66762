package fr.carnet.reference.infrastructure;

import fr.carnet.reference.model.ReferenceEntry;
import fr.carnet.reference.model.ReferenceLists;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads each list once, the first time it is asked for, and keeps it: no API changes these tables
 * (a migration does, and a migration comes with a new deployment), so no version needs checking.
 */
@ApplicationScoped
public class JpaReferenceLists implements ReferenceLists {

  private final Map<String, List<ReferenceEntry>> lists = new ConcurrentHashMap<>();

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public List<ReferenceEntry> documentClasses() {
    return lists.computeIfAbsent("document_class", this::read);
  }

  @Override
  public List<ReferenceEntry> professions() {
    return lists.computeIfAbsent("profession", this::read);
  }

  @SuppressWarnings("unchecked")
  private List<ReferenceEntry> read(String table) {
    List<Object[]> rows =
        entityManager
            .createNativeQuery("select code, label_fr, label_en from " + table + " order by code")
            .getResultList();
    return rows.stream()
        .map(row -> new ReferenceEntry(row[0].toString(), row[1].toString(), row[2].toString()))
        .toList();
  }
}
