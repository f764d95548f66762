package fr.carnet.notification.application;

import fr.carnet.notification.model.Backoff;
import fr.carnet.notification.model.Channel;
import fr.carnet.notification.model.CodeIssuer;
import fr.carnet.notification.model.Delivery;
import fr.carnet.notification.model.DeliveryFailure;
import fr.carnet.notification.model.Message;
import fr.carnet.notification.model.MessageChannel;
import fr.carnet.notification.model.MessageComposer;
import fr.carnet.notification.model.NotificationKind;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers the outbox: every few seconds, on every server instance, claims due mailboxes (rows that
 * another instance holds are skipped), sends one message per mailbox, and records the outcome. A
 * failure leaves the notifications in place, retried with exponential backoff, for as long as it
 * takes: none is dropped because a server is down.
 *
 * <p>Delivery is at least once: an instance that dies between sending and recording leaves its
 * lease to expire, and the message goes again.
 */
@ApplicationScoped
public class NotificationDelivery {

  private static final Logger LOG = Logger.getLogger(NotificationDelivery.class.getName());

  // The container's scheduler rather than an EJB timer: with an EJB singleton and its timer here,
  // API requests bearing a console session cookie came out authenticated (ConsoleE2EIT caught
  // it); the cause inside Payara was not found.
  @Resource private ManagedScheduledExecutorService scheduler;
  @Inject private OutboxService outbox;
  @Inject private Instance<MessageChannel> channels;
  @Inject private CodeIssuer codes;
  @Inject private LetterDelivery letters;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.notification.delivery.enabled", defaultValue = "true")
  private boolean enabled;

  @Inject
  @ConfigProperty(name = "carnet.notification.delivery.interval", defaultValue = "PT10S")
  private Duration interval;

  @Inject
  @ConfigProperty(name = "carnet.notification.delivery.batch", defaultValue = "50")
  private int batch;

  @Inject
  @ConfigProperty(name = "carnet.notification.delivery.lease", defaultValue = "PT5M")
  private Duration lease;

  @Inject
  @ConfigProperty(name = "carnet.notification.retry.initial", defaultValue = "PT30S")
  private Duration initialRetry;

  @Inject
  @ConfigProperty(name = "carnet.notification.retry.max", defaultValue = "PT1H")
  private Duration maxRetry;

  @Inject
  @ConfigProperty(name = "carnet.notification.window", defaultValue = "PT1H")
  private Duration window;

  @Inject
  @ConfigProperty(
      name = "carnet.notification.space-url",
      defaultValue = "https://carnet.example/mon-espace")
  private String spaceUrl;

  private final AtomicBoolean running = new AtomicBoolean();
  private MessageComposer composer;
  private Backoff backoff;
  private final Map<Channel, MessageChannel> byChannel = new EnumMap<>(Channel.class);

  private ScheduledFuture<?> schedule;

  /** Starts with the application, on each instance: the row claims share the work. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
    composer = new MessageComposer(spaceUrl);
    backoff = new Backoff(initialRetry, maxRetry);
    if (enabled) {
      schedule =
          scheduler.scheduleWithFixedDelay(
              this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }

  void tick() {
    // A tick that outlasts the interval is not doubled by the next one.
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      int claimed;
      do {
        claimed = deliverBatch();
      } while (claimed == batch);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Notification delivery failed; it will be tried again", e);
    } finally {
      running.set(false);
    }
  }

  // Resolved at the first delivery, in the scheduler's thread, rather than while the application
  // deploys: the SMS channel's HTTP client starts threads of its own.
  private MessageChannel channel(Channel channel) {
    if (byChannel.isEmpty()) {
      channels.forEach(candidate -> byChannel.put(candidate.channel(), candidate));
    }
    return byChannel.get(channel);
  }

  /** One batch of due mailboxes; answers how many were claimed. */
  int deliverBatch() {
    Instant now = clock.instant();
    List<Delivery> deliveries = outbox.claim(now, lease, batch, 200);
    // A channel that failed once in this batch is down for the rest of it: the other mailboxes
    // wait their backoff instead of each waiting for a timeout.
    Map<Channel, String> down = new HashMap<>();
    List<Delivery> posts = new ArrayList<>();
    for (Delivery delivery : deliveries) {
      if (delivery.pending().isEmpty()) {
        outbox.delivered(delivery, "SENT", clock.instant(), Duration.ZERO);
        continue;
      }
      if (delivery.address() == null) {
        // The patient removed this contact since: nowhere to send, nothing to retry. On POST, the
        // record has no address at all: the agents' list of impossible letters shows it.
        if (delivery.channel() == Channel.POST) {
          LOG.warning(() -> "A letter to record " + delivery.recordId() + " has no address");
        }
        outbox.delivered(delivery, "NO_ADDRESS", clock.instant(), Duration.ZERO);
        continue;
      }
      if (delivery.channel() == Channel.POST) {
        // Letters go in one print-shop batch, published after the other channels' messages.
        posts.add(delivery);
        continue;
      }
      String failure = down.get(delivery.channel());
      if (failure == null) {
        try {
          Optional<CodeIssuer.Code> code =
              delivery.pending().stream().anyMatch(n -> n.kind() == NotificationKind.ENROLMENT)
                  ? codes.issueFor(delivery.recordId())
                  : Optional.empty();
          Optional<Message> message =
              composer.compose(delivery.channel(), delivery.pending(), code);
          if (message.isPresent()) {
            channel(delivery.channel()).send(delivery.address(), message.get());
          }
          outbox.delivered(delivery, "SENT", clock.instant(), window);
          continue;
        } catch (DeliveryFailure e) {
          failure = e.getMessage();
          if (!e.recipientOnly()) {
            // Until 2026-12-03 any failure took the channel down: one address the mail library
            // refused, always due first, held back every other email of every batch it was in.
            down.put(delivery.channel(), failure);
          }
          LOG.warning(
              () ->
                  "Notifications of record "
                      + delivery.recordId()
                      + " not sent by "
                      + delivery.channel()
                      + " (attempt "
                      + (delivery.failedAttempts() + 1)
                      + "): "
                      + e.getMessage());
        }
      }
      outbox.failed(
          delivery, failure, clock.instant().plus(backoff.after(delivery.failedAttempts())));
    }
    letters.deliver(posts, window, backoff);
    return deliveries.size();
  }
}
