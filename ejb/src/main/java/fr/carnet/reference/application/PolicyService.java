package fr.carnet.reference.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.application.AccessGate;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.reference.model.DurationChange;
import fr.carnet.reference.model.DurationSetting;
import fr.carnet.reference.model.MatrixRepository;
import fr.carnet.reference.model.PolicyDuration;
import fr.carnet.reference.model.PolicyDurations;
import fr.carnet.reference.model.PolicyRepository;
import fr.carnet.reference.model.ReferenceData;
import fr.carnet.reference.model.TypeMapping;
import fr.carnet.reference.model.TypeMappingChange;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The policy that administrators keep besides the matrix: which class each document type falls in,
 * and the durations of the rule book. Reading is for administrators (as the matrix); each change is
 * traced, kept in its history, and in force at the next access.
 */
@Stateless
public class PolicyService {

  private static final int HISTORY_SIZE = 500;
  private static final Pattern SYSTEM = Pattern.compile("[A-Za-z0-9:./_-]{1,128}");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  @Inject private PolicyRepository policy;
  @Inject private MatrixRepository matrix;
  @Inject private ReferenceData reference;
  @Inject private PolicyDurations durations;
  @Inject private AccessGate gate;
  @Inject private Clock clock;

  public List<TypeMapping> types(Actor actor) {
    require(actor, AccountAction.READ_MATRIX, TraceAction.MATRIX_READ, "types");
    return policy.types();
  }

  public List<TypeMappingChange> typeChanges(Actor actor) {
    require(actor, AccountAction.READ_MATRIX, TraceAction.MATRIX_READ, "type changes");
    return policy.typeChanges(HISTORY_SIZE);
  }

  /**
   * Puts a document type in a class, or adds a type. Documents already filed keep the class they
   * were filed under; the mapping decides the class of what is pushed from now on.
   */
  public TypeMappingChange mapType(Actor actor, String system, String code, String classCode) {
    String target = system + "|" + code;
    require(actor, AccountAction.EDIT_REFERENCE, TraceAction.TYPE_MAPPING_CHANGE, target);
    if (system == null || !SYSTEM.matcher(system).matches()) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "system is a code system's URI or OID");
    }
    if (code == null || !CODE.matcher(code).matches()) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "code is 1 to 64 letters or digits");
    }
    if (!matrix.classExists(classCode)) {
      throw new CarnetException(ErrorCode.DOCUMENT_CLASS_UNKNOWN);
    }
    String was =
        policy.mapType(new TypeMapping(system, code, classCode), actor.subject(), clock.instant());
    // This node forgets at once; the others on their next access, through the version.
    reference.sync(matrix.version());
    return new TypeMappingChange(clock.instant(), actor.subject(), system, code, was, classCode);
  }

  /** Every policy duration: the value in force, the configured one, who set it. */
  public List<DurationSetting> durations(Actor actor) {
    require(actor, AccountAction.READ_MATRIX, TraceAction.MATRIX_READ, "durations");
    Map<PolicyDuration, DurationSetting> set = policy.durationOverrides();
    return Arrays.stream(PolicyDuration.values())
        .map(
            duration -> {
              String configured = durations.configured(duration);
              DurationSetting override = set.get(duration);
              return override == null
                  ? new DurationSetting(duration, configured, configured, null, null)
                  : new DurationSetting(
                      duration,
                      override.value(),
                      configured,
                      override.changedBy(),
                      override.changedAt());
            })
        .toList();
  }

  public List<DurationChange> durationChanges(Actor actor) {
    require(actor, AccountAction.READ_MATRIX, TraceAction.MATRIX_READ, "duration changes");
    return policy.durationChanges(HISTORY_SIZE);
  }

  /** Sets a duration (ISO-8601); in force for what starts from now on (grants, windows, codes). */
  public DurationChange setDuration(Actor actor, PolicyDuration duration, String value) {
    require(
        actor, AccountAction.EDIT_REFERENCE, TraceAction.DURATION_CHANGE, duration + "=" + value);
    String valid;
    try {
      valid = duration.validate(value);
    } catch (IllegalArgumentException e) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, e.getMessage());
    }
    String was = policy.setDuration(duration, valid, actor.subject(), clock.instant());
    durations.forget();
    return new DurationChange(clock.instant(), actor.subject(), duration, was, valid);
  }

  private void require(Actor actor, AccountAction action, TraceAction traced, String detail) {
    gate.admit(actor, action, traced, detail);
  }
}
