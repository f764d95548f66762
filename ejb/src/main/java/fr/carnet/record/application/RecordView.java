package fr.carnet.record.application;

import fr.carnet.record.model.Record;
import fr.carnet.record.model.RecordState;
import java.time.Instant;
import java.util.UUID;

/** What callers are told of a record: never its INS. */
public record RecordView(UUID id, RecordState state, Instant createdAt, Instant openedAt) {

  static RecordView of(Record record) {
    return new RecordView(record.id(), record.state(), record.createdAt(), record.openedAt());
  }
}
