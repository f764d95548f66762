package fr.carnet.access;

import java.util.Objects;
import java.util.Set;

/**
 * The parts of the access rules that are policy, set by configuration: they may change by decree.
 *
 * @param majorityAge the age at which a minor's representatives lose their rights
 * @param writeOnlySpecialties specialties that write and never read (occupational health)
 * @param regulationSpecialties specialties whose doctors may open {@code REGULATION} access
 */
public record PolicySettings(
    int majorityAge, Set<String> writeOnlySpecialties, Set<String> regulationSpecialties) {

  public static final PolicySettings DEFAULTS =
      new PolicySettings(18, Set.of("occupational-health"), Set.of("emergency"));

  public PolicySettings {
    writeOnlySpecialties = Set.copyOf(Objects.requireNonNull(writeOnlySpecialties));
    regulationSpecialties = Set.copyOf(Objects.requireNonNull(regulationSpecialties));
  }
}
