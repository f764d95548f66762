package fr.carnet.record.infrastructure;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes the objects that no document carries (a push that crashed or was rolled back after its
 * put, a replayed push, a purged record's objects), on every instance: pending keys are claimed
 * with SKIP LOCKED, in batches of one transaction each. Runs only with the object store.
 */
@ApplicationScoped
public class ContentSweepJob {

  private static final Logger LOG = Logger.getLogger(ContentSweepJob.class.getName());

  @Resource private ManagedScheduledExecutorService scheduler;
  @Inject private ConfiguredContentStore store;

  @Inject
  @ConfigProperty(name = "carnet.content.sweep.interval", defaultValue = "PT5M")
  Duration interval;

  // Longer than any push takes between its put and its commit: a younger key may be a push's.
  @Inject
  @ConfigProperty(name = "carnet.content.sweep.grace", defaultValue = "PT15M")
  Duration grace;

  @Inject
  @ConfigProperty(name = "carnet.content.sweep.batch", defaultValue = "500")
  int batch;

  private ScheduledFuture<?> schedule;

  void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
    ObjectContentStore objects = store.objects();
    if (objects != null) {
      objects.prepare();
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
      long swept = 0;
      for (int done = batch; done == batch; swept += done) {
        done = store.objects().sweep(grace, batch);
      }
      if (swept > 0) {
        long s = swept;
        LOG.info(() -> s + " orphan content object(s) removed");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Content sweep failed; it runs again at its next time", e);
    }
  }
}
