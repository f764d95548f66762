package fr.carnet.notification.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.access.Layer;
import fr.carnet.access.application.AccessGate;
import fr.carnet.audit.model.ActionWording;
import fr.carnet.audit.model.HistoryRule;
import fr.carnet.audit.model.HistoryViewer;
import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceRepository;
import fr.carnet.notification.infrastructure.PrintShopFolder;
import fr.carnet.notification.model.Delivery;
import fr.carnet.notification.model.Outbox;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The letters' transactions: the history a letter prints, a letter's outcome with its trace, and
 * the agents' list of letters that could not be produced.
 */
@Stateless
public class LetterService {

  /** The letters job, as the traces name it ("Carnet" in the patient's history). */
  public static final Actor LETTERS_JOB = Actor.staff("system:letters", Role.ADMIN);

  private static final Set<String> STAFF = Set.of("AGENT", "ADMIN", "AUDITOR");
  private static final ZoneId CIVIL_TIME = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("'le' dd/MM/yyyy 'à' HH:mm", Locale.FRANCE);

  @Inject private Outbox outbox;
  @Inject private TraceRepository traces;
  @Inject private AccessGate gate;

  /**
   * The newest {@code limit} entries of the record's history, one line each (when, who, what kind
   * of access), as a representative is shown them: the address may be a parent's, so nothing
   * withheld from the patient nor a minor's secret; never a detail (a reason may be clinical). The
   * call centre's own steps (settings read, caller confirmed) are counted, not listed, so that no
   * agent can push the professionals' accesses off the page; a last line says what was left out.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<String> history(UUID recordId, int limit) {
    List<String> lines = new ArrayList<>();
    int staff = 0;
    boolean older = false;
    Long cursor = null;
    // Bounded: at most ten pages of traces are read for one letter.
    for (int page = 0; page < 10 && !older; page++) {
      List<TraceRepository.HistoryRow> rows = traces.history(recordId, cursor, limit);
      for (TraceRepository.HistoryRow row : rows) {
        Optional<Trace> shown =
            HistoryRule.asSeenBy(HistoryViewer.REPRESENTATIVE, row.trace(), row.subject());
        if (shown.isEmpty()) {
          continue;
        }
        if (STAFF.contains(shown.get().actorRole())
            && !shown.get().actorId().startsWith("system:")) {
          staff++;
        } else if (lines.size() < limit) {
          lines.add(line(shown.get()));
        } else {
          older = true;
        }
      }
      if (rows.size() < limit) {
        break;
      }
      cursor = rows.get(rows.size() - 1).trace().id();
    }
    if (staff > 0) {
      lines.add(
          staff
              + (staff == 1 ? " action" : " actions")
              + " du personnel de l'Assurance Maladie (consultation de vos réglages, confirmation"
              + " de votre identité au téléphone) : le détail est dans votre espace.");
    }
    if (older) {
      lines.add("Les accès plus anciens ne sont pas imprimés : ils sont dans votre espace.");
    }
    return lines;
  }

  private static String line(Trace t) {
    return capitalised(WHEN.format(t.at().atZone(CIVIL_TIME))) + " : " + ActionWording.summary(t);
  }

  /**
   * The letter of this mailbox is in a published batch (or there was nothing to tell, {@code entry}
   * null): its notifications are delivered, and the letter traced under the letters job, with its
   * id and batch (never its content: the code is in no trace).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void produced(
      Delivery delivery, PrintShopFolder.Entry entry, String batch, Instant now, Duration window) {
    outbox.delivered(delivery, "SENT", now, window);
    if (entry != null) {
      gate.pass(
          LETTERS_JOB,
          TraceAction.LETTER_PRODUCED,
          delivery.recordId(),
          Decision.permit(Layer.RECORD_STATE, "POSTAL_ADDRESS_ONLY"),
          entry.letterId() + " " + batch);
    }
  }

  /**
   * The letters that could not be produced (no postal address), for an agent: traced, and under
   * each record listed too, so that the person's history says an agent saw it.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public List<Outbox.ImpossibleLetter> impossible(Actor actor, int limit) {
    Decision decision =
        gate.admit(
            actor,
            AccountAction.LIST_IMPOSSIBLE_LETTERS,
            TraceAction.LETTERS_IMPOSSIBLE_LIST,
            null);
    List<Outbox.ImpossibleLetter> listed = outbox.impossibleLetters(limit);
    listed.stream()
        .map(Outbox.ImpossibleLetter::recordId)
        .distinct()
        .forEach(
            recordId ->
                gate.pass(actor, TraceAction.LETTERS_IMPOSSIBLE_LIST, recordId, decision, null));
    return listed;
  }

  private static String capitalised(String text) {
    return text.substring(0, 1).toUpperCase(Locale.FRANCE) + text.substring(1);
  }
}
