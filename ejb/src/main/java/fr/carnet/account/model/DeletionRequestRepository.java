package fr.carnet.account.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where agents' requests to delete a record at once wait for a second staff member. */
public interface DeletionRequestRepository {

  Optional<DeletionRequest> find(UUID recordId, UUID requestId);

  /** The request, its row locked until the transaction ends (two deciders go one by one). */
  Optional<DeletionRequest> lock(UUID recordId, UUID requestId);

  /** Requests still pending at {@code now}, oldest first. */
  List<DeletionRequest> pending(Instant now, int limit);

  /** The record's requests, newest first. */
  List<DeletionRequest> of(UUID recordId);

  void store(DeletionRequest request);
}
