package fr.carnet.notification.infrastructure;

import fr.carnet.notification.model.Channel;
import fr.carnet.notification.model.DeliveryFailure;
import fr.carnet.notification.model.Message;
import fr.carnet.notification.model.MessageChannel;
import fr.carnet.record.model.Contact;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Email through Jakarta Mail to the SMTP server of the configuration. */
@ApplicationScoped
public class SmtpMailChannel implements MessageChannel {

  @Inject
  @ConfigProperty(name = "carnet.notification.mail.host", defaultValue = "localhost")
  private String host;

  @Inject
  @ConfigProperty(name = "carnet.notification.mail.port", defaultValue = "25")
  private int port;

  @Inject
  @ConfigProperty(
      name = "carnet.notification.mail.from",
      defaultValue = "ne-pas-repondre@carnet.example")
  private String from;

  @Inject
  @ConfigProperty(name = "carnet.notification.mail.user")
  private Optional<String> user;

  @Inject
  @ConfigProperty(name = "carnet.notification.mail.password")
  private Optional<String> password;

  // STARTTLS is required: the messages name the person and the kind of event. A plain
  // connection (a local test server, a relay on the same host) must be allowed explicitly.
  @Inject
  @ConfigProperty(name = "carnet.notification.mail.allow-plain", defaultValue = "false")
  private boolean allowPlain;

  // A mail server that hangs must not hold the delivery job: it is then simply down.
  @Inject
  @ConfigProperty(name = "carnet.notification.mail.timeout", defaultValue = "PT10S")
  private Duration timeout;

  private Session session;

  @PostConstruct
  void configure() {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", host);
    properties.put("mail.smtp.port", String.valueOf(port));
    properties.put("mail.smtp.connectiontimeout", String.valueOf(timeout.toMillis()));
    properties.put("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
    properties.put("mail.smtp.writetimeout", String.valueOf(timeout.toMillis()));
    properties.put("mail.smtp.starttls.enable", "true");
    properties.put("mail.smtp.starttls.required", String.valueOf(!allowPlain));
    Authenticator authenticator = null;
    if (user.isPresent()) {
      properties.put("mail.smtp.auth", "true");
      String secret = password.orElse("");
      String name = user.get();
      authenticator =
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return new PasswordAuthentication(name, secret);
            }
          };
    }
    session = Session.getInstance(properties, authenticator);
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public void send(String address, Message message) throws DeliveryFailure {
    InternetAddress recipient;
    try {
      // One mailbox, by the contact's own check: an address stored before it (a list, a group,
      // a name before another address, an unbalanced quote) never sends anywhere but to itself.
      if (!Contact.isOneMailbox(address)) {
        throw new AddressException("Not one mailbox");
      }
      recipient = new InternetAddress(address, true);
    } catch (AddressException e) {
      // The address is this mailbox's failure, not the server's, which the others still reach.
      throw DeliveryFailure.ofRecipient("SMTP " + host + ":" + port + ": " + rootMessage(e), e);
    }
    try {
      MimeMessage mail = new MimeMessage(session);
      mail.setFrom(new InternetAddress(from));
      mail.setRecipient(jakarta.mail.Message.RecipientType.TO, recipient);
      mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
      mail.setText(message.body(), StandardCharsets.UTF_8.name());
      mail.setSentDate(new Date());
      Transport.send(mail);
    } catch (MessagingException e) {
      throw new DeliveryFailure("SMTP " + host + ":" + port + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + " " + root.getMessage();
  }
}
