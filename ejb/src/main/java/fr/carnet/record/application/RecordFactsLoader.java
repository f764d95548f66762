package fr.carnet.record.application;

import fr.carnet.access.RecordFacts;
import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.record.model.Record;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Gathers what the access policy needs to know of a record for one actor. */
@ApplicationScoped
class RecordFactsLoader {

  @Inject private IdentityRepository identities;

  RecordFacts of(Actor actor, Record record) {
    boolean owned =
        actor.is(Role.PATIENT)
            && actor.ins() != null
            && identities
                .findByInsNumber(actor.ins())
                .map(identity -> identity.recordId().equals(record.id()))
                .orElse(false);
    return new RecordFacts(record.state(), owned);
  }
}
