package fr.carnet.audit.application;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tree's background work, on every instance (an advisory lock lets one at a time do it): the
 * sequencer appends new traces every {@code carnet.audit.tree.interval}, and a signed head is
 * published every {@code carnet.audit.tree.head-interval} when the tree grew.
 */
@ApplicationScoped
public class TreeJobs {

  private static final Logger LOG = Logger.getLogger(TreeJobs.class.getName());

  // The container's scheduler, as NotificationDelivery does, rather than an EJB timer.
  @Resource private ManagedScheduledExecutorService scheduler;
  @Inject private TreeService tree;

  @Inject
  @ConfigProperty(name = "carnet.audit.tree.enabled", defaultValue = "true")
  private boolean enabled;

  @Inject
  @ConfigProperty(name = "carnet.audit.tree.interval", defaultValue = "PT1S")
  private Duration interval;

  @Inject
  @ConfigProperty(name = "carnet.audit.tree.head-interval", defaultValue = "PT10S")
  private Duration headInterval;

  @Inject
  @ConfigProperty(name = "carnet.audit.tree.batch", defaultValue = "5000")
  private int batch;

  private final AtomicBoolean sequencing = new AtomicBoolean();
  private final AtomicBoolean signing = new AtomicBoolean();
  private ScheduledFuture<?> sequencer;
  private ScheduledFuture<?> heads;

  void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
    if (enabled) {
      sequencer =
          scheduler.scheduleWithFixedDelay(
              this::sequence, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
      heads =
          scheduler.scheduleWithFixedDelay(
              this::publish,
              headInterval.toMillis(),
              headInterval.toMillis(),
              TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  void stop() {
    if (sequencer != null) {
      sequencer.cancel(false);
    }
    if (heads != null) {
      heads.cancel(false);
    }
  }

  void sequence() {
    if (!sequencing.compareAndSet(false, true)) {
      return;
    }
    try {
      long started = System.nanoTime();
      TreeService.Batch appended = tree.sequence(null);
      long total = appended.appended();
      while (appended.appended() == batch) {
        appended = tree.sequence(appended);
        total += appended.appended();
      }
      if (total >= batch) {
        long appendedTotal = total;
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info(
            () ->
                String.format(
                    "Audit tree: %d traces appended in %.1f s (%.0f/s)",
                    appendedTotal, seconds, appendedTotal / seconds));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The audit tree's sequencer failed; it will try again", e);
    } finally {
      sequencing.set(false);
    }
  }

  void publish() {
    if (!signing.compareAndSet(false, true)) {
      return;
    }
    try {
      tree.publishHead(false);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "No tree head published this time; it will try again", e);
    } finally {
      signing.set(false);
    }
  }
}
