package fr.carnet.devserver;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The dev launcher's mail server: the patients' notifications go here and are logged, instead of
 * piling up in the outbox for want of an SMTP server. Not started when the operator names one.
 */
final class DevMailCatcher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DevMailCatcher.class.getName());

  private final GreenMail mail;
  private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
  private int logged;

  private DevMailCatcher(int port) {
    mail = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
    mail.start();
    watcher.scheduleWithFixedDelay(this::logNew, 2, 2, TimeUnit.SECONDS);
  }

  static DevMailCatcher start(int port) {
    return new DevMailCatcher(port);
  }

  /** The settings that point Carnet at this server. */
  static Map<String, String> settings(int port) {
    // The catcher speaks plain SMTP on the loopback: allowed here, and only here.
    return Map.of(
        "CARNET_NOTIFICATION_MAIL_HOST",
        "127.0.0.1",
        "CARNET_NOTIFICATION_MAIL_PORT",
        "" + port,
        "CARNET_NOTIFICATION_MAIL_ALLOW_PLAIN",
        "true");
  }

  private void logNew() {
    MimeMessage[] received = mail.getReceivedMessages();
    for (; logged < received.length; logged++) {
      try {
        MimeMessage message = received[logged];
        LOG.info(
            "Mail to "
                + Arrays.toString(message.getRecipients(Message.RecipientType.TO))
                + ": "
                + message.getSubject()
                + "\n"
                + message.getContent());
      } catch (MessagingException | java.io.IOException e) {
        LOG.warning("Unreadable mail: " + e);
      }
    }
  }

  @Override
  public void close() {
    watcher.shutdownNow();
    mail.stop();
  }
}
