package fr.carnet.record.model;

/** Where a record stands in its life (domain brief, "Account lifecycle"). */
public enum RecordState {
  /** Created, the person informed, the opposition window running. */
  PENDING,
  /** Fed and read under the access rules. */
  OPEN,
  /** The person opposed: nobody feeds or reads it; the opposition can be withdrawn. */
  OPPOSED,
  /** Closed (on request or at death): archived until its retention ends, then purged. */
  CLOSED,
  /** Its data deleted; only this tombstone and the audit trail remain. */
  PURGED;

  public boolean isAvailable() {
    return this == OPEN;
  }
}
