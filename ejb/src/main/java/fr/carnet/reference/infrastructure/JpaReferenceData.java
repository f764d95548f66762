package fr.carnet.reference.infrastructure;

import fr.carnet.access.MatrixRow;
import fr.carnet.reference.model.DocumentType;
import fr.carnet.reference.model.ReferenceData;
import fr.carnet.reference.model.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the reference tables with plain SQL: they are data, not part of the domain model. Every
 * access asks them, so answers are kept in memory, for as long as the tables' version, which every
 * access reads with its facts, has not moved.
 */
@ApplicationScoped
public class JpaReferenceData implements ReferenceData {

  private final Map<DocumentType, Optional<String>> classes = new ConcurrentHashMap<>();
  private final Map<List<String>, MatrixRow> matrix = new ConcurrentHashMap<>();
  private final Map<String, Optional<String>> profileCategories = new ConcurrentHashMap<>();
  private volatile long version = -1;

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public void sync(long current) {
    if (current != version) {
      synchronized (this) {
        if (current != version) {
          classes.clear();
          matrix.clear();
          profileCategories.clear();
          version = current;
        }
      }
    }
  }

  @Override
  public Optional<String> classOf(DocumentType type) {
    return classes.computeIfAbsent(type, this::readClassOf);
  }

  @Override
  public Optional<String> classOfProfileCategory(String category) {
    return profileCategories.computeIfAbsent(
        category,
        code ->
            entityManager
                .createNativeQuery("select class_code from profile_category where code = ?")
                .setParameter(1, code)
                .getResultList()
                .stream()
                .findFirst()
                .map(Object::toString));
  }

  @Override
  public MatrixRow matrixRow(String profession, String specialty) {
    return matrix.computeIfAbsent(
        Arrays.asList(profession, specialty), key -> readRow(profession, specialty));
  }

  private Optional<String> readClassOf(DocumentType type) {
    List<?> rows =
        entityManager
            .createNativeQuery("select class_code from document_type where system = ? and code = ?")
            .setParameter(1, type.system())
            .setParameter(2, type.code())
            .getResultList();
    return rows.stream().findFirst().map(Object::toString);
  }

  @SuppressWarnings("unchecked")
  private MatrixRow readRow(String profession, String specialty) {
    // '*' rows first, so that the specialty's own cells, read after, replace them.
    List<Object[]> cells =
        entityManager
            .createNativeQuery(
                "select class_code, rights from access_matrix where profession = ?"
                    + " and specialty in ('*', ?) order by case when specialty = '*' then 0 else 1"
                    + " end")
            .setParameter(1, profession)
            .setParameter(2, specialty == null ? "*" : specialty)
            .getResultList();
    Map<String, Rights> row = new HashMap<>();
    for (Object[] cell : cells) {
      row.put(cell[0].toString(), Rights.ofCell(cell[1].toString().trim()));
    }
    return new MatrixRow(row);
  }
}
