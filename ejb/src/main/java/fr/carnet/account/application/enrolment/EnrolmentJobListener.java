package fr.carnet.account.application.enrolment;

import fr.carnet.account.model.Enrolments;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;

/**
 * The enrolment's execution recorded before its first chunk, and its lease given back when the job
 * ends (completed, failed or stopped), so that a restart through another instance need not wait for
 * it to lapse. (A killed instance never gets to the end; its lease lapses by itself.) The execution
 * is recorded here rather than by whoever started the job: once the lanes' chunks run, each
 * share-locks the enrolment's row, and an update of that row would wait for a moment when none
 * does.
 */
@Named("enrolmentJobListener")
@Dependent
public class EnrolmentJobListener extends AbstractJobListener {

  @Inject
  @BatchProperty(name = "enrolment")
  private String enrolment;

  @Inject
  @BatchProperty(name = "run")
  private String run;

  @Inject private Enrolments enrolments;
  @Inject private JobContext job;

  @Override
  public void beforeJob() {
    enrolments.execution(UUID.fromString(enrolment), UUID.fromString(run), job.getExecutionId());
  }

  @Override
  public void afterJob() {
    enrolments.release(UUID.fromString(enrolment), UUID.fromString(run));
  }
}
