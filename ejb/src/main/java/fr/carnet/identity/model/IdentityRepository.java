package fr.carnet.identity.model;

import java.util.Optional;

/** Where identities are kept; looked up by INS number, whatever its kind. */
public interface IdentityRepository {

  Optional<PatientIdentity> findByInsNumber(String insNumber);

  Optional<PatientIdentity> findByRecordId(java.util.UUID recordId);

  void store(PatientIdentity identity);
}
