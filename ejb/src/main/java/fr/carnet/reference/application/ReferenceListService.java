package fr.carnet.reference.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.application.AccessGate;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.reference.model.ReferenceEntry;
import fr.carnet.reference.model.ReferenceLists;
import fr.carnet.security.Actor;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The reference lists for every caller in a person's role: codes and labels, about no one. The gate
 * decides each read and traces a refusal (an app, an incomplete professional identity) and a staff
 * member's read; a professional's or a patient's permitted read is not traced, since it discloses
 * nothing of a record or a person.
 */
@Stateless
public class ReferenceListService {

  @Inject private ReferenceLists lists;
  @Inject private AccessGate gate;

  public List<ReferenceEntry> documentClasses(Actor actor) {
    gate.consult(
        actor, AccountAction.READ_REFERENCE, TraceAction.REFERENCE_READ, "document classes");
    return lists.documentClasses();
  }

  public List<ReferenceEntry> professions(Actor actor) {
    gate.consult(actor, AccountAction.READ_REFERENCE, TraceAction.REFERENCE_READ, "professions");
    return lists.professions();
  }
}
