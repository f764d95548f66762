package fr.carnet.audit.model;

/** What an access did. */
public enum TraceAction {
  RECORD_CREATE,
  RECORD_LOOKUP,
  RECORD_READ_OWN,
  DOCUMENT_PUBLISH,
  DOCUMENT_SEARCH,
  DOCUMENT_READ,
  CONTENT_READ
}
