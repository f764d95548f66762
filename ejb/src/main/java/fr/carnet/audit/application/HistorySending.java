package fr.carnet.audit.application;

import fr.carnet.access.application.AccessGate;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.notification.application.Notifications;
import fr.carnet.record.model.Record;
import fr.carnet.record.model.RecordRepository;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Has the record's access history sent to the person (issue 19): at their registered contact (the
 * message says where to read it and never carries it), or by post. A call-centre agent asks it for
 * a caller they confirmed and never reads the history themself ({@code mayReadHistory} refuses
 * them): the policy's {@code mayRequestHistorySending} decides, the trace names the agent.
 */
@Stateless
public class HistorySending {

  @Inject private AccessGate gate;
  @Inject private RecordRepository records;
  @Inject private Notifications notifications;

  /** Whether a letter could go to the person: the desk offers "by post" only then. */
  public boolean reachableByPost(UUID recordId) {
    return records
        .find(recordId)
        .map(Record::contact)
        .map(contact -> contact.address() != null)
        .orElse(false);
  }

  public void request(Actor actor, UUID recordId, boolean byPost) {
    gate.enter(
        actor,
        recordId,
        TraceAction.HISTORY_SENDING,
        byPost ? "by post" : "to contact",
        ErrorCode.FORBIDDEN,
        (policy, facts) -> policy.mayRequestHistorySending(actor, facts));
    Record record =
        records.find(recordId).orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    if (byPost) {
      // The letter lists the accesses as the history shows them (LetterComposer), never a title.
      if (record.contact() == null || record.contact().address() == null) {
        throw new CarnetException(ErrorCode.POSTAL_ADDRESS_MISSING);
      }
      notifications.historyByPost(recordId);
      return;
    }
    if (record.contact() == null
        || (record.contact().email() == null && record.contact().phone() == null)) {
      throw new CarnetException(ErrorCode.CONTACT_MISSING);
    }
    notifications.historyOffered(recordId);
  }
}
