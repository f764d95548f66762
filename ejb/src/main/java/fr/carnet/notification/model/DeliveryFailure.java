package fr.carnet.notification.model;

/**
 * A channel could not take a message now; the mailbox is tried again later. Either the channel is
 * down (its server unreachable, refusing, timing out), and the other mailboxes of the batch wait
 * their backoff instead of each waiting for the same failure; or only this recipient's address was
 * refused ({@link #recipientOnly()}), and the others go on.
 */
public class DeliveryFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean recipientOnly;

  public DeliveryFailure(String message, Throwable cause) {
    this(message, cause, false);
  }

  public DeliveryFailure(String message) {
    this(message, null, false);
  }

  private DeliveryFailure(String message, Throwable cause, boolean recipientOnly) {
    super(message, cause);
    this.recipientOnly = recipientOnly;
  }

  /** The channel works; this address cannot be sent to (one the mail library cannot parse). */
  public static DeliveryFailure ofRecipient(String message, Throwable cause) {
    return new DeliveryFailure(message, cause, true);
  }

  /** Whether the failure is this recipient's alone, not the channel's. */
  public boolean recipientOnly() {
    return recipientOnly;
  }
}
