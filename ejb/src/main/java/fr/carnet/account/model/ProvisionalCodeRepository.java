package fr.carnet.account.model;

import java.util.Optional;
import java.util.UUID;

public interface ProvisionalCodeRepository {

  Optional<ProvisionalCode> find(UUID recordId);

  void store(ProvisionalCode code);

  /** Removes the record's code: after opposition or closure it must open nothing. */
  void remove(UUID recordId);
}
