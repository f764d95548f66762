package fr.carnet.notification.model;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the one message that summarises a mailbox's pending notifications, in French.
 *
 * <p>A message leaves the certified hosting: it names who accessed the record and when, and how
 * many documents arrived, but never a document's title or class, a break-glass reason (written by
 * the professional, it may be clinical), or the patient's identity. The details are in the
 * patient's access history.
 */
public final class MessageComposer {

  private static final ZoneId CIVIL_TIME = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("'le' dd/MM/yyyy 'à' HH:mm", Locale.FRANCE);
  private static final String SUBJECT = "Carnet : du nouveau dans votre dossier";

  private final String spaceUrl;

  /**
   * @param spaceUrl where the patient reads their record and its access history
   */
  public MessageComposer(String spaceUrl) {
    this.spaceUrl = spaceUrl;
  }

  public Message compose(Channel channel, List<PendingNotification> pending) {
    if (pending.isEmpty()) {
      throw new IllegalArgumentException("Nothing to tell");
    }
    return channel == Channel.SMS ? sms(pending) : email(pending);
  }

  private Message email(List<PendingNotification> pending) {
    List<String> lines = new ArrayList<>();
    long documents = 0;
    for (PendingNotification notification : pending) {
      switch (notification.kind()) {
        case FIRST_ACCESS ->
            lines.add(
                "- "
                    + capitalised(who(notification))
                    + " a consulté votre dossier pour la première fois, "
                    + when(notification)
                    + ".");
        case BREAK_GLASS -> lines.add("- " + emergency(notification) + ".");
        case ACCOUNT_STATE -> lines.add("- " + state(notification.detail()));
        case DOCUMENT_ARRIVED -> documents++;
      }
    }
    if (documents > 0) {
      lines.add("- " + documents(documents) + ".");
    }
    StringBuilder body =
        new StringBuilder("Bonjour,\n\nDu nouveau dans votre dossier Carnet :\n\n");
    lines.forEach(line -> body.append(line).append('\n'));
    body.append("\nLe détail de chaque accès est dans l'historique de votre espace Carnet : ")
        .append(spaceUrl)
        .append("\nVous choisissez dans les paramètres de votre dossier comment être prévenu.")
        .append("\n\nCe message ne contient aucune donnée de santé. Merci de ne pas y répondre.\n");
    return new Message(SUBJECT, body.toString());
  }

  // An SMS says what kinds of things happened and how many, within about 160 characters.
  private Message sms(List<PendingNotification> pending) {
    long accesses = count(pending, NotificationKind.FIRST_ACCESS);
    long emergencies = count(pending, NotificationKind.BREAK_GLASS);
    long documents = count(pending, NotificationKind.DOCUMENT_ARRIVED);
    long states = count(pending, NotificationKind.ACCOUNT_STATE);
    List<String> parts = new ArrayList<>();
    if (emergencies > 0) {
      parts.add(plural(emergencies, "accès en urgence", "accès en urgence"));
    }
    if (accesses > 0) {
      parts.add(plural(accesses, "nouveau professionnel", "nouveaux professionnels"));
    }
    if (documents > 0) {
      parts.add(plural(documents, "nouveau document", "nouveaux documents"));
    }
    if (states > 0) {
      parts.add("changement d'état du dossier");
    }
    return new Message(
        null,
        "Carnet : "
            + String.join(", ", parts)
            + ". Détails dans votre espace Carnet : "
            + spaceUrl);
  }

  private static long count(List<PendingNotification> pending, NotificationKind kind) {
    return pending.stream().filter(notification -> notification.kind() == kind).count();
  }

  private static String who(PendingNotification notification) {
    String profession =
        notification.professionLabel() == null
            ? "un professionnel de santé"
            : notification.professionLabel().toLowerCase(Locale.FRANCE);
    return notification.actorRpps() == null
        ? profession
        : profession + " (RPPS " + notification.actorRpps() + ")";
  }

  private static String emergency(PendingNotification notification) {
    String mode =
        "REGULATION".equals(notification.detail())
            ? "Accès par la régulation médicale (SAMU-Centre 15)"
            : "Accès en urgence (bris de glace)";
    return mode + " à votre dossier par " + who(notification) + ", " + when(notification);
  }

  private static String state(String state) {
    return switch (state == null ? "" : state) {
      case "PENDING" ->
          "Votre dossier Carnet a été créé. Il s'ouvrira à la fin du délai d'opposition, sauf si"
              + " vous vous y opposez.";
      case "OPEN" -> "Votre dossier Carnet est ouvert.";
      default -> "L'état de votre dossier Carnet a changé.";
    };
  }

  private static String documents(long count) {
    return count == 1
        ? "1 nouveau document a été ajouté à votre dossier"
        : count + " nouveaux documents ont été ajoutés à votre dossier";
  }

  private static String plural(long count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }

  private static String when(PendingNotification notification) {
    return WHEN.format(notification.occurredAt().atZone(CIVIL_TIME));
  }

  private static String capitalised(String text) {
    return text.substring(0, 1).toUpperCase(Locale.FRANCE) + text.substring(1);
  }
}
