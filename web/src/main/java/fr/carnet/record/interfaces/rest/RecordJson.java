package fr.carnet.record.interfaces.rest;

import fr.carnet.record.application.RecordView;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record RecordJson(
    @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
    @Schema(enumeration = {"PENDING", "OPEN"}) String state,
    @Schema(type = SchemaType.STRING, format = "date-time") Instant createdAt,
    @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant openedAt) {

  static RecordJson of(RecordView view) {
    return new RecordJson(view.id(), view.state().name(), view.createdAt(), view.openedAt());
  }
}
