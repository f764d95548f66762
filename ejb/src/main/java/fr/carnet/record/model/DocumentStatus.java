package fr.carnet.record.model;

/** Where a document stands: the current version, replaced by a newer one, or withdrawn. */
public enum DocumentStatus {
  CURRENT,
  SUPERSEDED,
  WITHDRAWN
}
