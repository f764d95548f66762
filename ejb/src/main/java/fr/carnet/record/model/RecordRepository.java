package fr.carnet.record.model;

import java.util.Optional;
import java.util.UUID;

/** Where records are kept. */
public interface RecordRepository {

  Optional<Record> find(UUID id);

  void store(Record record);
}
