package fr.carnet.consent.infrastructure;

import fr.carnet.consent.model.ConsentRepository;
import fr.carnet.consent.model.RecordSettings;
import fr.carnet.consent.model.ResearchPreferences;
import fr.carnet.infrastructure.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaConsentRepository implements ConsentRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public Optional<RecordSettings> settings(UUID recordId) {
    return Optional.ofNullable(entityManager.find(RecordSettings.class, recordId));
  }

  @Override
  public void store(RecordSettings settings) {
    entityManager.persist(settings);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Block> blocks(UUID recordId) {
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "select rpps, blocked_at from professional_block where record_id = ?"
                    + " order by blocked_at desc")
            .setParameter(1, recordId)
            .getResultList();
    return rows.stream()
        .map(row -> new Block(row[0].toString(), SqlValues.instant(row[1])))
        .toList();
  }

  @Override
  public boolean block(UUID recordId, String rpps, Instant at) {
    return entityManager
            .createNativeQuery(
                "insert into professional_block (record_id, rpps, blocked_at) values (?, ?, ?)"
                    + " on conflict do nothing")
            .setParameter(1, recordId)
            .setParameter(2, rpps)
            .setParameter(3, at.atOffset(ZoneOffset.UTC))
            .executeUpdate()
        == 1;
  }

  @Override
  public boolean unblock(UUID recordId, String rpps) {
    return entityManager
            .createNativeQuery("delete from professional_block where record_id = ? and rpps = ?")
            .setParameter(1, recordId)
            .setParameter(2, rpps)
            .executeUpdate()
        == 1;
  }

  @Override
  public Optional<ResearchPreferences> research(UUID recordId) {
    return Optional.ofNullable(entityManager.find(ResearchPreferences.class, recordId));
  }

  @Override
  public void store(ResearchPreferences preferences) {
    entityManager.persist(preferences);
  }
}
