package fr.carnet.reference.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The parts of the policy kept as data besides the matrix: the mapping of document types to classes
 * and the durations set by administrators, each with its history.
 */
public interface PolicyRepository {

  List<TypeMapping> types();

  /** Maps a type to a class (a new type is added); returns the class it had, or null. */
  String mapType(TypeMapping mapping, String changedBy, Instant at);

  List<TypeMappingChange> typeChanges(int limit);

  /** The values set by administrators, by duration; absent ones take the configured value. */
  Map<PolicyDuration, DurationSetting> durationOverrides();

  /** Sets a duration; returns the value it had (null if it took the configured one). */
  String setDuration(PolicyDuration duration, String value, String changedBy, Instant at);

  List<DurationChange> durationChanges(int limit);
}
