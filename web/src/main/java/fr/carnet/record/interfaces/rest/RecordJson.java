package fr.carnet.record.interfaces.rest;

import fr.carnet.record.application.RecordView;
import java.time.Instant;
import java.util.UUID;

public record RecordJson(UUID id, String state, Instant createdAt, Instant openedAt) {

  static RecordJson of(RecordView view) {
    return new RecordJson(view.id(), view.state().name(), view.createdAt(), view.openedAt());
  }
}
