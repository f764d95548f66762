package fr.carnet.notification.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The notifications waiting to be delivered, kept in the database with what caused them. */
public interface Outbox {

  /** Queues a notification on each channel the patient chose, in the caller's transaction. */
  void enqueue(NotificationToQueue notification);

  /**
   * Notes a professional's access to a record and queues a {@link NotificationKind#FIRST_ACCESS} if
   * it is their first; answers whether it was.
   */
  boolean noteReader(UUID recordId, String rpps, String profession, Instant at, Duration window);

  /**
   * Claims mailboxes that are due and not claimed by anyone else (rows locked with SKIP LOCKED,
   * then leased until {@code leaseUntil}), with what they hold.
   */
  List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit, int perMessage);

  /**
   * Marks the notifications up to {@code lastId} delivered, and the mailbox due again at the end of
   * the window if more arrived meanwhile.
   */
  void delivered(Delivery delivery, String outcome, Instant now, Duration window);

  /** Releases a mailbox after a failed attempt, due again at {@code retryAt}. */
  void failed(Delivery delivery, String error, Instant retryAt);

  /**
   * The letters that could not be produced, newest first: notifications on {@link Channel#POST}
   * given up for want of a postal address, of records that still have none.
   */
  List<ImpossibleLetter> impossibleLetters(int limit);

  /** A letter that could not be produced: the record, what it was to tell, and when. */
  record ImpossibleLetter(UUID recordId, NotificationKind kind, Instant at) {}
}
