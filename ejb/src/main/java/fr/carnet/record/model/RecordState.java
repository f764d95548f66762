package fr.carnet.record.model;

/** Where a record stands in its life. Later states (opposed, closed…) come with the lifecycle. */
public enum RecordState {
  /** Created, the person informed, the opposition window running. */
  PENDING,
  /** Fed and read under the access rules. */
  OPEN;

  public boolean isAvailable() {
    return this == OPEN;
  }
}
