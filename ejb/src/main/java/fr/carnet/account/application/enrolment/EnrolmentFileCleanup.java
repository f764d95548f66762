package fr.carnet.account.application.enrolment;

import fr.carnet.account.application.EnrolmentFiles;
import fr.carnet.account.model.Enrolments;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;

/**
 * The job's last step, run only once every line was read and its chunk committed: the file (NIRs,
 * names, contacts) is deleted. A failed or stopped job keeps it, so that a restart can resume.
 */
@Named("enrolmentFileCleanup")
@Dependent
public class EnrolmentFileCleanup extends AbstractBatchlet {

  @Inject
  @BatchProperty(name = "enrolment")
  private String enrolment;

  @Inject private Enrolments enrolments;
  @Inject private java.time.Clock clock;

  @Override
  public String process() {
    UUID id = UUID.fromString(enrolment);
    enrolments.find(id).ifPresent(e -> EnrolmentFiles.delete(e.file()));
    // Complete for every instance: none may restart it, and each reports it COMPLETED.
    enrolments.finish(id, clock.instant());
    return "COMPLETED";
  }
}
