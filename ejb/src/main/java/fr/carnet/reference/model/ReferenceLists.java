package fr.carnet.reference.model;

import java.util.List;

/**
 * The reference lists that integrators' software shows and checks against: the document classes and
 * the RPPS professions. They change only with a migration, that is with a new deployment, so a node
 * may keep them for its lifetime.
 */
public interface ReferenceLists {

  /** The document classes, by code. */
  List<ReferenceEntry> documentClasses();

  /** The professions (RPPS codes), by code. */
  List<ReferenceEntry> professions();
}
