package fr.carnet.access;

import java.util.Objects;
import java.util.Set;

/**
 * The parts of the access rules that are policy, set by configuration: they may change by decree.
 *
 * @param majorityAge the age at which a minor's representatives lose their rights
 * @param writeOnlySpecialties specialties that write and never read (occupational health)
 * @param regulationSpecialties specialties whose doctors may open {@code REGULATION} access
 * @param pharmacistProfessions the RPPS profession codes of pharmacists (21): Carnet has no
 *     organisation types, so a FINESS is a pharmacy, to the messaging, through its pharmacists
 * @param prescriptionClasses the document classes a patient may send to a pharmacy as a
 *     prescription
 */
public record PolicySettings(
    int majorityAge,
    Set<String> writeOnlySpecialties,
    Set<String> regulationSpecialties,
    Set<String> pharmacistProfessions,
    Set<String> prescriptionClasses) {

  public static final PolicySettings DEFAULTS =
      new PolicySettings(18, Set.of("occupational-health"), Set.of("emergency"));

  public PolicySettings {
    writeOnlySpecialties = Set.copyOf(Objects.requireNonNull(writeOnlySpecialties));
    regulationSpecialties = Set.copyOf(Objects.requireNonNull(regulationSpecialties));
    pharmacistProfessions = Set.copyOf(Objects.requireNonNull(pharmacistProfessions));
    prescriptionClasses = Set.copyOf(Objects.requireNonNull(prescriptionClasses));
  }

  /** The settings with the messaging's defaults: pharmacists (21), PRESCRIPTION documents. */
  public PolicySettings(
      int majorityAge, Set<String> writeOnlySpecialties, Set<String> regulationSpecialties) {
    this(
        majorityAge,
        writeOnlySpecialties,
        regulationSpecialties,
        Set.of("21"),
        Set.of("PRESCRIPTION"));
  }
}
