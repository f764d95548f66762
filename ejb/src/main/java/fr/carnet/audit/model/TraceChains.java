package fr.carnet.audit.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The hash chains of the traces, as their verification reads them. */
public interface TraceChains {

  /** Where a chain ends: how many traces it holds and the hash of its last one. */
  record Head(int chain, long length, String lastHash) {}

  /** One trace of a chain: what it claims and what its content hashes to now. */
  record Link(long traceId, long seq, String prevHash, String hash, String recomputed) {}

  /** How far a chain was verified. */
  record Checkpoint(long seq, String hash) {}

  List<Head> heads();

  Optional<Checkpoint> checkpoint(int chain);

  /** The links of a chain from position {@code fromSeq} (inclusive) below {@code toSeq}. */
  List<Link> links(int chain, long fromSeq, long toSeq, int limit);

  void checkpoint(int chain, Checkpoint checkpoint, Instant at);
}
