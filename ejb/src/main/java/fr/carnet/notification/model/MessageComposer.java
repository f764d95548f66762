package fr.carnet.notification.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRANCE);
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

  /**
   * The message for these notifications; {@code code} is the provisional code issued for an {@link
   * NotificationKind#ENROLMENT} among them (none if the record is no longer pending, and then the
   * enrolment is not told). Empty when nothing is left to tell.
   */
  public Optional<Message> compose(
      Channel channel, List<PendingNotification> pending, Optional<CodeIssuer.Code> code) {
    List<PendingNotification> told = told(pending, code);
    if (told.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(channel == Channel.SMS ? sms(told, code) : email(told, code));
  }

  /** The notifications a message tells: an enrolment only with its code. */
  static List<PendingNotification> told(
      List<PendingNotification> pending, Optional<CodeIssuer.Code> code) {
    return pending.stream()
        .filter(n -> n.kind() != NotificationKind.ENROLMENT || code.isPresent())
        .toList();
  }

  /**
   * What an email or a letter says, one paragraph per notification (documents counted together), in
   * the order they happened. The enrolment's code is written here, once.
   */
  public List<String> paragraphs(
      List<PendingNotification> pending, Optional<CodeIssuer.Code> code) {
    List<String> lines = new ArrayList<>();
    long documents = 0;
    long messages = 0;
    long appointments = 0;
    long reminders = 0;
    for (PendingNotification notification : told(pending, code)) {
      switch (notification.kind()) {
        case ENROLMENT -> lines.add(enrolment(notification, code.orElseThrow()));
        case FIRST_ACCESS ->
            lines.add(
                capitalised(who(notification))
                    + " a consulté votre dossier pour la première fois, "
                    + when(notification)
                    + ".");
        case BREAK_GLASS -> lines.add(emergency(notification) + ".");
        case ACCOUNT_STATE -> lines.add(state(notification.detail()));
        case REPRESENTATION -> lines.add(representation(notification));
        case DELETION -> lines.add(deletion(notification));
        case PROXY -> lines.add(proxy(notification));
        case EXPORT_OFFERED ->
            lines.add(
                "L'export complet de votre dossier vous attend : téléchargez-le depuis votre"
                    + " espace Carnet (rubrique « Exporter mon dossier »).");
        case HISTORY_BY_POST ->
            lines.add(
                "Vous avez demandé, "
                    + when(notification)
                    + ", l'historique des accès à votre dossier par courrier : il figure"
                    + " ci-dessous.");
        case EXPORT_BY_POST ->
            lines.add(
                "Vous avez demandé, "
                    + when(notification)
                    + ", l'export de votre dossier par courrier. Il contient vos données de santé"
                    + " et n'est donc jamais imprimé : téléchargez-le depuis votre espace Carnet"
                    + " (rubrique « Exporter mon dossier »), ou appelez l'Assurance Maladie pour"
                    + " le recevoir autrement.");
        case AGENT_CHANGE ->
            lines.add(
                "Un conseiller de l'Assurance Maladie "
                    + notification.detail()
                    + ", "
                    + when(notification)
                    + ", à votre demande au téléphone. Si vous n'avez pas appelé, signalez-le à"
                    + " l'Assurance Maladie.");
        case HISTORY_OFFERED ->
            lines.add(
                "Un conseiller a demandé pour vous l'historique des accès à votre dossier : vous"
                    + " le trouvez dans votre espace Carnet (rubrique « Historique des accès »).");
        case DOCUMENT_ARRIVED -> documents++;
        case MESSAGE_ARRIVED -> messages++;
        case APPOINTMENT_ARRIVED -> appointments++;
        case PREVENTION_REMINDER -> reminders++;
      }
    }
    if (documents > 0) {
      lines.add(documents(documents) + ".");
    }
    if (messages > 0) {
      // Never the sender, the subject or the words: the contact may not be the patient's alone.
      lines.add(
          (messages == 1
                  ? "1 nouveau message vous attend"
                  : messages + " nouveaux messages vous attendent")
              + " dans la messagerie de votre espace Carnet.");
    }
    if (appointments > 0) {
      // Never who, where or when: a specialist's name or a clinic's says too much.
      lines.add(
          (appointments == 1
                  ? "1 nouveau rendez-vous a été ajouté"
                  : appointments + " nouveaux rendez-vous ont été ajoutés")
              + " à l'agenda de votre espace Carnet.");
    }
    if (reminders > 0) {
      // Never which screening or vaccine: it would say the person's age and sex, and more.
      lines.add(
          (reminders == 1
                  ? "Un rappel de prévention (dépistage ou vaccination) vous attend"
                  : reminders
                      + " rappels de prévention (dépistages ou vaccinations) vous attendent")
              + " dans l'agenda de votre espace Carnet.");
    }
    return lines;
  }

  private Message email(List<PendingNotification> pending, Optional<CodeIssuer.Code> code) {
    StringBuilder body =
        new StringBuilder("Bonjour,\n\nDu nouveau dans votre dossier Carnet :\n\n");
    paragraphs(pending, code).forEach(line -> body.append("- ").append(line).append('\n'));
    body.append("\nLe détail de chaque accès est dans l'historique de votre espace Carnet : ")
        .append(spaceUrl)
        .append("\nVous choisissez dans les paramètres de votre dossier comment être prévenu.")
        .append("\n\nCe message ne contient aucune donnée de santé. Merci de ne pas y répondre.\n");
    return new Message(SUBJECT, body.toString());
  }

  // An SMS says what kinds of things happened and how many, within about 160 characters; the
  // enrolment's needs more (the code and the date), so it is told first.
  private Message sms(List<PendingNotification> pending, Optional<CodeIssuer.Code> code) {
    Optional<PendingNotification> enrolment =
        pending.stream().filter(n -> n.kind() == NotificationKind.ENROLMENT).findFirst();
    if (enrolment.isPresent()) {
      return new Message(
          null,
          "Carnet : votre dossier a été créé. Code provisoire "
              + code.orElseThrow().code()
              + ". Sans opposition de votre part, il s'ouvrira le "
              + DAY.format(deadline(enrolment.get()).atZone(CIVIL_TIME))
              + ". Infos : "
              + spaceUrl);
    }
    long accesses = count(pending, NotificationKind.FIRST_ACCESS);
    long emergencies = count(pending, NotificationKind.BREAK_GLASS);
    long documents = count(pending, NotificationKind.DOCUMENT_ARRIVED);
    long states = count(pending, NotificationKind.ACCOUNT_STATE);
    long representations = count(pending, NotificationKind.REPRESENTATION);
    long deletions = count(pending, NotificationKind.DELETION);
    long proxies = count(pending, NotificationKind.PROXY);
    long exports = count(pending, NotificationKind.EXPORT_OFFERED);
    long histories = count(pending, NotificationKind.HISTORY_OFFERED);
    long agentChanges = count(pending, NotificationKind.AGENT_CHANGE);
    long messages = count(pending, NotificationKind.MESSAGE_ARRIVED);
    long appointments = count(pending, NotificationKind.APPOINTMENT_ARRIVED);
    long reminders = count(pending, NotificationKind.PREVENTION_REMINDER);
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
    if (representations > 0) {
      parts.add("représentation légale à vérifier");
    }
    if (deletions > 0) {
      parts.add("demande de suppression du dossier");
    }
    if (proxies > 0) {
      parts.add("activité de votre mandataire");
    }
    if (exports > 0) {
      parts.add("export du dossier à télécharger");
    }
    if (histories > 0) {
      parts.add("historique des accès à consulter");
    }
    if (agentChanges > 0) {
      parts.add("réglages changés par un conseiller à votre demande");
    }
    if (messages > 0) {
      parts.add(plural(messages, "nouveau message", "nouveaux messages"));
    }
    if (appointments > 0) {
      parts.add(plural(appointments, "nouveau rendez-vous", "nouveaux rendez-vous"));
    }
    if (reminders > 0) {
      parts.add(plural(reminders, "rappel de prévention", "rappels de prévention"));
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

  private static String enrolment(PendingNotification notification, CodeIssuer.Code code) {
    return "Votre dossier Carnet a été créé. Votre code provisoire est "
        + code.code()
        + " (valable jusqu'au "
        + DAY.format(code.expiresAt().atZone(CIVIL_TIME))
        + "). Avec lui, vous pouvez activer votre dossier dès maintenant, ou vous y opposer."
        + " Sans opposition de votre part, il s'ouvrira le "
        + DAY.format(deadline(notification).atZone(CIVIL_TIME))
        + ". Vous pourrez vous y opposer ou le fermer à tout moment.";
  }

  private static Instant deadline(PendingNotification enrolment) {
    return Instant.parse(enrolment.detail());
  }

  private static String state(String state) {
    return switch (state == null ? "" : state) {
      case "PENDING" ->
          "Votre dossier Carnet a été créé. Il s'ouvrira à la fin du délai d'opposition, sauf si"
              + " vous vous y opposez.";
      case "OPEN" -> "Votre dossier Carnet est ouvert.";
      case "OPPOSED" ->
          "Votre opposition est enregistrée : personne ne peut plus alimenter ni consulter votre"
              + " dossier. Vous pouvez la retirer à tout moment.";
      case "CLOSED" ->
          "Votre dossier Carnet est fermé. Il est archivé et peut être rouvert pendant la durée"
              + " de conservation.";
      default -> "L'état de votre dossier Carnet a changé.";
    };
  }

  // Staff's requests are told so that a person who asked for nothing can object in time: who asked
  // (an agent) and that a second staff member checks, never who the representative is.
  private static String representation(PendingNotification notification) {
    String detail = notification.detail() == null ? "" : notification.detail();
    boolean forRepresented = detail.endsWith("_FOR_REPRESENTED");
    String whose =
        forRepresented ? "le dossier d'une personne que vous représentez" : "votre dossier";
    String check =
        " Si vous n'êtes pas à l'origine de cette démarche, contactez l'Assurance Maladie.";
    if (detail.startsWith("APPROVED")) {
      return "Un représentant légal a été enregistré pour "
          + whose
          + ", "
          + when(notification)
          + " : il peut désormais agir pour la personne représentée."
          + check;
    }
    return "Un conseiller a demandé, "
        + when(notification)
        + ", l'enregistrement d'un représentant légal pour "
        + whose
        + ". Il ne pourra agir qu'après la vérification d'un second membre du personnel."
        + check;
  }

  private static String deletion(PendingNotification notification) {
    String detail = notification.detail() == null ? "" : notification.detail();
    String whose =
        detail.endsWith("_FOR_REPRESENTED")
            ? "du dossier d'une personne que vous représentez"
            : "de votre dossier";
    return "Un conseiller a demandé, "
        + when(notification)
        + ", la suppression définitive "
        + whose
        + ". Le dossier est fermé dès maintenant ; il ne sera supprimé qu'après la validation d'un"
        + " second membre du personnel. Si vous n'êtes pas à l'origine de cette démarche,"
        + " contactez l'Assurance Maladie.";
  }

  // The patient chose their proxies and knows them: the message names none, and says what the
  // history will detail.
  private static String proxy(PendingNotification notification) {
    return "RENOUNCED".equals(notification.detail())
        ? "Une personne que vous aviez désignée comme mandataire a renoncé à ce mandat, "
            + when(notification)
            + "."
        : "Une personne que vous avez désignée comme mandataire a agi sur votre dossier pour la"
            + " première fois, "
            + when(notification)
            + ". Vous pouvez révoquer ce mandat à tout moment.";
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
