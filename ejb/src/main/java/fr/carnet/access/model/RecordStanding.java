package fr.carnet.access.model;

import fr.carnet.access.AccessMode;
import fr.carnet.access.ProxyStanding;
import fr.carnet.access.Relationship;
import fr.carnet.access.Representation;
import fr.carnet.record.model.RecordState;
import java.util.Set;

/**
 * A record as it stands for one actor, read in one query: all the access facts but the matrix,
 * which comes from the reference data at {@code referenceVersion}. A proxy's designation is there
 * only when the relationship is {@code PROXY}.
 *
 * <p>{@code maskedClasses} and {@code organisationBlocked}: the classes the patient masked, and
 * whether they blocked the organisation the actor acts for (issue 18). {@code caller}: for an
 * agent, their current confirmation of the caller's identity, if any (issue 19).
 */
public record RecordStanding(
    RecordState state,
    Relationship relationship,
    Representation representation,
    boolean emergencyAccess,
    AccessMode grant,
    boolean blocked,
    boolean designatedGp,
    long referenceVersion,
    Set<String> maskedClasses,
    boolean organisationBlocked,
    ProxyStanding proxy,
    java.time.LocalDate personBirthDate,
    fr.carnet.access.CallerConfirmation caller) {}
