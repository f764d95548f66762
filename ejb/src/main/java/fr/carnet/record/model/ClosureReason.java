package fr.carnet.record.model;

/** Why a record was closed: its owner's (or their representative's) request, or their death. */
public enum ClosureReason {
  REQUEST,
  DEATH
}
