package fr.carnet.reference.infrastructure;

import fr.carnet.reference.model.ReferenceEntry;
import fr.carnet.reference.model.ReferenceLists;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Reads each list once, the first time it is asked for, and keeps it: no API changes these tables
 * (a migration does, and a migration comes with a new deployment), so no version needs checking.
 */
@ApplicationScoped
public class JpaReferenceLists implements ReferenceLists {

  private volatile List<ReferenceEntry> documentClasses;
  private volatile List<ReferenceEntry> professions;

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public List<ReferenceEntry> documentClasses() {
    List<ReferenceEntry> read = documentClasses;
    if (read == null) {
      read = read("document_class");
      documentClasses = read;
    }
    return read;
  }

  @Override
  public List<ReferenceEntry> professions() {
    List<ReferenceEntry> read = professions;
    if (read == null) {
      read = read("profession");
      professions = read;
    }
    return read;
  }

  // Two racing first readers read the same rows; either list is kept, both are equal.
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
