package fr.carnet.notification.application;

import fr.carnet.access.AccessMode;
import fr.carnet.audit.model.AccessTraced;
import fr.carnet.audit.model.ActionWording;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.notification.model.NotificationKind;
import fr.carnet.notification.model.NotificationToQueue;
import fr.carnet.notification.model.Outbox;
import fr.carnet.record.model.RecordState;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides what the patient is told, and queues it in the outbox within the transaction of its
 * cause: a notification exists exactly when what it tells committed. Delivery is {@link
 * NotificationDelivery}'s business.
 */
@ApplicationScoped
public class Notifications {

  /**
   * Reading the record, as opposed to feeding it (told as a document's arrival) or looking it up.
   */
  private static final Set<TraceAction> READS =
      EnumSet.of(
          TraceAction.DOCUMENT_SEARCH,
          TraceAction.DOCUMENT_READ,
          TraceAction.CONTENT_READ,
          TraceAction.PROFILE_READ,
          TraceAction.SUMMARY_READ);

  // Pairs (record, professional) known to the database as not first anymore, so that repeated
  // reads cost no round trip. Only what the database answered is kept: a first access that rolls
  // back is not remembered. Bounded by dropping everything now and then.
  private static final int KNOWN_READERS_CAPACITY = 100_000;
  private final Set<KnownReader> knownReaders = ConcurrentHashMap.newKeySet();

  @Inject private Outbox outbox;
  @Inject private Clock clock;

  @Resource private TransactionSynchronizationRegistry transactions;

  /** At most one message per mailbox (record and channel) within this window. */
  @Inject
  @ConfigProperty(name = "carnet.notification.window", defaultValue = "PT1H")
  private Duration window;

  void onAccess(@Observes AccessTraced access) {
    Actor actor = access.actor();
    if (!actor.is(Role.PROFESSIONAL)
        || access.recordId() == null
        || !access.decision().permitted()
        || actor.rpps() == null) {
      return;
    }
    if (access.action() == TraceAction.GRANT_CREATE
        && access.decision().mode() != null
        && access.decision().mode() != AccessMode.NORMAL) {
      queue(
          access.recordId(),
          NotificationKind.BREAK_GLASS,
          actor.rpps(),
          actor.profession(),
          access.decision().mode().name());
    } else if (READS.contains(access.action()) && !access.subject().secretFromPatientSide()) {
      // A read of a document withheld from the patient or kept from the representatives is not
      // told (the contact may be a parent's), nor remembered: the next plain read is the first.
      KnownReader reader = new KnownReader(access.recordId(), actor.rpps());
      if (!knownReaders.contains(reader)) {
        checkTransaction();
        boolean first =
            outbox.noteReader(
                access.recordId(), actor.rpps(), actor.profession(), clock.instant(), window);
        if (!first) {
          if (knownReaders.size() >= KNOWN_READERS_CAPACITY) {
            knownReaders.clear();
          }
          knownReaders.add(reader);
        }
      }
    }
  }

  /** A document the patient may see was filed (or released to them). */
  public void documentArrived(UUID recordId) {
    queue(recordId, NotificationKind.DOCUMENT_ARRIVED, null, null, null);
  }

  /**
   * The notification of a document's arrival, for the statement that files it to queue (one round
   * trip for both): nothing is queued here.
   */
  public NotificationToQueue documentArrival(UUID recordId) {
    checkTransaction();
    return notification(recordId, NotificationKind.DOCUMENT_ARRIVED, null, null, null);
  }

  /** A record was created pending: the information message, its code issued as it is sent. */
  public void enrolled(UUID recordId, Instant oppositionDeadline) {
    queue(recordId, NotificationKind.ENROLMENT, null, null, oppositionDeadline.toString());
  }

  /** The record changed state. */
  public void accountStateChanged(UUID recordId, RecordState state) {
    queue(recordId, NotificationKind.ACCOUNT_STATE, null, null, state.name());
  }

  /**
   * Something happened to the record's legal representation ({@code REQUESTED}, {@code APPROVED});
   * {@code forRepresented} when {@code recordId} is a representative's own record, told about the
   * person they represent (never named).
   */
  public void representation(UUID recordId, String event, boolean forRepresented) {
    queue(
        recordId,
        NotificationKind.REPRESENTATION,
        null,
        null,
        forRepresented ? event + "_FOR_REPRESENTED" : event);
  }

  /** An agent asked for the record's deletion at once: it waits for a second staff member. */
  public void deletionRequested(UUID recordId, boolean forRepresented) {
    queue(
        recordId,
        NotificationKind.DELETION,
        null,
        null,
        forRepresented ? "REQUESTED_FOR_REPRESENTED" : "REQUESTED");
  }

  /**
   * A proxy the patient chose acted on the record for the first time ({@code FIRST_ACT}), or gave
   * their designation up ({@code RENOUNCED}).
   */
  public void proxy(UUID recordId, String event) {
    queue(recordId, NotificationKind.PROXY, null, null, event);
  }

  /** The record's export was asked to be sent: the person is told where to download it. */
  public void exportOffered(UUID recordId) {
    queue(recordId, NotificationKind.EXPORT_OFFERED, null, null, null);
  }

  /**
   * The person asked (to an agent, usually) for their access history by post: a letter lists it
   * (migration V30 sends this kind by post only, whatever other contact the record has).
   */
  public void historyByPost(UUID recordId) {
    queue(recordId, NotificationKind.HISTORY_BY_POST, null, null, null);
  }

  /**
   * The person asked for their export by post: a letter tells them how to get it, the export itself
   * being health data that is never printed. By post only, as {@link #historyByPost}.
   */
  public void exportByPost(UUID recordId) {
    queue(recordId, NotificationKind.EXPORT_BY_POST, null, null, null);
  }

  /**
   * A call-centre agent changed the person's controls on the phone: the person is told what and
   * when, on their channels whatever their settings (V30), so that a change made for someone who
   * did not call is seen. Nothing for the patient's own changes, which they know.
   */
  public void agentChanged(Actor actor, UUID recordId, TraceAction change) {
    if (actor.is(Role.AGENT)) {
      queue(recordId, NotificationKind.AGENT_CHANGE, null, null, ActionWording.patient(change));
    }
  }

  /**
   * A professional wrote to the patient in the secure messaging (issue 21): no sender, subject or
   * words in the notification, grouped with the others of the window.
   */
  public void messageArrived(UUID recordId) {
    queue(recordId, NotificationKind.MESSAGE_ARRIVED, null, null, null);
  }

  /**
   * A platform put a new appointment in the agenda (issue 21): no who, where or when in the
   * notification, grouped with the others of the window.
   */
  public void appointmentArrived(UUID recordId) {
    queue(recordId, NotificationKind.APPOINTMENT_ARRIVED, null, null, null);
  }

  /**
   * A prevention reminder is due (issue 21): the rule's code is kept as the detail, for the record;
   * the message never names it.
   */
  public void preventionReminder(UUID recordId, String ruleCode) {
    queue(recordId, NotificationKind.PREVENTION_REMINDER, null, null, ruleCode);
  }

  /** The access history was asked to be sent: the person is told where to read it. */
  public void historyOffered(UUID recordId) {
    queue(recordId, NotificationKind.HISTORY_OFFERED, null, null, null);
  }

  private void queue(
      UUID recordId, NotificationKind kind, String rpps, String profession, String detail) {
    checkTransaction();
    outbox.enqueue(notification(recordId, kind, rpps, profession, detail));
  }

  private NotificationToQueue notification(
      UUID recordId, NotificationKind kind, String rpps, String profession, String detail) {
    return new NotificationToQueue(
        recordId, kind, clock.instant(), rpps, profession, detail, window);
  }

  private void checkTransaction() {
    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
      throw new IllegalStateException("A notification is queued in the transaction of its cause");
    }
  }

  private record KnownReader(UUID recordId, String rpps) {}
}
