package fr.carnet.agenda.application;

import fr.carnet.agenda.model.PreventionCalendar;
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
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the prevention reminders that are due, on every instance, every {@code
 * carnet.agenda.reminder-interval} (a day by default): batches of {@code
 * carnet.agenda.reminder-batch} records claimed with SKIP LOCKED in a transaction each, then each
 * person's reminders in a transaction of their own (one failure is logged and skipped). A record is
 * looked at again once half the interval has passed since its last look, so that instances share
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
      int sent = 0;
      int failed = 0;
      java.time.Instant lookedBefore = ReminderService.lookedBefore(clock.instant(), interval);
      int looked;
      // One transaction a claimed batch, until a batch comes back short (a backlog never holds one
      // lock), then one a person: one person's failure does not roll back the others' reminders.
      do {
        List<PreventionCalendar.Person> people = reminders.claim(lookedBefore, batch);
        looked = people.size();
        for (PreventionCalendar.Person person : people) {
          try {
            sent += reminders.sendTo(person);
          } catch (RuntimeException e) {
            failed++;
            LOG.log(Level.WARNING, "One person's prevention reminders failed; tried next run", e);
          }
        }
      } while (looked == batch);
      int total = sent;
      int failures = failed;
      if (total > 0 || failures > 0) {
        LOG.info(() -> total + " prevention reminder(s) sent, " + failures + " person(s) failed");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Prevention reminders failed; they run again at their next time", e);
    }
  }
}
