package fr.carnet.notification.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the letter that carries a postal mailbox's pending notifications, in French: the same
 * paragraphs as an email ({@link MessageComposer#paragraphs}), so that a letter says no more than a
 * message may (never a document's title or class, a break-glass reason, the NIR), framed as a
 * letter, and for a history asked for by post the history's lines as {@code ActionWording} words
 * them.
 */
public final class LetterComposer {

  private static final ZoneId CIVIL_TIME = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("'le' dd/MM/yyyy", Locale.FRANCE);

  private final MessageComposer messages;
  private final String spaceUrl;

  public LetterComposer(String spaceUrl) {
    this.messages = new MessageComposer(spaceUrl);
    this.spaceUrl = spaceUrl;
  }

  /**
   * The letter for these notifications to this address (lines separated by {@code \n}); {@code
   * code} as for {@link MessageComposer#compose}, {@code history} the lines of a history asked for
   * by post. Empty when nothing is left to tell.
   */
  public Optional<Letter> compose(
      UUID letterId,
      UUID recordId,
      String address,
      List<PendingNotification> pending,
      Optional<CodeIssuer.Code> code,
      List<String> history,
      Instant now) {
    List<String> told = messages.paragraphs(pending, code);
    if (told.isEmpty()) {
      return Optional.empty();
    }
    boolean asked = pending.stream().anyMatch(n -> n.kind() == NotificationKind.HISTORY_BY_POST);
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add("Madame, Monsieur,");
    paragraphs.addAll(told);
    if (asked && history.isEmpty()) {
      paragraphs.add("Aucun accès à votre dossier n'est enregistré à ce jour.");
    }
    paragraphs.add(
        "Le détail de chaque accès est dans l'historique de votre espace Carnet ("
            + spaceUrl
            + (asked || pending.stream().anyMatch(n -> n.kind().byPostOnly())
                ? "). Vous recevez ce courrier à votre demande."
                : "). Vous recevez ce courrier parce que nous n'avons ni votre adresse"
                    + " électronique ni votre numéro de téléphone : vous pouvez les donner à"
                    + " l'Assurance Maladie pour être prévenu autrement."));
    paragraphs.add(
        "Ce courrier ne contient aucune donnée de santé. Veuillez agréer, Madame, Monsieur,"
            + " l'expression de nos salutations distinguées.");
    paragraphs.add("Carnet — votre dossier de santé partagé");
    return Optional.of(
        new Letter(
            letterId,
            recordId,
            List.of(address.split("\n")),
            DAY.format(now.atZone(CIVIL_TIME)),
            subject(pending),
            paragraphs,
            asked ? history : List.of()));
  }

  private static String subject(List<PendingNotification> pending) {
    if (pending.stream().anyMatch(n -> n.kind() == NotificationKind.ENROLMENT)) {
      return "Objet : création de votre dossier Carnet et votre code provisoire";
    }
    if (pending.stream().anyMatch(n -> n.kind() == NotificationKind.HISTORY_BY_POST)) {
      return "Objet : l'historique des accès à votre dossier Carnet";
    }
    return "Objet : du nouveau dans votre dossier Carnet";
  }
}
