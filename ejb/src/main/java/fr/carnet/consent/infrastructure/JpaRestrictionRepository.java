package fr.carnet.consent.infrastructure;

import fr.carnet.consent.model.RestrictionRepository;
import fr.carnet.infrastructure.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Plain rows, on the transaction's persistence context, as the professional blocks are. */
@ApplicationScoped
public class JpaRestrictionRepository implements RestrictionRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  @SuppressWarnings("unchecked")
  public List<ClassMask> classMasks(UUID recordId) {
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "select class_code, masked_at, masked_by from class_mask where record_id = ?"
                    + " order by masked_at desc, class_code")
            .setParameter(1, recordId)
            .getResultList();
    return rows.stream()
        .map(row -> new ClassMask(row[0].toString(), SqlValues.instant(row[1]), row[2].toString()))
        .toList();
  }

  @Override
  public boolean maskClass(UUID recordId, String classCode, String by, Instant at) {
    return insert(
        "insert into class_mask (record_id, class_code, masked_by, masked_at) values (?, ?, ?, ?)"
            + " on conflict do nothing",
        recordId,
        classCode,
        by,
        at);
  }

  @Override
  public boolean unmaskClass(UUID recordId, String classCode) {
    return delete(
        "delete from class_mask where record_id = ? and class_code = ?", recordId, classCode);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<OrganisationBlock> organisationBlocks(UUID recordId) {
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "select finess, blocked_at, blocked_by from organisation_block where record_id = ?"
                    + " order by blocked_at desc, finess")
            .setParameter(1, recordId)
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new OrganisationBlock(
                    row[0].toString(), SqlValues.instant(row[1]), row[2].toString()))
        .toList();
  }

  @Override
  public boolean blockOrganisation(UUID recordId, String finess, String by, Instant at) {
    return insert(
        "insert into organisation_block (record_id, finess, blocked_by, blocked_at)"
            + " values (?, ?, ?, ?) on conflict do nothing",
        recordId,
        finess,
        by,
        at);
  }

  @Override
  public boolean unblockOrganisation(UUID recordId, String finess) {
    return delete(
        "delete from organisation_block where record_id = ? and finess = ?", recordId, finess);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> maskableClasses() {
    List<Object> rows =
        entityManager
            .createNativeQuery("select code from document_class order by code")
            .getResultList();
    return rows.stream().map(Object::toString).toList();
  }

  private boolean insert(String sql, UUID recordId, String value, String by, Instant at) {
    return entityManager
            .createNativeQuery(sql)
            .setParameter(1, recordId)
            .setParameter(2, value)
            .setParameter(3, by)
            .setParameter(4, at.atOffset(ZoneOffset.UTC))
            .executeUpdate()
        == 1;
  }

  private boolean delete(String sql, UUID recordId, String value) {
    return entityManager
            .createNativeQuery(sql)
            .setParameter(1, recordId)
            .setParameter(2, value)
            .executeUpdate()
        == 1;
  }
}
