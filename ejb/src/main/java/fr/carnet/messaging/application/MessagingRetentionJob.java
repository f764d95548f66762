package fr.carnet.messaging.application;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
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
 * Deletes conversations past the database's retention (V41's {@code messaging_retention}, at least
 * a year, counted from their last message: the application names no cutoff), on every instance:
 * batches of 500 in a transaction each, claimed with SKIP LOCKED, so instances running it together
 * share the work. A purged record or an opposition that deletes the data loses them at once (V33:
 * the trigger and {@code erase_record_content}).
 */
@ApplicationScoped
public class MessagingRetentionJob {

  private static final int BATCH = 500;
  private static final Logger LOG = Logger.getLogger(MessagingRetentionJob.class.getName());

  @Resource private ManagedScheduledExecutorService scheduler;
  @EJB private MessagingService messaging;

  @Inject
  @ConfigProperty(name = "carnet.messaging.retention-interval", defaultValue = "PT6H")
  Duration interval;

  private ScheduledFuture<?> schedule;

  void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
    schedule =
        scheduler.scheduleWithFixedDelay(
            this::run, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  void run() {
    try {
      int purged = 0;
      int batch;
      // One transaction a batch, until a batch comes back short: a backlog never holds one lock.
      do {
        batch = messaging.purgeExpired(BATCH);
        purged += batch;
      } while (batch == BATCH);
      int total = purged;
      if (total > 0) {
        LOG.info(() -> total + " conversation(s) past their retention deleted");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Messaging retention failed; it runs again at its next time", e);
    }
  }
}
