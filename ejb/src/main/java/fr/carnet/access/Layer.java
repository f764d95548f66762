package fr.carnet.access;

/** The layer of the access rules that gave a decision, so that every decision can be explained. */
public enum Layer {
  ROLE,
  IDENTITY,
  RECORD_STATE,
  DOCUMENT_STATE,
  AUTHORSHIP,
  AGREEMENT,
  MATRIX,
  MASK,
  BLOCK
}
