package fr.carnet.audit.model;

import java.util.List;
import java.util.UUID;

/** Traces as auditors and patients read them. They are written by the trace service only. */
public interface TraceRepository {

  /** A page of traces matching the query, newest first. */
  List<Trace> search(TraceQuery query);

  /**
   * A page of one record's traces for the patient's side, newest first. For a representative, the
   * traces about documents kept secret from representatives are left out; document ids are given
   * only for documents the reader may see.
   */
  List<Trace> history(UUID recordId, boolean forRepresentative, Long before, int limit);
}
