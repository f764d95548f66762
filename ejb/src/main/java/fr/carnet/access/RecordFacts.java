package fr.carnet.access;

import fr.carnet.record.model.RecordState;

/**
 * What the policy needs to know of a record.
 *
 * @param state the record's state
 * @param ownedByActor whether the actor is the patient the record belongs to
 */
public record RecordFacts(RecordState state, boolean ownedByActor) {}
