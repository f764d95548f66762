package fr.carnet.identity.model;

import java.util.Optional;

/** Where identities are kept; looked up by INS number, whatever its kind. */
public interface IdentityRepository {

  Optional<PatientIdentity> findByInsNumber(String insNumber);

  void store(PatientIdentity identity);
}
