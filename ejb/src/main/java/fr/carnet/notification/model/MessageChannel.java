package fr.carnet.notification.model;

/** A way out to patients: the mail server or the SMS gateway. */
public interface MessageChannel {

  Channel channel();

  /** Hands the message over; returns only once the server or gateway accepted it. */
  void send(String address, Message message) throws DeliveryFailure;
}
