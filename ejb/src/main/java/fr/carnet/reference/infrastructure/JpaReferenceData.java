package fr.carnet.reference.infrastructure;

import fr.carnet.reference.model.DocumentType;
import fr.carnet.reference.model.ReferenceData;
import fr.carnet.reference.model.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the reference tables with plain SQL: they are data, not part of the domain model. Every
 * push asks them, so answers are kept in memory; {@link #forget()} must follow any change to them.
 */
@ApplicationScoped
public class JpaReferenceData implements ReferenceData {

  private final Map<DocumentType, Optional<String>> classes = new ConcurrentHashMap<>();
  private final Map<List<String>, Rights> matrix = new ConcurrentHashMap<>();
  private final Map<String, Optional<String>> profileCategories = new ConcurrentHashMap<>();

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  /** Drops what is kept, so that the next questions read the tables again. */
  public void forget() {
    classes.clear();
    matrix.clear();
    profileCategories.clear();
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
  public Rights rights(String profession, String specialty, String classCode) {
    return matrix.computeIfAbsent(
        Arrays.asList(profession, specialty, classCode),
        key -> readRights(profession, specialty, classCode));
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

  private Rights readRights(String profession, String specialty, String classCode) {
    // The specialty's own row wins over the profession's '*' row.
    List<?> rows =
        entityManager
            .createNativeQuery(
                "select rights from access_matrix where profession = ? and class_code = ?"
                    + " and specialty in ('*', ?) order by case when specialty = '*' then 1 else 0 end"
                    + " limit 1")
            .setParameter(1, profession)
            .setParameter(2, classCode)
            .setParameter(3, specialty == null ? "*" : specialty)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(cell -> Rights.ofCell(cell.toString()))
        .orElse(Rights.NONE);
  }
}
