package fr.carnet.reference.infrastructure;

import fr.carnet.infrastructure.persistence.SqlValues;
import fr.carnet.reference.model.MatrixCell;
import fr.carnet.reference.model.MatrixChange;
import fr.carnet.reference.model.MatrixRepository;
import fr.carnet.reference.model.Rights;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The matrix tables, in plain SQL: they are data that administrators edit. */
@ApplicationScoped
public class JpaMatrixRepository implements MatrixRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  @SuppressWarnings("unchecked")
  public List<MatrixCell> cells() {
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "select profession, specialty, class_code, rights from access_matrix"
                    + " order by profession, specialty, class_code")
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new MatrixCell(
                    row[0].toString(),
                    row[1].toString(),
                    row[2].toString(),
                    Rights.ofCell(row[3].toString().trim())))
        .toList();
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<MatrixChange> changes() {
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "select at, changed_by, profession, specialty, class_code, old_rights, new_rights"
                    + " from access_matrix_change order by id desc limit 1000")
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new MatrixChange(
                    SqlValues.instant(row[0]),
                    row[1].toString(),
                    row[2].toString(),
                    row[3].toString(),
                    row[4].toString(),
                    row[5] == null ? null : Rights.ofCell(row[5].toString().trim()),
                    Rights.ofCell(row[6].toString().trim())))
        .toList();
  }

  @Override
  public boolean professionExists(String profession) {
    return exists("select 1 from profession where code = ?", profession);
  }

  @Override
  public boolean classExists(String classCode) {
    return exists("select 1 from document_class where code = ?", classCode);
  }

  private boolean exists(String sql, String code) {
    return !entityManager.createNativeQuery(sql).setParameter(1, code).getResultList().isEmpty();
  }

  @Override
  public MatrixChange set(
      String profession,
      String specialty,
      String classCode,
      Rights rights,
      String changedBy,
      Instant at) {
    // Locks the cell (or its absence, through the version row) so that concurrent changes queue.
    entityManager
        .createNativeQuery("update reference_version set version = version + 1 where id = 1")
        .executeUpdate();
    List<?> old =
        entityManager
            .createNativeQuery(
                "select rights from access_matrix where profession = ? and specialty = ?"
                    + " and class_code = ?")
            .setParameter(1, profession)
            .setParameter(2, specialty)
            .setParameter(3, classCode)
            .getResultList();
    Rights oldRights = old.isEmpty() ? null : Rights.ofCell(old.get(0).toString().trim());
    entityManager
        .createNativeQuery(
            "insert into access_matrix (profession, specialty, class_code, rights)"
                + " values (?, ?, ?, ?) on conflict (profession, specialty, class_code)"
                + " do update set rights = excluded.rights")
        .setParameter(1, profession)
        .setParameter(2, specialty)
        .setParameter(3, classCode)
        .setParameter(4, rights.cell())
        .executeUpdate();
    OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
    entityManager
        .createNativeQuery(
            "insert into access_matrix_change (at, changed_by, profession, specialty, class_code,"
                + " old_rights, new_rights) values (?, ?, ?, ?, ?, ?, ?)")
        .setParameter(1, when)
        .setParameter(2, changedBy)
        .setParameter(3, profession)
        .setParameter(4, specialty)
        .setParameter(5, classCode)
        .setParameter(6, oldRights == null ? null : oldRights.cell())
        .setParameter(7, rights.cell())
        .executeUpdate();
    return new MatrixChange(at, changedBy, profession, specialty, classCode, oldRights, rights);
  }

  @Override
  public long version() {
    return ((Number)
            entityManager
                .createNativeQuery("select version from reference_version where id = 1")
                .getSingleResult())
        .longValue();
  }
}
