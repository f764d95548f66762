package fr.carnet.access.model;

import fr.carnet.access.AccessMode;
import fr.carnet.access.ProxyStanding;
import fr.carnet.access.Relationship;
import fr.carnet.access.Representation;
import fr.carnet.record.model.RecordState;

/**
 * A record as it stands for one actor, read in one query: all the access facts but the matrix,
 * which comes from the reference data at {@code referenceVersion}. A proxy's designation is there
 * only when the relationship is {@code PROXY}.
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
    ProxyStanding proxy,
    java.time.LocalDate personBirthDate) {}
