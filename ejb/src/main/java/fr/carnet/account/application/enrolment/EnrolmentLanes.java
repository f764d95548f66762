package fr.carnet.account.application.enrolment;

import fr.carnet.account.model.Enrolments;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * One partition of the enrolment step per lane of the file (V42), each on its own thread and its
 * own connection: the lanes were cut when the file was registered, and every execution, a restart
 * through another instance included, runs the same lanes from their own restart points (a lane
 * already complete reads nothing).
 */
@Named("enrolmentLanes")
@Dependent
public class EnrolmentLanes implements PartitionMapper {

  @Inject
  @BatchProperty(name = "enrolment")
  private String enrolment;

  @Inject private Enrolments enrolments;

  @Override
  public PartitionPlan mapPartitions() {
    List<Enrolments.Lane> lanes = enrolments.lanes(UUID.fromString(enrolment));
    Properties[] properties = new Properties[lanes.size()];
    for (int i = 0; i < properties.length; i++) {
      properties[i] = new Properties();
      properties[i].setProperty("lane", String.valueOf(lanes.get(i).lane()));
    }
    PartitionPlanImpl plan = new PartitionPlanImpl();
    plan.setPartitions(properties.length);
    plan.setThreads(properties.length);
    plan.setPartitionProperties(properties);
    return plan;
  }
}
