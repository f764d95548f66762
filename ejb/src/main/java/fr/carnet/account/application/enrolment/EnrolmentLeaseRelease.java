package fr.carnet.account.application.enrolment;

import fr.carnet.account.model.Enrolments;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;

/**
 * When the job ends (completed, failed or stopped), its lease is given back at once: a restart
 * through another instance need not wait for it to lapse. A killed instance never gets here; its
 * lease lapses by itself.
 */
@Named("enrolmentLeaseRelease")
@Dependent
public class EnrolmentLeaseRelease extends AbstractJobListener {

  @Inject
  @BatchProperty(name = "enrolment")
  private String enrolment;

  @Inject private Enrolments enrolments;
  @Inject private EnrolmentOwner owner;

  @Override
  public void afterJob() {
    enrolments.release(UUID.fromString(enrolment), owner.instance(), owner.life());
  }
}
