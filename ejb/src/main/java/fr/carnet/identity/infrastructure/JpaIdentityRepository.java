package fr.carnet.identity.infrastructure;

import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.identity.model.PatientIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaIdentityRepository implements IdentityRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public Optional<PatientIdentity> findByInsNumber(String insNumber) {
    return entityManager
        .createQuery(
            "select i from PatientIdentity i where i.insNumber = :number", PatientIdentity.class)
        .setParameter("number", insNumber)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<PatientIdentity> findByRecordId(java.util.UUID recordId) {
    return Optional.ofNullable(entityManager.find(PatientIdentity.class, recordId));
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<PatientIdentity> findByBirthNameAndDate(
      String birthNamePrefix, LocalDate birthDate, int limit) {
    String prefix =
        SearchableNames.of(birthNamePrefix)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_");
    // The birth date's index narrows to the persons born that day (a few thousand nationally);
    // the name is then compared as SearchableNames writes it, on both sides.
    return entityManager
        .createNativeQuery(
            "select * from identity where birth_date = ? and "
                + SearchableNames.SQL.formatted("birth_name")
                + " like ? escape '\\' order by birth_name, first_names limit ?",
            PatientIdentity.class)
        .setParameter(1, birthDate)
        .setParameter(2, prefix + "%")
        .setParameter(3, limit)
        .getResultList();
  }

  @Override
  public void store(PatientIdentity identity) {
    entityManager.persist(identity);
  }
}
