package fr.carnet.audit.application;

import fr.carnet.audit.model.TracePartitions;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the next months' trace partitions ready, at startup and every night, on every instance
 * (creating what exists already is a no-op). A trace never waits for a partition: months not yet
 * created fall into the default partition.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class TracePartitionJob {

  private static final Logger LOG = Logger.getLogger(TracePartitionJob.class.getName());

  @Inject private TracePartitions partitions;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.audit.partition-months-ahead", defaultValue = "3")
  private int monthsAhead;

  @PostConstruct
  void atStartup() {
    createAhead();
  }

  @Schedule(hour = "3", minute = "17", persistent = false)
  void createAhead() {
    int made = partitions.createAhead(clock.instant(), monthsAhead);
    if (made > 0) {
      LOG.info(() -> made + " trace partition(s) created");
    }
  }
}
