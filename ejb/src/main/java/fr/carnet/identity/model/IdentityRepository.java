package fr.carnet.identity.model;

import java.util.Optional;

/** Where identities are kept; looked up by INS number, whatever its kind. */
public interface IdentityRepository {

  Optional<PatientIdentity> findByInsNumber(String insNumber);

  Optional<PatientIdentity> findByRecordId(java.util.UUID recordId);

  /**
   * Identities born on {@code birthDate} whose birth name starts with {@code birthNamePrefix},
   * compared without case, accents or separators; at most {@code limit}, by name.
   */
  java.util.List<PatientIdentity> findByBirthNameAndDate(
      String birthNamePrefix, java.time.LocalDate birthDate, int limit);

  void store(PatientIdentity identity);
}
