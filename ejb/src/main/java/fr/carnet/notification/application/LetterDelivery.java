package fr.carnet.notification.application;

import fr.carnet.notification.infrastructure.PdfLetters;
import fr.carnet.notification.infrastructure.PrintShopFolder;
import fr.carnet.notification.model.Backoff;
import fr.carnet.notification.model.CodeIssuer;
import fr.carnet.notification.model.Delivery;
import fr.carnet.notification.model.Letter;
import fr.carnet.notification.model.LetterComposer;
import fr.carnet.notification.model.NotificationKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers the postal mailboxes a delivery batch claimed: one letter each, all in one print-shop
 * batch, published whole; then each mailbox is marked delivered and its letter traced. A batch that
 * cannot be written or published is dropped, and its mailboxes retried with backoff: the letters go
 * again (with a new code, the earlier one having died with its unpublished letter). A server that
 * dies after publishing and before recording sends the letters again when the lease ends: at least
 * once, as the other channels.
 */
@ApplicationScoped
public class LetterDelivery {

  private static final Logger LOG = Logger.getLogger(LetterDelivery.class.getName());

  @Inject private PrintShopFolder folder;
  @Inject private LetterService letters;
  @Inject private OutboxService outbox;
  @Inject private CodeIssuer codes;
  @Inject private Clock clock;

  /** The most history entries a letter prints: the newest; the space has them all. */
  @Inject
  @ConfigProperty(name = "carnet.letters.history.max", defaultValue = "200")
  private int historyMax;

  @Inject
  @ConfigProperty(
      name = "carnet.notification.space-url",
      defaultValue = "https://carnet.example/mon-espace")
  private String spaceUrl;

  private record Produced(Delivery delivery, PrintShopFolder.Entry entry) {}

  /** Writes and publishes the letters of these mailboxes (all on the POST channel, addressed). */
  public void deliver(List<Delivery> posts, Duration window, Backoff backoff) {
    if (posts.isEmpty()) {
      return;
    }
    LetterComposer composer = new LetterComposer(spaceUrl);
    Instant now = clock.instant();
    List<Produced> produced = new ArrayList<>();
    String batchName;
    try (PrintShopFolder.Batch batch = folder.open(now)) {
      for (Delivery delivery : posts) {
        Optional<CodeIssuer.Code> code =
            has(delivery, NotificationKind.ENROLMENT)
                ? codes.issueFor(delivery.recordId())
                : Optional.empty();
        List<String> history =
            has(delivery, NotificationKind.HISTORY_BY_POST)
                ? letters.history(delivery.recordId(), historyMax)
                : List.of();
        Optional<Letter> letter =
            composer.compose(
                UUID.randomUUID(),
                delivery.recordId(),
                delivery.address(),
                delivery.pending(),
                code,
                history,
                now);
        produced.add(
            new Produced(
                delivery, letter.map(l -> batch.add(l.id(), PdfLetters.render(l))).orElse(null)));
      }
      batch.publish();
      batchName = batch.target().getFileName().toString();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "A batch of letters could not be written; it will be tried again", e);
      for (Delivery delivery : posts) {
        outbox.failed(
            delivery,
            "LETTERS " + e.getClass().getSimpleName() + " " + e.getMessage(),
            clock.instant().plus(backoff.after(delivery.failedAttempts())));
      }
      return;
    }
    for (Produced letter : produced) {
      letters.produced(letter.delivery(), letter.entry(), batchName, clock.instant(), window);
    }
  }

  private static boolean has(Delivery delivery, NotificationKind kind) {
    return delivery.pending().stream().anyMatch(n -> n.kind() == kind);
  }
}
