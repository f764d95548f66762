package fr.carnet.record.infrastructure;

import fr.carnet.record.model.Record;
import fr.carnet.record.model.RecordRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaRecordRepository implements RecordRepository {

  @PersistenceContext(unitName = "carnet")
  private EntityManager entityManager;

  @Override
  public Optional<Record> find(UUID id) {
    return Optional.ofNullable(entityManager.find(Record.class, id));
  }

  @Override
  public void store(Record record) {
    entityManager.persist(record);
  }
}
