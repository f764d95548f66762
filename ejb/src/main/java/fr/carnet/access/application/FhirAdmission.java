package fr.carnet.access.application;

import fr.carnet.access.AccountAction;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.security.Actor;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Whether a caller may use {@code /fhir} at all, before HAPI reads the request: the policy decides
 * ({@link AccountAction#USE_FHIR}: never an app, whose grant governs {@code /api} only), and a
 * refusal is traced in this transaction, with the caller as actor and no record (none is named
 * yet), under the action the interaction would have been.
 */
@Stateless
public class FhirAdmission {

  @Inject private AccessGate gate;

  /** Refuses, traced, an actor the policy keeps from {@code /fhir}; returns for any other. */
  public void admit(Actor actor, TraceAction interaction, String detail) {
    gate.check(actor, AccountAction.USE_FHIR, interaction, detail);
  }
}
