package fr.carnet.audit.model;

/**
 * The trace of a permitted access that the access's own statement appends, so that the work and its
 * trace travel in one round trip: handed to the repository that does the work, then confirmed as
 * carried, or withdrawn if the work was not done. Until then the transaction cannot commit (see
 * {@code TraceService.recordWithWork}): no access goes untraced because a caller forgot its trace.
 *
 * @param entry what the statement appends
 * @param event what observers are told once it is appended
 */
public record PendingTrace(TraceEntry entry, AccessTraced event) {}
