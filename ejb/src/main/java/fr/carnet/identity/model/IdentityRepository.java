package fr.carnet.identity.model;

import fr.carnet.shared.IdentityRead;
import java.util.Optional;

/** Where identities are kept; looked up by INS number, whatever its kind. */
public interface IdentityRepository {

  @IdentityRead
  Optional<PatientIdentity> findByInsNumber(String insNumber);

  @IdentityRead
  Optional<PatientIdentity> findByRecordId(java.util.UUID recordId);

  /**
   * Identities born on {@code birthDate} whose birth name starts with {@code birthNamePrefix},
   * compared without case, accents or separators; at most {@code limit}, by name.
   */
  @IdentityRead
  java.util.List<PatientIdentity> findByBirthNameAndDate(
      String birthNamePrefix, java.time.LocalDate birthDate, int limit);

  void store(PatientIdentity identity);
}
