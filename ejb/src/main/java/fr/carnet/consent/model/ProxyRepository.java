package fr.carnet.consent.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where the proxies chosen by patients are kept. */
public interface ProxyRepository {

  Optional<Proxy> find(UUID recordId, UUID proxyId);

  /**
   * Locks the patient's record row until the transaction ends, so that two designations at once are
   * counted one after the other against the bound.
   */
  void lockRecord(UUID recordId);

  /** The record's designations, current and ended, newest first, at most {@code limit}. */
  List<Proxy> of(UUID recordId, int limit);

  /** The record's designations standing on {@code today}: not revoked, end date not passed. */
  List<Proxy> current(UUID recordId, LocalDate today);

  /** The designations standing on {@code today} held by the person of {@code proxyRecordId}. */
  List<Proxy> heldBy(UUID proxyRecordId, LocalDate today, int limit);

  /**
   * Notes that the proxy whose patient token carries {@code proxyIns} acted on the record at {@code
   * at}; true only the first time for their current designation (one statement, whichever instance
   * or transaction gets there first).
   */
  boolean firstAct(UUID recordId, String proxyIns, Instant at);

  void store(Proxy proxy);
}
