package fr.carnet.access;

/**
 * The layer of the access rules that gave a decision, so that every decision can be explained. In
 * the order a professional's read passes them.
 */
public enum Layer {
  ROLE,
  IDENTITY,
  RECORD_STATE,
  DOCUMENT_STATE,
  AUTHORSHIP,
  REPRESENTATION,
  AGREEMENT,
  MATRIX,
  MASK,
  BLOCK,
  /** A connected app's standing in the catalogue and the patient's grant to it (issue 21). */
  APP
}
