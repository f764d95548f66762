package fr.carnet.agenda.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the prevention reminders that are due, on every instance, every {@code
 * carnet.agenda.reminder-interval} (a day by default): batches of {@code
 * carnet.agenda.reminder-batch} records in a transaction each, claimed with SKIP LOCKED. A record
 * is looked at again once half the interval has passed since its last look, so that instances share
 * the work; whatever they do, a reminder is sent once per period (the table's key). Started after
 * the migrations (its tables are V34's), its runs outside the singleton's lock.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class ReminderJob {

  private static final Logger LOG = Logger.getLogger(ReminderJob.class.getName());

  @Resource private ManagedScheduledExecutorService scheduler;
  @EJB private ReminderService reminders;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.agenda.reminder-interval", defaultValue = "PT24H")
  Duration interval;

  @Inject
  @ConfigProperty(name = "carnet.agenda.reminder-batch", defaultValue = "200")
  int batch;

  private ScheduledFuture<?> schedule;

  @PostConstruct
  void start() {
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
      ReminderService.Counter sent = new ReminderService.Counter();
      java.time.Instant lookedBefore = ReminderService.lookedBefore(clock.instant(), interval);
      int looked;
      // One transaction a batch, until a batch comes back short: a backlog never holds one lock.
      do {
        looked = reminders.sendDue(lookedBefore, batch, sent);
      } while (looked == batch);
      if (sent.count() > 0) {
        LOG.info(() -> sent.count() + " prevention reminder(s) sent");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Prevention reminders failed; they run again at their next time", e);
    }
  }
}
