package fr.carnet.account.application.enrolment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This instance as the owner of the enrolments it runs: its configured name ({@code
 * carnet.instance.name}; one server alone is {@code server}) and its life, drawn once per
 * deployment, so that the instance started again after a crash knows the executions of its former
 * life are dead. The lease ({@code carnet.enrolment.lease}) is how long another instance waits,
 * after the owner's last committed chunk, before it may take the enrolment over.
 */
@ApplicationScoped
public class EnrolmentOwner {

  private static final UUID LIFE = UUID.randomUUID();

  @Inject
  @ConfigProperty(name = "carnet.instance.name")
  private Optional<String> name;

  @Inject
  @ConfigProperty(name = "carnet.enrolment.lease", defaultValue = "PT30S")
  private Duration lease;

  public String instance() {
    return name.filter(n -> !n.isBlank()).map(String::strip).orElse("server");
  }

  public UUID life() {
    return LIFE;
  }

  public Duration lease() {
    return lease;
  }
}
