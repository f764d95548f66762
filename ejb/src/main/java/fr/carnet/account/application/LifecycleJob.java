package fr.carnet.account.application;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the records whose opposition window ended and purges those whose retention ended, every few
 * minutes on every instance. Idempotent (a record opens or is purged once, whatever runs it) and
 * safe with several instances (rows claimed with SKIP LOCKED), in batches of one transaction each,
 * so that a crash loses at most the batch under way, which the next run takes again.
 */
@ApplicationScoped
public class LifecycleJob {

  private static final Logger LOG = Logger.getLogger(LifecycleJob.class.getName());

  @Resource private ManagedScheduledExecutorService scheduler;
  @EJB private LifecycleService lifecycle;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.lifecycle.job.enabled", defaultValue = "true")
  private boolean enabled;

  @Inject
  @ConfigProperty(name = "carnet.lifecycle.job.interval", defaultValue = "PT5M")
  private Duration interval;

  @Inject
  @ConfigProperty(name = "carnet.lifecycle.job.batch", defaultValue = "500")
  private int batch;

  private ScheduledFuture<?> schedule;

  void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
    if (enabled) {
      schedule =
          scheduler.scheduleWithFixedDelay(
              this::run, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  void run() {
    try {
      long opened = 0;
      for (int done = batch; done == batch; opened += done) {
        done = lifecycle.openEndedWindows(clock.instant(), batch);
      }
      long purged = 0;
      for (int done = batch; done == batch; purged += done) {
        done = lifecycle.purgeEndedRetentions(clock.instant(), batch);
      }
      if (opened + purged > 0) {
        long o = opened;
        long p = purged;
        LOG.info(() -> o + " record(s) opened at their window's end, " + p + " purged");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Lifecycle job failed; it runs again at its next time", e);
    }
  }
}
