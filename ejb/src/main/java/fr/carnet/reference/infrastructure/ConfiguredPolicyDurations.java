package fr.carnet.reference.infrastructure;

import fr.carnet.reference.model.DurationSetting;
import fr.carnet.reference.model.PolicyDuration;
import fr.carnet.reference.model.PolicyDurations;
import fr.carnet.reference.model.PolicyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The durations in force: an administrator's value from the database, else the configured one. The
 * database's values are kept in memory for a short while ({@code carnet.policy.durations-refresh}):
 * a change is in force at once on the node that made it, and on the others within that time.
 */
@ApplicationScoped
public class ConfiguredPolicyDurations implements PolicyDurations {

  @Inject private PolicyRepository policy;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.policy.durations-refresh", defaultValue = "PT30S")
  private Duration refresh;

  private volatile Map<PolicyDuration, DurationSetting> overrides;
  private volatile Instant readAt = Instant.MIN;

  @Override
  public String value(PolicyDuration duration) {
    Instant now = clock.instant();
    if (overrides == null || readAt.plus(refresh).isBefore(now)) {
      overrides = Map.copyOf(policy.durationOverrides());
      readAt = now;
    }
    DurationSetting set = overrides.get(duration);
    return set != null ? set.value() : configured(duration);
  }

  @Override
  public String configured(PolicyDuration duration) {
    return ConfigProvider.getConfig()
        .getOptionalValue(duration.configKey(), String.class)
        .map(value -> duration.validate(value))
        .orElse(duration.fallback());
  }

  @Override
  public void forget() {
    overrides = null;
  }
}
