package fr.carnet.infrastructure.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values read by native queries, whose Java types depend on the driver and the provider. */
public final class SqlValues {

  private SqlValues() {}

  /** A {@code timestamptz} column as an instant. */
  public static Instant instant(Object value) {
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    return value == null ? null : Instant.parse(value.toString());
  }
}
