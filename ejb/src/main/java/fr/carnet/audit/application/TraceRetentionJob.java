package fr.carnet.audit.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Drops the monthly trace partitions past their retention, every night on every instance (one at a
 * time: the database's advisory lock; dropping what is gone already is a no-op). A partition that
 * is old enough but not yet proven so (traces not in the tree, no witnessed head old enough) waits,
 * and the log says why. The retention is checked at startup: below three years, Carnet refuses to
 * start.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class TraceRetentionJob {

  private static final Logger LOG = Logger.getLogger(TraceRetentionJob.class.getName());

  @EJB private RetentionService retention;
  @Resource private TimerService timers;

  /** When it runs, as {@code hour:minute:second} in the EJB calendar's syntax (UTC). */
  @Inject
  @ConfigProperty(name = "carnet.audit.retention.schedule", defaultValue = "3:47:0")
  private String schedule;

  private final AtomicBoolean running = new AtomicBoolean();

  @PostConstruct
  void atStartup() {
    // Refuses a retention below three years before anything is served.
    var rule = retention.rule();
    String[] at = schedule.strip().split(":");
    if (at.length != 3) {
      throw new IllegalArgumentException(
          "carnet.audit.retention.schedule is hour:minute:second, not " + schedule);
    }
    timers.createCalendarTimer(
        new ScheduleExpression().hour(at[0]).minute(at[1]).second(at[2]).timezone("UTC"),
        new TimerConfig("trace-retention", false));
    LOG.info(
        () -> "Trace retention " + rule.retention() + "; old partitions purged at " + schedule);
  }

  /** Each partition in a transaction of its own: one refused does not undo another. */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void purge() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      for (String partition : retention.due()) {
        RetentionService.Outcome outcome;
        try {
          outcome = retention.purgeIfDue(partition);
        } catch (RuntimeException e) {
          LOG.log(
              Level.WARNING, "Trace partition " + partition + " not purged; tried again later", e);
          continue;
        }
        if (outcome == null) {
          continue;
        }
        switch (outcome.verdict()) {
          case PURGE ->
              LOG.info(
                  () ->
                      "Trace partition "
                          + partition
                          + " purged (retention): "
                          + outcome.traces()
                          + " trace(s), their leaves kept; purge "
                          + outcome.purgeId());
          case WAIT_NOT_IN_TREE ->
              LOG.warning(
                  () ->
                      "Trace partition "
                          + partition
                          + " is past its retention but waits: some of its traces are not yet in"
                          + " the tree");
          case WAIT_NOT_WITNESSED ->
              LOG.warning(
                  () ->
                      "Trace partition "
                          + partition
                          + " is past its retention but waits: no witnessed head covers its last"
                          + " leaf ("
                          + outcome.last()
                          + ") yet");
          case WAIT_WITNESSED_TOO_RECENTLY ->
              LOG.warning(
                  () ->
                      "Trace partition "
                          + partition
                          + " is past its retention by its months but waits: its last leaf ("
                          + outcome.last()
                          + ") was first witnessed within the retention, so it cannot be proven"
                          + " that old");
          default -> {}
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Trace retention failed; it will try again at its next run", e);
    } finally {
      running.set(false);
    }
  }
}
