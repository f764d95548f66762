package fr.carnet.notification.model;

/** A channel could not take a message now; the mailbox is tried again later. */
public class DeliveryFailure extends Exception {

  private static final long serialVersionUID = 1L;

  public DeliveryFailure(String message, Throwable cause) {
    super(message, cause);
  }

  public DeliveryFailure(String message) {
    super(message);
  }
}
