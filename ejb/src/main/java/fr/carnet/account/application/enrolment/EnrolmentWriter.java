package fr.carnet.account.application.enrolment;

import fr.carnet.account.model.Enrolments;
import fr.carnet.reference.model.PolicyDuration;
import fr.carnet.reference.model.PolicyDurations;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes a chunk of its lane in its transaction: pending records with their identities, traces and
 * information messages, the rejected lines, and the lane's restart point, all or nothing.
 */
@Named("enrolmentWriter")
@Dependent
public class EnrolmentWriter extends AbstractItemWriter {

  @Inject
  @BatchProperty(name = "enrolment")
  private String enrolment;

  @Inject
  @BatchProperty(name = "lane")
  private String lane;

  /** The launch of the job this chunk belongs to: written only while it is the current one. */
  @Inject
  @BatchProperty(name = "run")
  private String run;

  @Inject private Enrolments enrolments;
  @Inject private Clock clock;
  @Inject private EnrolmentOwner owner;

  @Inject private PolicyDurations durations;

  @Inject
  @ConfigProperty(name = "carnet.notification.window", defaultValue = "PT1H")
  private Duration notificationWindow;

  @Override
  public void writeItems(List<Object> items) {
    UUID id = UUID.fromString(enrolment);
    List<Enrolments.Person> persons = new ArrayList<>();
    List<Enrolments.Rejection> rejections = new ArrayList<>();
    long lastLine = 0;
    for (Object item : items) {
      EnrolmentItem checked = (EnrolmentItem) item;
      if (checked.person() != null) {
        persons.add(checked.person());
        lastLine = Math.max(lastLine, checked.person().line());
      } else {
        rejections.add(checked.rejection());
        lastLine = Math.max(lastLine, checked.rejection().line());
      }
    }
    Enrolments.Progress progress = enrolments.find(id).orElseThrow();
    Enrolments.Lane range = enrolments.lanes(id).get(Integer.parseInt(lane));
    // Filtered lines (a header, blanks) count as read: the restart point is after the last line
    // this chunk saw, which is at least the last line it wrote.
    long nextLine = Math.max(range.nextLine(), lastLine + 1);
    Instant now = clock.instant();
    enrolments.writeChunk(
        new Enrolments.Writer(
            owner.instance(),
            owner.life(),
            UUID.fromString(run),
            owner.lease(),
            range.lane(),
            range.nextLine()),
        id,
        persons,
        rejections,
        nextLine,
        nextLine - range.nextLine(),
        now,
        now.plus(durations.duration(PolicyDuration.OPPOSITION_WINDOW)),
        progress.startedBy(),
        notificationWindow);
  }
}
